/**
 * Maps the openai SDK's errors onto ProviderError kinds, with messages that name the model and
 * the fix, and never carry a key.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { kindOfStatus, parseRetryAfter, ProviderError } from "./errors";
import { redactor } from "./redact";

export interface ErrorContext {
  model: string;
  baseUrl: string;
  /** The variable the key is read from, for the hint on 401/403. */
  keyEnv?: string;
}

export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const where = `model "${context.model}" at ${context.baseUrl}`;
  if (error instanceof APIUserAbortError) return new ProviderError("aborted", `request to ${where} was aborted`, { cause: error });
  if (error instanceof APIConnectionTimeoutError) return new ProviderError("timeout", `request to ${where} timed out`, { cause: error });
  if (error instanceof APIConnectionError) {
    return new ProviderError("network", redactor.redact(`cannot reach ${where}: ${causeText(error)}; is the server running?`), { cause: error });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const body = redactor.redact(bodyText(error));
    const kind = kindOfStatus(status, body);
    const retryAfterMs = parseRetryAfter(error.headers?.get?.("retry-after"));
    const options = { status, cause: error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    switch (kind) {
      case "auth":
        return new ProviderError(kind, `model "${context.model}" rejected the key (${status}): ${context.keyEnv ? `set ${context.keyEnv}` : "set the key variable named by the model entry's keyEnv"}`, options);
      case "not-found":
        return new ProviderError(kind, `${where} answered 404: the model name or base URL is wrong (${body || "not found"})`, options);
      case "context-length":
        return new ProviderError(kind, `${where} rejected the prompt as too long (${status}): ${body}; shorten the prompt or lower max_tokens`, options);
      case "rate-limit":
        return new ProviderError(kind, `${where} is rate limiting (429)${retryAfterMs === undefined ? "" : `, retry after ${Math.round(retryAfterMs)} ms`}`, options);
      default:
        return new ProviderError(kind, `${where} answered ${status}: ${body || error.message}`, options);
    }
  }
  // Malformed bodies and cut streams surface as plain errors from the SDK's parser.
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SyntaxError || /JSON|Unexpected end|terminated|premature|socket hang up|ECONNRESET|other side closed/i.test(message)) {
    return new ProviderError("malformed", redactor.redact(`${where} sent a broken response: ${message}`), { cause: error });
  }
  return new ProviderError("network", redactor.redact(`request to ${where} failed: ${message}`), { cause: error });
}

function bodyText(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === "string") return body.message;
  return error.message.replace(/^\d{3}\s*/, "");
}

function causeText(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}
