/**
 * Server-sent events in OpenAI's streaming format: `data: <json>` events, `data: [DONE]` at the
 * end, and a comment line as a heartbeat, so proxies and clients with idle timeouts keep the
 * connection open while a long run has nothing to say yet (SDKs skip comment lines).
 */
import type { ServerResponse } from "node:http";
import { wireError } from "./openai-wire";
import type { HttpError } from "./http";

export class SseStream {
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly response: ServerResponse,
    /** Milliseconds between heartbeats. */
    heartbeatMs: number,
  ) {
    response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    response.flushHeaders();
    this.heartbeat = setInterval(() => this.write(": keep-alive\n\n"), heartbeatMs);
    this.heartbeat.unref();
  }

  send(data: unknown): void {
    this.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** `data: [DONE]`, then the end of the response. */
  done(): void {
    this.write("data: [DONE]\n\n");
    this.end();
  }

  /** The status is already sent (200), so the error goes as an event: the openai SDKs throw it as an `APIError`. */
  fail(error: HttpError): void {
    this.send(wireError(error.message, error.type, error.code, error.options.param ?? null));
    this.end();
  }

  /** Stops the heartbeat; the response is ended, unless the client already went away. */
  end(): void {
    clearInterval(this.heartbeat);
    if (!this.response.writableEnded) this.response.end();
  }

  private write(text: string): void {
    if (!this.response.writableEnded && !this.response.destroyed) this.response.write(text);
  }
}
