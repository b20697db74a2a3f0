/**
 * A slow OpenAI-protocol model on 127.0.0.1 for cancellation tests, and an architecture that
 * queues many calls on it: the first `fast` answers take `fastMs`, every later one hangs for a
 * minute (cut short when the client goes away), so a cancel sent once the first answers are in
 * lands while calls are in flight and the rest are still queued behind the model's limit.
 */
import type { ModelEntry } from "../../core/api/schemas";
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from "./openai-server";

export const SLOW_MODEL_ID = "slow/fake";
/** The model's concurrency: at most this many requests are ever in flight. */
export const SLOW_CONCURRENCY = 2;

export interface SlowServerOptions {
  /** How many requests are answered after `fastMs`. @default SLOW_CONCURRENCY */
  fast?: number;
  /** @default 1500 */
  fastMs?: number;
  /** How long every later request waits before answering. @default 60_000 */
  slowMs?: number;
}

export function startSlowServer(options: SlowServerOptions = {}): Promise<OpenAIServer> {
  const fast = options.fast ?? SLOW_CONCURRENCY;
  return startOpenAIServer({
    faults: (index) => ({ kind: "slow", ms: index < fast ? (options.fastMs ?? 1500) : (options.slowMs ?? 60_000) }),
    reply: (index) => `reply number ${index}`,
  });
}

export function slowModelEntry(baseUrl: string): ModelEntry {
  // No retries: an aborted request must not come back as a retry.
  return { id: SLOW_MODEL_ID, provider: "openai-compatible", model: "fake-model", baseUrl, maxConcurrency: SLOW_CONCURRENCY, maxRetries: 0, priceInPerMTok: 0, priceOutPerMTok: 0 };
}

/**
 * input -> generate (`samples` seeded samples: each its own request) -> output, on the slow model.
 */
export function slowArchitecture(samples: number, model = SLOW_MODEL_ID): Record<string, unknown> {
  return {
    version: 1,
    name: "slow-fan-out",
    nodes: [
      { id: "input", type: "input", params: {}, position: { x: 0, y: 0 } },
      { id: "generate", type: "generate", params: { model, samples, seed: 1, max_tokens: 16, temperature: 0.7 }, position: { x: 240, y: 0 } },
      { id: "output", type: "output", params: {}, position: { x: 480, y: 0 } },
    ],
    edges: [
      { from: ["input", "query"], to: ["generate", "query"] },
      { from: ["generate", "candidates"], to: ["output", "candidates"] },
    ],
  };
}

/** Requests the server answered in full. */
export const delivered = (requests: readonly RecordedRequest[]) => requests.filter((r) => r.deliveredTokens !== undefined);

/** The reply texts of the requests answered in full, sorted. */
export const deliveredReplies = (requests: readonly RecordedRequest[]) => delivered(requests).map((r) => `reply number ${r.index}`).sort();

/** Polls until `check` holds, failing after `timeoutMs`: never an unbounded wait. */
export async function pollUntil(check: () => boolean, timeoutMs: number, what: string, describe: () => string = () => ""): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe() ? `: ${describe()}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The wall clock the server stamps requests with. */
export const nowMs = () => performance.timeOrigin + performance.now();
