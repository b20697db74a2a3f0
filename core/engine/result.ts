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

// The usage arithmetic is shared with the renderer, which totals live runs the same way.
export { addCallToUsage, EMPTY_USAGE } from "../api/run-types";
