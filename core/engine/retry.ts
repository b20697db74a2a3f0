/**
 * Retries with exponential backoff and full jitter, honouring `Retry-After`, plus a per-attempt
 * timeout. Only the successful attempt's usage is returned, so a retried call is never counted
 * or paid twice.
 */
import { ProviderError } from "../providers/errors";
import { abortableSleep } from "./sleep";

export interface RetryPolicy {
  /** Retries after the first attempt. @default 4 */
  maxRetries: number;
  /** First backoff ceiling; doubles each retry. @default 500 */
  baseDelayMs: number;
  /** Most backoff between attempts (a longer `Retry-After` is honoured up to `maxRetryAfterMs`). @default 20000 */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured before giving up. @default 120000 */
  maxRetryAfterMs: number;
  /** Per-attempt timeout. @default 300000 */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 120_000, timeoutMs: 300_000 };

export interface RetryInfo {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

export interface RetryOptions {
  policy: RetryPolicy;
  /** The run's signal: aborting it stops at once, without a retry. */
  signal: AbortSignal;
  /** Awaited before every attempt (the concurrency slot and the rate limiter's gate). */
  beforeAttempt?: () => Promise<void>;
  /** Called after every attempt, whatever its outcome, before any backoff (frees the slot). */
  afterAttempt?: () => void;
  onRetry?: (info: RetryInfo) => void;
  /** @default Math.random */
  random?: () => number;
}

export interface Attempted<T> {
  value: T;
  attempts: number;
}

export async function withRetries<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<Attempted<T>> {
  const { policy, signal } = options;
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    signal.throwIfAborted();
    try {
      await options.beforeAttempt?.();
      // The run may have been cancelled by what beforeAttempt did last (a call.started listener
      // cancelling, say): the attempt's own signal listens only from here on, so stop now.
      signal.throwIfAborted();
    } catch (error) {
      // Waiting for a slot failed (cancelled, or the run is stopping): not the provider's fault.
      options.afterAttempt?.();
      throw error;
    }
    // The timeout covers the attempt itself, not the wait for a slot. A plain controller with a
    // cleared timer, not AbortSignal.timeout/any: those leave a timer and listeners per call.
    const attemptController = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attemptController.abort(new ProviderError("timeout", `no answer within ${policy.timeoutMs} ms (attempt ${n})`));
    }, policy.timeoutMs);
    const onAbort = () => attemptController.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    let value: T;
    try {
      value = await attempt(attemptController.signal);
    } catch (raw) {
      options.afterAttempt?.();
      if (signal.aborted) throw signal.reason ?? raw;
      const error = timedOut ? new ProviderError("timeout", `no answer within ${policy.timeoutMs} ms (attempt ${n})`, { cause: raw }) : asProviderError(raw);
      if (!error.retryable || n > policy.maxRetries) throw annotate(error, n);
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw annotate(error, n);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      const delayMs = Math.max(error.retryAfterMs ?? 0, Math.round(random() * ceiling));
      options.onRetry?.({ attempt: n, delayMs, error });
      await abortableSleep(delayMs, signal);
      continue;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
    options.afterAttempt?.();
    return { value, attempts: n };
  }
}

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  // An error the provider did not classify is a bug or a local failure: never retried.
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError("bad-request", message, { cause: error });
}

function annotate(error: ProviderError, attempts: number): ProviderError {
  if (attempts > 1 && !error.message.includes("attempt")) error.message = `${error.message} (gave up after ${attempts} attempts)`;
  return error;
}
