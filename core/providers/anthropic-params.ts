/**
 * Maps a provider request onto Messages API parameters. The API differs from chat completions in
 * ways that would otherwise fail requests: the system prompt is a top-level field, turns must
 * alternate user/assistant, empty text blocks and whitespace-only stop sequences are rejected,
 * temperature tops out at 1, and there is no seed.
 */
import type { MessageCreateParamsBase, MessageParam } from "@anthropic-ai/sdk/resources/messages";
import type { ChatMessage } from "../nodes/define";
import { ProviderError } from "./errors";
import type { ProviderChatRequest } from "./types";

/**
 * Sampling fields the Messages API takes but the installed SDK's types (1.x) no longer list; the
 * SDK sends the body as given, so they still reach the server.
 */
interface SamplingFields {
  temperature?: number;
  top_p?: number;
}

/** The body of one Messages API request, without `stream`. */
export type AnthropicParams = MessageCreateParamsBase & SamplingFields;

/** Anthropic's temperature range is 0..1 (OpenAI's is 0..2): higher values are clamped to 1. */
export const MAX_TEMPERATURE = 1;

export function toAnthropicParams(request: ProviderChatRequest): AnthropicParams {
  const { system, messages } = splitMessages(request.messages);
  if (messages.length === 0) {
    throw new ProviderError("bad-request", `model "${request.model}": the Messages API needs at least one user or assistant message, and the prompt has none`);
  }
  const stop = (request.stop ?? []).filter((s) => s.trim().length > 0);
  // `seed` is deliberately not sent: the Messages API has no seed, so samples are not reproducible.
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages,
    ...(system ? { system } : {}),
    temperature: clamp(request.temperature, 0, MAX_TEMPERATURE),
    // Sent only when asked for: some models refuse temperature and top_p together (a 400, surfaced as bad-request).
    ...(request.topP === undefined ? {} : { top_p: clamp(request.topP, 0, 1) }),
    ...(stop.length > 0 ? { stop_sequences: stop } : {}),
  };
}

/**
 * System messages become one top-level system prompt (several joined by a blank line); the rest
 * keep their order, with consecutive same-role turns merged so roles alternate.
 */
export function splitMessages(chat: readonly ChatMessage[]): { system: string | undefined; messages: MessageParam[] } {
  const system: string[] = [];
  const turns: { role: "user" | "assistant"; content: string }[] = [];
  for (const message of chat) {
    if (message.role === "system") {
      if (message.content.trim()) system.push(message.content);
      continue;
    }
    // The API rejects empty text blocks; an empty turn carries nothing anyway.
    if (!message.content.trim()) continue;
    const last = turns.at(-1);
    if (last?.role === message.role) last.content = `${last.content}\n\n${message.content}`;
    else turns.push({ role: message.role, content: message.content });
  }
  // A final assistant turn is a prefill the model continues; the API rejects trailing whitespace there.
  const last = turns.at(-1);
  if (last?.role === "assistant") last.content = last.content.trimEnd();
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages: turns };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
