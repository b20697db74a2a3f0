/**
 * What a run leaves behind: usage per call, per node and per run, and the full call trace.
 * Plain data only, so results cross IPC and go into SQLite as JSON. The shapes are defined once,
 * renderer-safe, in core/api/run-types.ts (the host contract returns them as they are); the
 * engine's names for them live here.
 */
import type { RunCallRecord, RunNodeResult, RunNodeStatus, RunResultData, RunResultStatus, RunUsage } from "../api/run-types";

export type Usage = RunUsage;
export type CallRecord = RunCallRecord;
export type NodeStatus = RunNodeStatus;
export type NodeResult = RunNodeResult;
export type RunStatus = RunResultStatus;
export type RunResult = RunResultData;

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
