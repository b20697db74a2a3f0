/**
 * POST /v1/chat/completions: one request is one run of the architecture. Non-streaming
 * requests get a `chat.completion` when the run ends; streaming ones get the assistant's role
 * at once (so clients see the request was taken), the whole answer as one chunk when the run
 * ends, the finish chunk and, with `stream_options.include_usage`, the usage chunk. A client
 * that disconnects cancels its run.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RunResult } from "../../api/run-types";
import type { Query } from "../../graph/ports";
import { sendJson } from "../../studio/http-io";
import { HttpError, readBody } from "./http";
import { chatChunk, chatCompletion, ChatRequestSchema, type ChatRequest, type CompletionHeader } from "./openai-wire";
import { queryFromMessages } from "./query-from-messages";
import { answerText, itascaExtension, wireUsage } from "./run-reply";
import { SseStream } from "./sse";

/** Runs the served architecture on one query; resolves with the finished run, whatever its outcome. */
export type RunQuery = (query: Query, options: { runId: string; signal: AbortSignal }) => Promise<RunResult>;

export interface ChatContext {
  modelName: string;
  runQuery: RunQuery;
  maxBodyBytes: number;
  heartbeatMs: number;
  /** Cancels the run when the server shuts down; the handler deregisters it when done. */
  track(controller: AbortController): () => void;
  log(line: string): void;
}

export async function handleChatCompletion(request: IncomingMessage, response: ServerResponse, context: ChatContext): Promise<void> {
  const body = parseRequest(await readBody(request, context.maxBodyBytes));
  const query = queryFromMessages(body.messages);
  const uuid = randomUUID();
  const runId = `run-${uuid}`;
  const header: CompletionHeader = { id: `chatcmpl-${uuid.replace(/-/g, "")}`, created: Math.floor(Date.now() / 1000), model: context.modelName };

  const controller = new AbortController();
  const untrack = context.track(controller);
  let clientGone = false;
  // `close` on the response (not the request, which closes once its body is read) is the client going away.
  const onClose = () => {
    if (response.writableFinished) return;
    clientGone = true;
    controller.abort(new Error("the client disconnected"));
  };
  response.on("close", onClose);
  const includeUsage = body.stream_options?.include_usage === true;
  const sse = body.stream === true ? new SseStream(response, context.heartbeatMs) : undefined;
  try {
    sse?.send(chatChunk(header, { role: "assistant", content: "" }, includeUsage ? { usage: null } : {}));
    const result = await context.runQuery(query, { runId, signal: controller.signal });
    const summary = describeRun(result);
    if (clientGone) {
      context.log(`${runId} ${result.status}: the client disconnected (${summary})`);
      return;
    }
    let answer: string;
    try {
      answer = answerText(result);
    } catch (error) {
      if (!(error instanceof HttpError) || !sse) throw error;
      context.log(`${runId} ${result.status} (streamed error ${error.status}): ${error.message}`);
      sse.fail(error);
      return;
    }
    const usage = wireUsage(result);
    const itasca = itascaExtension(result);
    if (sse) {
      const usageField = includeUsage ? { usage: null } : {};
      sse.send(chatChunk(header, { content: answer }, usageField));
      sse.send(chatChunk(header, {}, { finishReason: "stop", itasca, ...usageField }));
      if (includeUsage) sse.send(chatChunk(header, undefined, { usage }));
      sse.done();
    } else {
      sendJson(response, 200, chatCompletion(header, answer, usage, itasca));
    }
    context.log(`${runId} completed${sse ? " (streamed)" : ""}: ${summary}`);
  } finally {
    sse?.end();
    response.off("close", onClose);
    untrack();
  }
}

function parseRequest(text: string): ChatRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, "the request body is not valid JSON", "invalid_json");
  }
  const parsed = ChatRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join(".") ?? "";
    throw new HttpError(400, `${param === "" ? "the request body" : param}: ${issue?.message ?? "invalid"}`, "invalid_request", param === "" ? {} : { param });
  }
  // One architecture run gives one answer; n runs of it would give the same answer n times from the cache.
  if (parsed.data.n !== undefined && parsed.data.n !== null && parsed.data.n !== 1) {
    throw new HttpError(400, `n must be 1, got ${parsed.data.n}: a served architecture gives one answer per request (its own nodes draw the samples)`, "unsupported_n", { param: "n" });
  }
  return parsed.data;
}

function describeRun(result: RunResult): string {
  const u = result.usage;
  return `${u.calls} calls (${u.cachedCalls} cached), ${u.inputTokens} input / ${u.outputTokens} output tokens, $${u.costUsd.toFixed(4)}, ${result.ms} ms`;
}
