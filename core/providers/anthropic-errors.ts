/**
 * Maps the Anthropic SDK's errors onto ProviderError kinds, with messages that name the model and
 * the fix. Every message goes through the redactor, and SDK errors (whose bodies and headers can
 * echo request details) are never attached as causes, so no key can leak through an error.
 */
import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { kindOfStatus, parseRetryAfter, ProviderError, type ProviderErrorKind } from "./errors";
import { redactor } from "./redact";

export interface AnthropicErrorContext {
  model: string;
  endpoint: string;
  /** The variable the key is read from, named in auth errors. */
  keyEnv: string;
  /** The caller's signal: an error after it fired is a cancellation (or the engine's timeout). */
  signal?: AbortSignal | undefined;
}

/** Bodies of 400s that mean the prompt plus `max_tokens` do not fit the model's context. */
const CONTEXT_LENGTH = /prompt is too long|too many (input )?tokens|context (window|length|limit)|exceeds? (the )?context/i;

/** Error types of the `error` event a stream can carry after its 200 header (no HTTP status then). */
const KIND_OF_TYPE: Readonly<Record<string, ProviderErrorKind>> = {
  overloaded_error: "server",
  api_error: "server",
  rate_limit_error: "rate-limit",
  timeout_error: "timeout",
  authentication_error: "auth",
  permission_error: "auth",
  billing_error: "auth",
  not_found_error: "not-found",
  invalid_request_error: "bad-request",
};

export function toProviderError(error: unknown, context: AnthropicErrorContext): ProviderError {
  if (error instanceof ProviderError) return redactor.redactError(error);
  const model = `model "${context.model}"`;
  const where = `${model} at ${context.endpoint}`;
  const make = (kind: ProviderErrorKind, message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) =>
    new ProviderError(kind, redactor.redact(message), options);

  // Aborting surfaces as several SDK errors (or a quietly ended stream): the signal says which it was.
  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    if (reason instanceof Error && reason.name === "TimeoutError") return make("timeout", `request to ${where} timed out`);
    return make("aborted", `request to ${model} was aborted`);
  }
  if (error instanceof APIUserAbortError) return make("aborted", `request to ${model} was aborted`);
  if (error instanceof APIConnectionTimeoutError) return make("timeout", `request to ${where} timed out`);
  if (error instanceof APIConnectionError) {
    return make("network", `cannot reach ${where}: ${causeText(error)}`, { cause: redactor.redactError(error) });
  }
  if (error instanceof APIError) return fromApiError(error, context, make);
  if (error instanceof SyntaxError) return make("malformed", `${where} sent a broken response: ${error.message}`, { cause: redactor.redactError(error) });
  // undici reports a connection dropped mid-body as a TypeError ("terminated").
  if (error instanceof TypeError) return make("network", `connection to ${where} failed: ${causeText(error)}`, { cause: redactor.redactError(error) });
  if (error instanceof AnthropicError) return make("bad-request", `request to ${where} failed: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return make("bad-request", `request to ${where} failed: ${message}`);
}

type Make = (kind: ProviderErrorKind, message: string, options?: { status?: number; retryAfterMs?: number }) => ProviderError;

function fromApiError(error: APIError, context: AnthropicErrorContext, make: Make): ProviderError {
  const model = `model "${context.model}"`;
  const where = `${model} at ${context.endpoint}`;
  const status = error.status;
  const detail = error.apiMessage ?? error.message;
  const kind = status === undefined ? (KIND_OF_TYPE[error.type ?? ""] ?? "server") : kindOf(status, detail);
  const retryAfterMs = retryAfter(error.headers);
  const options = { ...(status === undefined ? {} : { status }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  const code = status === undefined ? `a stream error (${error.type ?? "unknown"})` : String(status);
  switch (kind) {
    case "auth":
      return make(kind, `${model} rejected the key (${code}): set ${context.keyEnv}`, options);
    case "rate-limit":
      return make(kind, `${where} is rate limiting (${code})${retryAfterMs === undefined ? "" : `, retry after ${Math.round(retryAfterMs)} ms`}: ${detail}`, options);
    case "context-length":
      return make(kind, `${model} rejected the prompt as too long (${code}): ${detail}; shorten the prompt or lower maxTokens`, options);
    case "not-found":
      return make(kind, `${model} was not found at ${context.endpoint} (${code}): check the model name (${detail})`, options);
    case "server":
      return make(kind, `${where} failed (${code}${status === 529 || error.type === "overloaded_error" ? ", overloaded" : ""}): ${detail}`, options);
    default:
      return make(kind, `${where} rejected the request (${code}): ${detail}`, options);
  }
}

/** Like `kindOfStatus`, but only a 400 whose message is about the context is "context-length". */
function kindOf(status: number, detail: string): ProviderErrorKind {
  if (status === 400 || status === 413) return CONTEXT_LENGTH.test(detail) ? "context-length" : "bad-request";
  return kindOfStatus(status, "");
}

/** `retry-after-ms` (Anthropic's precise hint) when present, else `retry-after`. */
function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms"));
  if (headers?.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  return parseRetryAfter(headers?.get("retry-after"));
}

function causeText(error: Error): string {
  let text = error.message;
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) text = cause.message || text;
  return text;
}
