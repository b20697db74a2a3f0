/**
 * A chat request's messages as the architecture's query: the last user message is the query
 * text, and the system (and `developer`) messages, joined, its system prompt, which every
 * model node uses unless it sets its own. Earlier user and assistant turns are not passed: an
 * architecture answers one query.
 */
import type { Query } from "../../graph/ports";
import { HttpError } from "./http";
import type { ChatMessageIn } from "./openai-wire";

const SYSTEM_ROLES = new Set(["system", "developer"]);

export function queryFromMessages(messages: readonly ChatMessageIn[]): Query {
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  if (lastUser < 0) throw new HttpError(400, `messages has no message with role "user": the last user message is the query the architecture answers`, "missing_user_message", { param: "messages" });
  const text = contentText(messages[lastUser] as ChatMessageIn, lastUser);
  if (text.trim() === "") throw new HttpError(400, `messages[${lastUser}] (the last user message) is empty`, "empty_query", { param: `messages[${lastUser}].content` });
  const system = messages
    .map((m, index) => (SYSTEM_ROLES.has(m.role) ? contentText(m, index) : ""))
    .filter((s) => s.trim() !== "")
    .join("\n\n");
  return { text, ...(system !== "" ? { system } : {}) };
}

/** A message's text: a string, or the concatenation of its text parts. */
function contentText(message: ChatMessageIn, index: number): string {
  const content = message.content;
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content
    .map((part, p) => {
      // An image or audio part would be dropped silently otherwise: the architecture's models get text only.
      if (part.type !== "text" || typeof part.text !== "string") {
        throw new HttpError(400, `messages[${index}].content[${p}] is a "${part.type}" part: a served architecture takes text parts only`, "unsupported_content", { param: `messages[${index}].content[${p}]` });
      }
      return part.text;
    })
    .join("");
}
