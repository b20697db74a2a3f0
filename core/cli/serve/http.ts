/**
 * The HTTP plumbing of `itasca serve`: a size-capped body reader, OpenAI-shaped error replies,
 * and the error every refusal is thrown as, so handlers say what went wrong and one place
 * writes it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBodyWithin, sendJson } from "../../studio/http-io";
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
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const body = await readBodyWithin(request, maxBytes);
  if (body === undefined) throw new HttpError(413, `the request body is over ${maxBytes} bytes`, "request_too_large");
  return body;
}

export function sendHttpError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, wireError(error.message, error.type, error.code, error.options.param ?? null), error.options.headers);
}
