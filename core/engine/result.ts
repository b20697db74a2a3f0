/**
 * What a run leaves behind: usage per call, per node and per run, and the full call trace.
 * Plain data only, so results cross IPC and go into SQLite as JSON.
 */
import type { Answer } from "../graph/ports";
import type { ChatMessage, SamplingParams } from "../nodes/define";
import type { ErrorInfo } from "./errors";
import type { NodeOutputs } from "./readiness";

export interface Usage {
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

export const EMPTY_USAGE: Usage = { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false };

export function addCallToUsage(usage: Usage, call: CallRecord): Usage {
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

/** One model call in the trace. */
export interface CallRecord {
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

export type NodeStatus = "pending" | "running" | "done" | "cached" | "failed" | "budget-stopped" | "cancelled" | "skipped";

export interface NodeResult {
  id: string;
  type: string;
  status: NodeStatus;
  calls: number;
  cachedCalls: number;
  usage: Usage;
  ms: number;
  outputs?: NodeOutputs;
  warnings: string[];
  error?: ErrorInfo;
}

export type RunStatus = "completed" | "failed" | "cancelled" | "budget-exceeded";

export interface RunResult {
  runId: string;
  name: string;
  status: RunStatus;
  answer?: Answer;
  usage: Usage;
  nodes: NodeResult[];
  trace: CallRecord[];
  startedAt: number;
  ms: number;
  error?: ErrorInfo;
}
