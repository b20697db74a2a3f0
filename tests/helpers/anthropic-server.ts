/**
 * A local HTTP server that answers POST /v1/messages in the Messages API format, as JSON or as
 * an SSE stream, for protocol tests of the anthropic provider. It records every request (and
 * whether the client closed the connection before the reply finished), and each reply can be
 * programmed: status, headers, body, stream events, delays.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** True once the client closed the connection before the reply was complete. */
  closedEarly: boolean;
  /** Resolves when the exchange ends, either way. */
  ended: Promise<void>;
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface Reply {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** SSE events, sent in order (takes precedence over `json`). */
  events?: SseEvent[];
  /** Raw SSE text, sent as is (for recorded fixtures). */
  sse?: string;
  /** Delay before the status line, in milliseconds. @default 0 */
  delayMs?: number;
  /** Delay between SSE events, in milliseconds. @default 0 */
  eventDelayMs?: number;
  /** Keep the stream open after the last event, until the client leaves (bounded by the server). @default false */
  hold?: boolean;
  /** Close the socket without a proper end after the events. @default false */
  cutOff?: boolean;
}

export type Responder = (request: RecordedRequest, index: number) => Reply;

export interface ReplyText {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: string;
  model?: string;
}

/** Longest a held stream stays open: keeps a broken test from hanging the run. */
const HOLD_LIMIT_MS = 10_000;

/** A complete Messages API response body. */
export function messageJson({ text, inputTokens = 11, outputTokens = 7, stopReason = "end_turn", model = "claude-test" }: ReplyText): Record<string, unknown> {
  return {
    id: "msg_test",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: null, cache_read_input_tokens: null },
  };
}

/** The event sequence of a streamed response whose text arrives in the given pieces. */
export function messageEvents(pieces: string[], { inputTokens = 11, outputTokens = 7, stopReason = "end_turn", model = "claude-test" }: Omit<ReplyText, "text"> = {}): SseEvent[] {
  return [
    { event: "message_start", data: { type: "message_start", message: { ...messageJson({ text: "", model, inputTokens, outputTokens: 1 }), content: [], stop_reason: null } } },
    { event: "content_block_start", data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } } },
    ...pieces.map((text) => ({ event: "content_block_delta", data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } } })),
    { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
    { event: "message_delta", data: { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } } },
    { event: "message_stop", data: { type: "message_stop" } },
  ];
}

/** An error body in the API's shape. */
export function errorJson(type: string, message: string): Record<string, unknown> {
  return { type: "error", error: { type, message } };
}

/** The default reply: "Hello there." as JSON, or streamed in three pieces. */
export const defaultResponder: Responder = (request) =>
  request.body.stream === true ? { events: messageEvents(["Hello", " there", "."]) } : { json: messageJson({ text: "Hello there." }) };

export class AnthropicTestServer {
  readonly requests: RecordedRequest[] = [];
  private responder: Responder = defaultResponder;
  private readonly timers = new Set<NodeJS.Timeout>();

  private readonly server: Server;
  private address = "";

  private constructor() {
    this.server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (raw += chunk));
      req.on("end", () => void this.handle(req.method ?? "", req.url ?? "", req.headers, raw, res));
    });
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(): Promise<AnthropicTestServer> {
    const instance = new AnthropicTestServer();
    await new Promise<void>((resolve) => instance.server.listen(0, "127.0.0.1", resolve));
    instance.address = `http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`;
    return instance;
  }

  /** The base URL, e.g. `http://127.0.0.1:41234` (the SDK adds `/v1/messages`). */
  get url(): string {
    return this.address;
  }

  /** Sets how the following requests are answered. */
  respond(responder: Responder): void {
    this.responder = responder;
  }

  /** Forgets recorded requests and restores the default reply. */
  reset(): void {
    this.requests.length = 0;
    this.responder = defaultResponder;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(method: string, path: string, headers: IncomingHttpHeaders, raw: string, res: ServerResponse): Promise<void> {
    let finish = () => {};
    const record: RecordedRequest = { method, path, headers, body: parseBody(raw), closedEarly: false, ended: new Promise((resolve) => (finish = resolve)) };
    res.on("close", () => {
      if (!res.writableFinished) record.closedEarly = true;
      finish();
    });
    this.requests.push(record);
    if (method !== "POST" || path !== "/v1/messages") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify(errorJson("not_found_error", `no route ${method} ${path}`)));
      return;
    }
    const reply = this.responder(record, this.requests.length - 1);
    await this.sleep(reply.delayMs ?? 0);
    if (res.destroyed) return;
    const status = reply.status ?? 200;
    if (reply.events === undefined && reply.sse === undefined) {
      res.writeHead(status, { "content-type": "application/json", ...reply.headers }).end(JSON.stringify(reply.json ?? {}));
      return;
    }
    res.writeHead(status, { "content-type": "text/event-stream", "cache-control": "no-cache", ...reply.headers });
    res.flushHeaders();
    const chunks = reply.sse !== undefined ? [reply.sse] : (reply.events ?? []).map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    for (const chunk of chunks) {
      if (res.destroyed) return;
      res.write(chunk);
      await this.sleep(reply.eventDelayMs ?? 0);
    }
    if (reply.cutOff) {
      res.socket?.destroy();
      return;
    }
    if (reply.hold) await Promise.race([record.ended, this.sleep(HOLD_LIMIT_MS)]);
    if (!res.destroyed) res.end();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function parseBody(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
