/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol (JSON and SSE
 * streams), with faults injected on a schedule: 429 with Retry-After, 500/503, answers slower
 * than the client's timeout, connections dropped mid-body, malformed JSON and truncated streams.
 * It counts requests in flight, so tests can assert the client's limits held, and records when
 * each request arrived and ended, so tests can assert when a client stopped sending.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  | { kind: "status"; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: "slow"; ms: number }
  | { kind: "drop" }
  | { kind: "malformed" }
  | { kind: "truncated" };

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  n?: number;
  stream?: boolean;
  seed?: number;
  max_tokens?: number;
  temperature?: number;
}

export interface RecordedRequest {
  index: number;
  body: ChatBody;
  headers: IncomingMessage["headers"];
  fault?: Fault["kind"];
  /** Completion tokens the server reported in a response that was fully sent. */
  deliveredTokens?: number;
  /** Prompt tokens (words of all messages) the server reported in a response that was fully sent. */
  promptTokens?: number;
  /** When the request arrived, in ms since the epoch (`performance.timeOrigin + performance.now()`). */
  receivedAt: number;
  /** When its response closed (sent in full or not), same clock. */
  endedAt?: number;
  /** The connection closed before the response was complete: the client went away (or a drop fault). */
  closedEarly?: boolean;
}

export interface OpenAIServerOptions {
  /** Fault for the request with this index (0-based, every attempt counts). @default none */
  faults?: (index: number, body: ChatBody, headers: IncomingMessage["headers"]) => Fault | undefined;
  /** Reply text of choice `choice` of request `index`. @default "reply <index>.<choice>" */
  reply?: (index: number, choice: number, body: ChatBody) => string;
  /** Whether `n` is honoured (else one choice is returned). @default true */
  supportsN?: boolean;
  /** Per-request latency before answering. @default 0 */
  latencyMs?: number;
  /** Model ids listed at /v1/models. @default ["fake-model"] */
  models?: string[];
  /** Usage reporting: all choices, only the first (as llama-server does with n), or none. @default "all" */
  usage?: "all" | "first-choice" | "none";
}

export interface OpenAIServer {
  baseUrl: string;
  requests: RecordedRequest[];
  readonly maxInFlight: number;
  close(): Promise<void>;
}

const tokensOf = (text: string) => text.split(/\s+/).filter(Boolean).length;

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = now();
    if (req.method === "GET" && req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: (options.models ?? ["fake-model"]).map((id) => ({ id, object: "model" })) }));
      return;
    }
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    const body = JSON.parse(raw) as ChatBody;
    const record: RecordedRequest = { index: requests.length, body, headers: req.headers, receivedAt };
    requests.push(record);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const done = () => {
      inFlight--;
      record.endedAt = now();
      if (!res.writableFinished) record.closedEarly = true;
    };
    res.on("close", done);
    const fault = options.faults?.(record.index, body, req.headers);
    if (fault) record.fault = fault.kind;
    // A client that goes away (or close()) ends the wait: no timer outlives the request.
    if (options.latencyMs) await delayUnlessClosed(options.latencyMs, res);
    if (fault?.kind === "slow") await delayUnlessClosed(fault.ms, res);
    if (res.destroyed) return;

    if (fault?.kind === "status") {
      res.writeHead(fault.status, { "content-type": "application/json", ...(fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) }) });
      res.end(JSON.stringify({ error: { message: fault.message ?? `injected ${fault.status}`, type: "injected" } }));
      return;
    }
    const n = options.supportsN === false ? 1 : (body.n ?? 1);
    const texts = Array.from({ length: n }, (_, c) => options.reply?.(record.index, c, body) ?? `reply ${record.index}.${c}`);
    const completion = options.usage === "first-choice" ? tokensOf(texts[0] ?? "") : texts.reduce((sum, t) => sum + tokensOf(t), 0);
    const promptTokens = body.messages.reduce((s, m) => s + tokensOf(m.content), 0);
    const usage = options.usage === "none" ? undefined : { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: 0 };

    if (!body.stream) {
      const json = JSON.stringify({ id: `cmpl-${record.index}`, object: "chat.completion", created: 0, model: body.model, choices: texts.map((t, i) => ({ index: i, message: { role: "assistant", content: t }, finish_reason: "stop" })), usage });
      if (fault?.kind === "malformed") return void res.writeHead(200, { "content-type": "application/json" }).end(json.slice(0, json.length / 2) + "}{");
      if (fault?.kind === "drop") {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(json.length) });
        res.write(json.slice(0, 20));
        return void res.socket?.destroy();
      }
      record.deliveredTokens = completion;
      record.promptTokens = promptTokens;
      res.writeHead(200, { "content-type": "application/json" }).end(json);
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (data: unknown) => res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: `cmpl-${record.index}`, object: "chat.completion.chunk", created: 0, model: body.model, choices, ...extra });
    for (const [i, text] of texts.entries()) {
      const words = text.split(/(?<= )/);
      for (const [w, word] of words.entries()) {
        send(chunk([{ index: i, delta: w === 0 ? { role: "assistant", content: word } : { content: word }, finish_reason: null }]));
        if (fault?.kind === "drop" && w === 0) return void res.socket?.destroy();
        if (fault?.kind === "malformed" && w === 0) send("{not json");
      }
    }
    if (fault?.kind === "truncated") return void res.end();
    for (const i of texts.keys()) send(chunk([{ index: i, delta: {}, finish_reason: "stop" }]));
    send(chunk([], { usage }));
    send("[DONE]");
    record.deliveredTokens = completion;
    record.promptTokens = promptTokens;
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const now = () => performance.timeOrigin + performance.now();

function delayUnlessClosed(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    const finish = () => {
      clearTimeout(timer);
      res.off("close", finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    res.once("close", finish);
  });
}
