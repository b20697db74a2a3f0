/**
 * Issues admitted calls to their provider: one request for a batch of samples (`n` = batch
 * size), under the model's limiter, with retries and a per-attempt timeout, streaming partial
 * text, then one trace record and cache entry per sample.
 */
import type { CallRecord } from "../api/run-types";
import type { ModelEntry } from "../api/schemas";
import { callCostUsd } from "../cost/price";
import type { ChatCallRequest, ChatCallResult } from "../nodes/define";
import { ProviderError } from "../providers/errors";
import { redactor } from "../providers/redact";
import type { Provider, ProviderChatResponse } from "../providers/types";
import type { Spend } from "./budget";
import { assertMayIssue, type CallRunnerDeps } from "./call-deps";
import { EngineError, isAbortError } from "./errors";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from "./retry";
import { throttle } from "./throttle";

/** A call that passed the cache and the budget and waits to be sent. */
export interface PendingCall {
  nodeId: string;
  request: ChatCallRequest;
  entry: ModelEntry;
  provider: Provider;
  key: string;
  base: Omit<CallRecord, "response" | "finishReason" | "inputTokens" | "outputTokens" | "costUsd" | "estimatedUsage" | "latencyMs" | "cached" | "attempts">;
  promptTokens: number;
  worstCase: Spend;
  resolve: (result: ChatCallResult) => void;
  reject: (error: unknown) => void;
}

function policyFor(entry: ModelEntry, overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    ...overrides,
    ...(entry.maxRetries === undefined ? {} : { maxRetries: entry.maxRetries }),
    ...(entry.timeoutMs === undefined ? {} : { timeoutMs: entry.timeoutMs }),
  };
}

/** Sends one batch (all of one prompt, consecutive sample indexes) and settles every call in it. */
export async function issueBatch(deps: CallRunnerDeps, batch: PendingCall[]): Promise<void> {
  const first = batch[0] as PendingCall;
  const { entry, provider, request, nodeId } = first;
  let release: (() => void) | undefined;
  let committed = false;
  let started = false;
  const texts = batch.map(() => "");
  const partials = batch.map((call) =>
    throttle<string>(deps.partialIntervalMs, (soFar) => deps.events.emit("node.partial", { nodeId: call.nodeId, callId: call.base.id, sample: call.request.sample, text: soFar })),
  );
  const rate = deps.limiters.rateFor(entry);
  let correctRate: ((tokens: number) => void) | undefined;
  const promptTokens = first.promptTokens;
  const worstTokens = promptTokens + batch.length * request.sampling.maxTokens;
  try {
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
          n: batch.length,
          sampleIndex: request.sample,
          signal,
          onText: (index, delta) => {
            if (index >= batch.length) return;
            texts[index] += delta;
            partials[index]?.push(texts[index] as string);
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
          if (rate.limited) correctRate = await rate.take(worstTokens, deps.signal);
          if (!started) {
            started = true;
            for (const call of batch) deps.events.emit("call.started", { nodeId: call.nodeId, callId: call.base.id, model: entry.id, sample: call.request.sample, purpose: call.request.purpose });
          }
        },
        afterAttempt: () => {
          release?.();
          release = undefined;
        },
        onRetry: ({ attempt, delayMs, error }) => {
          // The failed attempt's partial text is void; the retry streams afresh.
          texts.fill("");
          correctRate?.(promptTokens);
          for (const call of batch) deps.events.emit("call.retrying", { nodeId: call.nodeId, callId: call.base.id, attempt, delayMs, reason: redactor.redact(error.message) });
        },
      },
    );
    for (const partial of partials) partial.flush();
    const latencyMs = Math.round(performance.now() - began);
    if (response.choices.length < batch.length) throw new EngineError("provider-error", `node "${nodeId}": model "${entry.id}" returned ${response.choices.length} of ${batch.length} choices`);

    const usage = apportion(response, batch.length);
    const estimatedUsage = response.usage.estimated === true;
    correctRate?.(response.usage.inputTokens + response.usage.outputTokens);
    for (const [j, call] of batch.entries()) {
      const choice = response.choices[j] as ProviderChatResponse["choices"][number];
      const { inputTokens, outputTokens } = usage[j] as { inputTokens: number; outputTokens: number };
      const costUsd = callCostUsd(entry, inputTokens, outputTokens);
      deps.budget.commit(call.worstCase, { calls: 1, inputTokens, outputTokens, usd: costUsd });
      // Persist before the node sees it: a completed call is never lost.
      deps.cache.set(call.key, { text: choice.text, finishReason: choice.finishReason, inputTokens, outputTokens, estimatedUsage });
      deps.onCall({ ...call.base, response: choice.text, finishReason: choice.finishReason, inputTokens, outputTokens, costUsd, estimatedUsage, latencyMs, cached: false, attempts });
    }
    committed = true;
    for (const [j, call] of batch.entries()) {
      const choice = response.choices[j] as ProviderChatResponse["choices"][number];
      const { inputTokens, outputTokens } = usage[j] as { inputTokens: number; outputTokens: number };
      call.resolve({ text: choice.text, callId: call.base.id, cached: false, finishReason: choice.finishReason, inputTokens, outputTokens });
    }
  } catch (error) {
    // Only calls that never completed give their reservations back.
    if (!committed) for (const call of batch) deps.budget.release(call.worstCase);
    const failure = describeFailure(deps, nodeId, entry.id, error);
    for (const call of batch) call.reject(failure);
  } finally {
    release?.();
  }
}

function describeFailure(deps: CallRunnerDeps, nodeId: string, modelId: string, error: unknown): unknown {
  if (error instanceof EngineError) return error;
  if (isAbortError(error) || deps.signal.aborted) return new EngineError("cancelled", `node "${nodeId}": a call to "${modelId}" was cancelled`, { cause: error });
  deps.onCallFailed();
  const reason = redactor.redact(error instanceof Error ? error.message : String(error));
  const kind = error instanceof ProviderError ? ` (${error.kind})` : "";
  return new EngineError("provider-error", `node "${nodeId}": call to model "${modelId}" failed${kind}: ${reason}`, { cause: error });
}

/**
 * Splits a request's usage over its samples: the prompt evenly (it was sent once for all), the
 * output by each sample's share of the text. The parts add up to the reported totals exactly.
 */
function apportion(response: ProviderChatResponse, n: number): { inputTokens: number; outputTokens: number }[] {
  if (n === 1) return [{ inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens }];
  const lengths = response.choices.slice(0, n).map((c) => Math.max(1, c.text.length));
  const totalLength = lengths.reduce((a, b) => a + b, 0);
  const split = (total: number, weights: number[], weightSum: number) => {
    const parts = weights.map((w) => Math.floor((total * w) / weightSum));
    parts[0] = (parts[0] ?? 0) + total - parts.reduce((a, b) => a + b, 0);
    return parts;
  };
  const inputs = split(response.usage.inputTokens, lengths.map(() => 1), n);
  const outputs = split(response.usage.outputTokens, lengths, totalLength);
  return inputs.map((inputTokens, j) => ({ inputTokens, outputTokens: outputs[j] ?? 0 }));
}
