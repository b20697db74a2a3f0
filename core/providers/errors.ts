/**
 * Provider errors classified by what the engine should do with them: retry (rate limits,
 * server errors, timeouts, dropped connections, garbled replies) or stop with a clear message
 * (bad key, bad request, unknown model, context too long).
 */

export type ProviderErrorKind =
  | "rate-limit"
  | "server"
  | "timeout"
  | "network"
  | "malformed"
  | "auth"
  | "bad-request"
  | "not-found"
  | "context-length"
  | "aborted";

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(["rate-limit", "server", "timeout", "network", "malformed"]);

export interface ProviderErrorOptions {
  /** HTTP status, when there was a response. */
  status?: number;
  /** Server-requested wait before retrying (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** Classifies an HTTP status into an error kind. */
export function kindOfStatus(status: number, body = ""): ProviderErrorKind {
  if (status === 429) return "rate-limit";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not-found";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  if (/context|too long|maximum.*tokens|max_tokens/i.test(body)) return "context-length";
  return "bad-request";
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
