/**
 * Model calls on behalf of nodes: cache, budget, coalescing, then the provider (call-batch.ts).
 * This is the `ctx.chat` every node definition receives. Each sample is its own call (its own
 * cache entry, budget check and trace record); samples of one prompt that a node asks for
 * together go to a provider that supports it as one request with `n`.
 */
import { callCostUsd } from "../cost/price";
import type { ChatCallRequest, ChatCallResult } from "../nodes/define";
import { estimateMessagesTokens } from "../nodes/estimate-tokens";
import { concurrencyOf } from "../providers/models";
import type { Spend } from "./budget";
import { cacheKey, type CachedCompletion } from "./cache";
import { issueBatch, type PendingCall } from "./call-batch";
import { assertMayIssue, type CallRunnerDeps } from "./call-deps";
import { EngineError } from "./errors";

export type { CallRunnerDeps } from "./call-deps";

/** One run's call runner: `chatFor(nodeId)` is that node's `ctx.chat`. */
export function createCallRunner(deps: CallRunnerDeps): { chatFor(nodeId: string): (request: ChatCallRequest) => Promise<ChatCallResult> } {
  // Calls admitted in the same tick wait here, grouped by what they could share one request with.
  let groups = new Map<string, PendingCall[]>();
  let flushScheduled = false;

  const flush = () => {
    flushScheduled = false;
    const ready = groups;
    groups = new Map();
    for (const group of ready.values()) for (const batch of contiguousBatches(group)) void issueBatch(deps, batch);
  };

  const admit = async (nodeId: string, request: ChatCallRequest): Promise<ChatCallResult> => {
    assertMayIssue(deps, nodeId);
    const entry = deps.models.get(request.model);
    if (!entry) {
      throw new EngineError("unknown-model", `node "${nodeId}": model "${request.model}" is not in the model registry; add it or pick one of: ${deps.models.list().map((m) => m.id).join(", ")}`);
    }
    const provider = deps.providers(entry);
    const key = cacheKey({ provider: provider.kind, endpoint: provider.endpoint, model: entry.model, messages: request.messages, sampling: request.sampling, sample: request.sample });
    const callId = deps.nextCallId();
    const base = { id: callId, nodeId, purpose: request.purpose, model: entry.id, provider: provider.kind, sample: request.sample, messages: request.messages, sampling: request.sampling, cacheKey: key, startedAt: Date.now() };
    const fromCache = (hit: CachedCompletion): ChatCallResult => {
      deps.onCall({ ...base, response: hit.text, finishReason: hit.finishReason, inputTokens: hit.inputTokens, outputTokens: hit.outputTokens, costUsd: 0, estimatedUsage: hit.estimatedUsage, latencyMs: 0, cached: true, attempts: 0 });
      return { text: hit.text, callId, cached: true, finishReason: hit.finishReason, inputTokens: hit.inputTokens, outputTokens: hit.outputTokens };
    };

    const hit = deps.cache.get(key);
    if (hit) return fromCache(hit);
    // The same call already in flight (another run: parallel search trials, evaluation items):
    // wait for it and answer from the cache, so it is paid once. If it failed, make our own.
    const running = deps.inFlight.get(key);
    if (running !== undefined) {
      await untilSettledOrAborted(running, deps.signal);
      assertMayIssue(deps, nodeId);
      const shared = deps.cache.get(key);
      if (shared) return fromCache(shared);
    }

    const promptTokens = estimateMessagesTokens(request.messages);
    const worstCase: Spend = { calls: 1, inputTokens: promptTokens, outputTokens: request.sampling.maxTokens, usd: callCostUsd(entry, promptTokens, request.sampling.maxTokens) };
    const refusal = deps.budget.reserve(worstCase);
    if (refusal) {
      deps.onBudgetExceeded(nodeId, refusal);
      throw new EngineError("budget-exceeded", `node "${nodeId}": ${refusal.message}`);
    }

    const call = new Promise<ChatCallResult>((resolve, reject) => {
      const pending: PendingCall = { nodeId, request, entry, provider, key, base, promptTokens, worstCase, resolve, reject };
      const groupKey = batchKey(pending);
      const group = groups.get(groupKey);
      if (group) group.push(pending);
      else groups.set(groupKey, [pending]);
      if (!flushScheduled) {
        flushScheduled = true;
        queueMicrotask(flush);
      }
    });
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    deps.inFlight.set(key, settled);
    void settled.then(() => {
      if (deps.inFlight.get(key) === settled) deps.inFlight.delete(key);
    });
    return call;
  };

  return {
    chatFor: (nodeId) => (request) => {
      const promise = (async () => admit(nodeId, request))();
      deps.track(promise);
      return promise;
    },
  };
}

/** Resolves when `promise` settles or `signal` aborts, whichever is first; never rejects. */
function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
    void promise.then(done);
  });
}

/**
 * Calls that may share one request: same node, model, messages and sampling, no seed (a seeded
 * sample must keep its own seed), on a provider that takes `n`. Others get a key of their own.
 */
function batchKey(call: PendingCall): string {
  const { request, provider } = call;
  if ((provider.maxSamplesPerRequest ?? 1) <= 1 || request.sampling.seed !== undefined) return call.base.id;
  return `${call.nodeId}\u0000${request.model}\u0000${JSON.stringify(request.messages)}\u0000${JSON.stringify({ ...request.sampling, seed: null })}`;
}

/**
 * Splits a group into runs of consecutive sample indexes, each at most the provider's `n` limit
 * and the model's concurrency: a request of n samples occupies n of the server's slots
 * (llama-server refuses an `n` above its `-np`).
 */
function contiguousBatches(group: PendingCall[]): PendingCall[][] {
  if (group.length === 1) return [group];
  const sorted = [...group].sort((a, b) => a.request.sample - b.request.sample);
  const head = sorted[0] as PendingCall;
  const limit = Math.max(1, Math.min(head.provider.maxSamplesPerRequest ?? 1, concurrencyOf(head.entry)));
  const batches: PendingCall[][] = [];
  let current: PendingCall[] = [];
  for (const call of sorted) {
    const previous = current.at(-1);
    if (previous && (call.request.sample !== previous.request.sample + 1 || current.length >= limit)) {
      batches.push(current);
      current = [];
    }
    current.push(call);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
