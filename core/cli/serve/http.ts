/**
 * The HTTP plumbing of `itasca serve`: a size-capped body reader, JSON replies, and the error
 * every refusal is thrown as, so handlers say what went wrong and one place writes it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { wireError, type WireErrorType } from "./openai-wire";

/** A request refused with an HTTP status and OpenAI's error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    readonly options: { type?: WireErrorType; param?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
  }

  /** `invalid_request_error` below 500, `server_error` from 500 (OpenAI's convention). */
  get type(): WireErrorType {
    return this.options.type ?? (this.status >= 500 ? "server_error" : "invalid_request_error");
  }
}

/** The body as text; over `maxBytes` an `HttpError` 413 (the rest is drained, so the reply still reaches the client). */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > maxBytes) reject(new HttpError(413, `the request body is over ${maxBytes} bytes`, "request_too_large"));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(JSON.stringify(body));
}

export function sendHttpError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, wireError(error.message, error.type, error.code, error.options.param ?? null), error.options.headers);
}
