/**
 * The run data the host pushes and returns, as the renderer sees it. Results and usage are
 * defined here once and used by the engine too (core/engine/result.ts names them); the event
 * union mirrors core/engine/events.ts, which renderer-safe code may not import, and
 * core/studio/contract-checks.ts proves at compile time that the two stay identical.
 */
import type { Answer, PortValueMap, Query } from "../graph/ports";
import type { ChatMessage, SamplingParams } from "../nodes/define";

export interface RunErrorInfo {
  code: string;
  message: string;
  nodeId?: string;
}

export type RunBudgetLimit = "calls" | "inputTokens" | "outputTokens" | "usd";

export type RunNodeOutputs = Record<string, PortValueMap[keyof PortValueMap]>;

export interface RunUsage {
  /** Provider calls made (cache hits excluded). */
  calls: number;
  /** Calls answered from the cache, at no cost. */
  cachedCalls: number;
  /** Tokens and dollars of the calls made; cache hits cost nothing. */
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** True when some token figures were estimated because the provider did not report them. */
  estimated: boolean;
}

/** One model call in the trace. */
export interface RunCallRecord {
  id: string;
  nodeId: string;
  purpose: string;
  /** Model registry id. */
  model: string;
  provider: string;
  sample: number;
  messages: ChatMessage[];
  sampling: SamplingParams;
  response: string;
  finishReason: "stop" | "length" | "abort" | "unknown";
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  estimatedUsage: boolean;
  latencyMs: number;
  cached: boolean;
  /** Provider attempts the call took (0 for a cache hit; more than 1 after retries). */
  attempts: number;
  cacheKey: string;
  startedAt: number;
}

export type RunNodeStatus = "pending" | "running" | "done" | "cached" | "failed" | "budget-stopped" | "cancelled" | "skipped";

export interface RunNodeResult {
  id: string;
  type: string;
  status: RunNodeStatus;
  calls: number;
  cachedCalls: number;
  usage: RunUsage;
  ms: number;
  outputs?: RunNodeOutputs;
  warnings: string[];
  error?: RunErrorInfo;
}

export type RunResultStatus = "completed" | "failed" | "cancelled" | "budget-exceeded";

/** A finished run: answer, usage, per-node results and the full call trace. */
export interface RunResultData {
  runId: string;
  name: string;
  status: RunResultStatus;
  answer?: Answer;
  usage: RunUsage;
  nodes: RunNodeResult[];
  trace: RunCallRecord[];
  startedAt: number;
  ms: number;
  error?: RunErrorInfo;
}

export interface RunEventPayloads {
  "run.started": { name: string; nodeIds: string[]; query: Query };
  "node.started": { nodeId: string; nodeType: string };
  "call.started": { nodeId: string; callId: string; model: string; sample: number; purpose: string };
  /** The text of one call so far, throttled (about every 100 ms). */
  "node.partial": { nodeId: string; callId: string; sample: number; text: string };
  "call.retrying": { nodeId: string; callId: string; attempt: number; delayMs: number; reason: string };
  "call.completed": { nodeId: string; call: RunCallRecord };
  "node.warning": { nodeId: string; message: string };
  "node.completed": { nodeId: string; nodeType: string; status: "done" | "cached"; calls: number; cachedCalls: number; ms: number; outputs: RunNodeOutputs };
  "node.failed": { nodeId: string; nodeType: string; status: "failed" | "budget-stopped" | "cancelled"; error: RunErrorInfo; ms: number };
  "budget.exceeded": { nodeId: string; limit: RunBudgetLimit; used: number; max: number; message: string };
  "run.completed": { answer: Answer | undefined; result: RunResultData };
  "run.failed": { error: RunErrorInfo; result: RunResultData };
  "run.cancelled": { reason: string; result: RunResultData };
}

export type RunEventKind = keyof RunEventPayloads;

/** One run event: its type, the run id, a timestamp (ms since the epoch) and the payload. */
export type RunEventData = { [K in RunEventKind]: { type: K; runId: string; at: number } & RunEventPayloads[K] }[RunEventKind];

/** The events after which a run sends nothing more. */
export const TERMINAL_RUN_EVENTS: readonly RunEventKind[] = ["run.completed", "run.failed", "run.cancelled"];

export const EMPTY_USAGE: RunUsage = { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false };

/** Adds one call to a usage total: cache hits count as cached calls and cost nothing. */
export function addCallToUsage(usage: RunUsage, call: RunCallRecord): RunUsage {
  if (call.cached) return { ...usage, cachedCalls: usage.cachedCalls + 1 };
  return {
    calls: usage.calls + 1,
    cachedCalls: usage.cachedCalls,
    inputTokens: usage.inputTokens + call.inputTokens,
    outputTokens: usage.outputTokens + call.outputTokens,
    costUsd: usage.costUsd + call.costUsd,
    estimated: usage.estimated || call.estimatedUsage,
  };
}
