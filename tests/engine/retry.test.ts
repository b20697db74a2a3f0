import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryInfo } from "../../core/engine/retry";
import { ProviderError } from "../../core/providers/errors";

const fast = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 4, timeoutMs: 200 };

function failing(errors: (ProviderError | undefined)[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    attempt: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return "ok";
    },
  };
}

describe("withRetries", () => {
  it("retries rate limits, server errors, timeouts, drops and garbled replies, then succeeds", async () => {
    const kinds = ["rate-limit", "server", "network", "malformed"] as const;
    const f = failing(kinds.map((k) => new ProviderError(k, k)));
    const retries: RetryInfo[] = [];
    const result = await withRetries(f.attempt, { policy: fast, signal: new AbortController().signal, onRetry: (i) => retries.push(i) });
    expect(result).toEqual({ value: "ok", attempts: 5 });
    expect(retries.map((r) => r.error.kind)).toEqual([...kinds]);
  });

  it("never retries a bad key, a bad request, an unknown model or a context overflow", async () => {
    for (const kind of ["auth", "bad-request", "not-found", "context-length"] as const) {
      const f = failing([new ProviderError(kind, `${kind} happened`)]);
      await expect(withRetries(f.attempt, { policy: fast, signal: new AbortController().signal })).rejects.toThrow(`${kind} happened`);
      expect(f.calls).toBe(1);
    }
  });

  it("gives up after maxRetries and says so", async () => {
    const f = failing(Array.from({ length: 10 }, () => new ProviderError("server", "503 from upstream")));
    await expect(withRetries(f.attempt, { policy: { ...fast, maxRetries: 2 }, signal: new AbortController().signal })).rejects.toThrow("503 from upstream (gave up after 3 attempts)");
    expect(f.calls).toBe(3);
  });

  it("waits at least Retry-After, and backs off with full jitter under a doubling ceiling", async () => {
    const f = failing([new ProviderError("rate-limit", "slow down", { retryAfterMs: 30 }), new ProviderError("server", "x"), new ProviderError("server", "x")]);
    const delays: number[] = [];
    const began = performance.now();
    await withRetries(f.attempt, { policy: { ...fast, baseDelayMs: 100, maxDelayMs: 150 }, random: () => 1, signal: new AbortController().signal, onRetry: (i) => delays.push(i.delayMs) });
    expect(delays).toEqual([100, 150, 150]);
    expect(performance.now() - began).toBeGreaterThanOrEqual(390);
    const g = failing([new ProviderError("rate-limit", "slow down", { retryAfterMs: 40 })]);
    const honoured: number[] = [];
    await withRetries(g.attempt, { policy: fast, random: () => 0, signal: new AbortController().signal, onRetry: (i) => honoured.push(i.delayMs) });
    expect(honoured).toEqual([40]);
  });

  it("times out a hung attempt and retries it", async () => {
    let calls = 0;
    const result = await withRetries(
      (signal) =>
        new Promise<string>((resolve, reject) => {
          if (++calls === 2) return resolve("second try");
          signal.addEventListener("abort", () => reject(new Error("aborted by timeout")));
        }),
      { policy: { ...fast, timeoutMs: 50 }, signal: new AbortController().signal },
    );
    expect(result).toEqual({ value: "second try", attempts: 2 });
  });

  it("stops at once when the run is cancelled, even during a backoff", async () => {
    const controller = new AbortController();
    const f = failing(Array.from({ length: 5 }, () => new ProviderError("server", "x")));
    const pending = withRetries(f.attempt, { policy: { ...fast, baseDelayMs: 10_000, maxDelayMs: 10_000 }, random: () => 1, signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(new Error("cancelled")), 10) });
    await expect(pending).rejects.toThrow("cancelled");
    expect(f.calls).toBe(1);
  });

  it("makes no attempt when the run is cancelled while beforeAttempt runs, and frees the slot", async () => {
    const controller = new AbortController();
    const f = failing([]);
    let freed = 0;
    const pending = withRetries(f.attempt, {
      policy: fast,
      signal: controller.signal,
      beforeAttempt: async () => controller.abort(new Error("cancelled in beforeAttempt")),
      afterAttempt: () => freed++,
    });
    await expect(pending).rejects.toThrow("cancelled in beforeAttempt");
    expect(f.calls).toBe(0);
    expect(freed).toBe(1);
  });
});
