/**
 * One model call on behalf of a node: cache, budget, limiter, provider, streaming, trace.
 * This is the `ctx.chat` every node definition receives.
 */
import { estimateMessagesTokens } from "../nodes/estimate-tokens";
import type { ChatCallRequest, ChatCallResult } from "../nodes/define";
import { ProviderError } from "../providers/errors";
import { callCostUsd, type ModelEntry, type ModelRegistry } from "../providers/models";
import { redactor } from "../providers/redact";
import type { Provider } from "../providers/types";
import type { BudgetRefusal, BudgetTracker, Spend } from "./budget";
import { cacheKey, type CallCache } from "./cache";
import { EngineError, isAbortError } from "./errors";
import type { RunEventStream } from "./events";
import type { LimiterPool } from "./limiter-pool";
import type { CallRecord } from "./result";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from "./retry";
import { throttle } from "./throttle";

/** Resolves the provider that serves a model entry. */
export type ProviderResolver = (entry: ModelEntry) => Provider;

export interface CallRunnerDeps {
  models: ModelRegistry;
  providers: ProviderResolver;
  cache: CallCache;
  limiters: LimiterPool;
  budget: BudgetTracker;
  events: RunEventStream;
  /** Aborted when the user cancels: in-flight calls are aborted too. */
  signal: AbortSignal;
  /** Set once the run stops issuing calls (budget exceeded or a node failed); in-flight calls finish. */
  stopped: () => string | undefined;
  onBudgetExceeded: (nodeId: string, refusal: BudgetRefusal) => void;
  /** A call failed for good: the run stops issuing calls before the next queued one takes the slot. */
  onCallFailed: () => void;
  /** Receives every completed call, before the node sees the result (the store persists it here). */
  onCall: (record: CallRecord) => void;
  /** Registers a call's promise so the run can wait for everything in flight before it ends. */
  track: (promise: Promise<unknown>) => void;
  nextCallId: () => string;
  partialIntervalMs: number;
  /** Overrides of the retry policy (model entries' `maxRetries` and `timeoutMs` apply on top). */
  retryPolicy?: Partial<RetryPolicy>;
}

function policyFor(entry: ModelEntry, overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    ...overrides,
    ...(entry.maxRetries === undefined ? {} : { maxRetries: entry.maxRetries }),
    ...(entry.timeoutMs === undefined ? {} : { timeoutMs: entry.timeoutMs }),
  };
}

export function createChat(deps: CallRunnerDeps, nodeId: string): (request: ChatCallRequest) => Promise<ChatCallResult> {
  return (request) => {
    const promise = runCall(deps, nodeId, request);
    deps.track(promise);
    return promise;
  };
}

/**
 * Before a call is admitted, any stop refuses it; once it holds a budget reservation, only a
 * cancel or a failed node does (a reserved call fits the budget, and its result is cached).
 */
function assertMayIssue(deps: CallRunnerDeps, nodeId: string, reserved = false): void {
  if (deps.signal.aborted) throw new EngineError("cancelled", `node "${nodeId}": the run was cancelled; no new calls are made`);
  const stopped = deps.stopped();
  if (stopped && !(reserved && stopped === "budget")) throw new EngineError(stopped === "budget" ? "budget-exceeded" : "cancelled", `node "${nodeId}": the run is stopping (${stopped}); no new calls are made`);
}

async function runCall(deps: CallRunnerDeps, nodeId: string, request: ChatCallRequest): Promise<ChatCallResult> {
  assertMayIssue(deps, nodeId);
  const entry = deps.models.get(request.model);
  if (!entry) {
    throw new EngineError("unknown-model", `node "${nodeId}": model "${request.model}" is not in the model registry; add it or pick one of: ${deps.models.list().map((m) => m.id).join(", ")}`);
  }
  const provider = deps.providers(entry);
  const key = cacheKey({ provider: provider.kind, endpoint: provider.endpoint, model: entry.model, messages: request.messages, sampling: request.sampling, sample: request.sample });
  const callId = deps.nextCallId();
  const startedAt = Date.now();
  const base = { id: callId, nodeId, purpose: request.purpose, model: entry.id, provider: provider.kind, sample: request.sample, messages: request.messages, sampling: request.sampling, cacheKey: key, startedAt };

  const hit = deps.cache.get(key);
  if (hit) {
    const record: CallRecord = { ...base, response: hit.text, finishReason: hit.finishReason, inputTokens: hit.inputTokens, outputTokens: hit.outputTokens, costUsd: 0, estimatedUsage: hit.estimatedUsage, latencyMs: 0, cached: true, attempts: 0 };
    deps.onCall(record);
    return { text: hit.text, callId, cached: true, finishReason: hit.finishReason, inputTokens: hit.inputTokens, outputTokens: hit.outputTokens };
  }

  const promptTokens = estimateMessagesTokens(request.messages);
  const worstCase: Spend = { calls: 1, inputTokens: promptTokens, outputTokens: request.sampling.maxTokens, usd: callCostUsd(entry, promptTokens, request.sampling.maxTokens) };
  const refusal = deps.budget.reserve(worstCase);
  if (refusal) {
    deps.onBudgetExceeded(nodeId, refusal);
    throw new EngineError("budget-exceeded", `node "${nodeId}": ${refusal.message}`);
  }

  let release: (() => void) | undefined;
  let committed = false;
  let started = false;
  try {
    let text = "";
    const partial = throttle<string>(deps.partialIntervalMs, (soFar) => deps.events.emit("node.partial", { nodeId, callId, sample: request.sample, text: soFar }));
    const rate = deps.limiters.rateFor(entry);
    let correctRate: ((tokens: number) => void) | undefined;
    const began = performance.now();
    const { value: response, attempts } = await withRetries(
      (signal) =>
        provider.chat({
          model: entry.model,
          messages: request.messages,
          temperature: request.sampling.temperature,
          topP: request.sampling.topP,
          maxTokens: request.sampling.maxTokens,
          seed: request.sampling.seed,
          stop: request.sampling.stop,
          n: 1,
          sampleIndex: request.sample,
          signal,
          onText: (_index, delta) => {
            text += delta;
            partial.push(text);
          },
        }),
      {
        policy: policyFor(entry, deps.retryPolicy),
        signal: deps.signal,
        // A slot is held per attempt, not across a backoff: a waiting retry must not idle a server slot.
        beforeAttempt: async () => {
          release = await deps.limiters.acquire(entry, deps.signal);
          // A call that waited for a slot must not start once the run is cancelled or failing.
          assertMayIssue(deps, nodeId, true);
          if (rate.limited) correctRate = await rate.take(promptTokens + request.sampling.maxTokens, deps.signal);
          if (!started) {
            started = true;
            deps.events.emit("call.started", { nodeId, callId, model: entry.id, sample: request.sample, purpose: request.purpose });
          }
        },
        afterAttempt: () => {
          release?.();
          release = undefined;
        },
        onRetry: ({ attempt, delayMs, error }) => {
          // The failed attempt's partial text is void; the retry streams afresh.
          text = "";
          correctRate?.(promptTokens);
          deps.events.emit("call.retrying", { nodeId, callId, attempt, delayMs, reason: redactor.redact(error.message) });
        },
      },
    );
    partial.flush();
    const latencyMs = Math.round(performance.now() - began);
    const choice = response.choices[0];
    if (!choice) throw new EngineError("provider-error", `node "${nodeId}": model "${entry.id}" returned no choices`);

    const { inputTokens, outputTokens } = response.usage;
    correctRate?.(inputTokens + outputTokens);
    const costUsd = callCostUsd(entry, inputTokens, outputTokens);
    const estimatedUsage = response.usage.estimated === true;
    deps.budget.commit(worstCase, { calls: 1, inputTokens, outputTokens, usd: costUsd });
    committed = true;
    // Persist before anything else can fail: a completed call is never lost.
    deps.cache.set(key, { text: choice.text, finishReason: choice.finishReason, inputTokens, outputTokens, estimatedUsage });
    deps.onCall({ ...base, response: choice.text, finishReason: choice.finishReason, inputTokens, outputTokens, costUsd, estimatedUsage, latencyMs, cached: false, attempts });
    return { text: choice.text, callId, cached: false, finishReason: choice.finishReason, inputTokens, outputTokens };
  } catch (error) {
    // Only a call that never completed gives its reservation back.
    if (!committed) deps.budget.release(worstCase);
    if (error instanceof EngineError) throw error;
    if (isAbortError(error) || deps.signal.aborted) {
      throw new EngineError("cancelled", `node "${nodeId}": call ${callId} to "${entry.id}" was cancelled`, { cause: error });
    }
    deps.onCallFailed();
    const reason = redactor.redact(error instanceof Error ? error.message : String(error));
    const kind = error instanceof ProviderError ? ` (${error.kind})` : "";
    throw new EngineError("provider-error", `node "${nodeId}": call to model "${entry.id}" failed${kind}: ${reason}`, { cause: error });
  } finally {
    release?.();
  }
}
