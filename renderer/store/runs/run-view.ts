/**
 * What the Run and Trace tabs show about one run, and the pure functions that build it from the
 * host's run events (core/api/run-types.ts). No React, no store: tests replay recorded events.
 */
import type { CallRecord, NodeOutputs, NodeStatus, RunStatus, Usage, ErrorInfo } from "../../../core/api/run-types";
import type { Answer, Query } from "../../../core/graph/ports";

/** A node's state in a run, as its card and the usage table show it. */
export type NodeRunStatus = "queued" | "running" | "cached" | "done" | "failed" | "budget-stopped" | "cancelled" | "skipped";

/** A run in the panel: still running, or how it ended. */
export type RunViewStatus = "running" | RunStatus;

/** The text streamed so far by one call of a node. */
export interface PartialText {
  callId: string;
  sample: number;
  text: string;
}

export interface NodeRunView {
  id: string;
  status: NodeRunStatus;
  /** Provider calls made and cache hits, so far. */
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Set when the node ended. */
  ms?: number;
  /** Calls still streaming, by call id; a call's entry goes once it completes. */
  partials: Readonly<Record<string, PartialText>>;
  outputs?: NodeOutputs;
  warnings: readonly string[];
  error?: ErrorInfo;
}

export interface RunView {
  runId: string;
  name: string;
  status: RunViewStatus;
  query: Query;
  /** Node ids in the engine's order (topological), for the usage table. */
  nodeIds: readonly string[];
  nodes: Readonly<Record<string, NodeRunView>>;
  answer?: Answer;
  usage: Usage;
  /** When the run started (ms since the epoch) and, once ended, how long it took. */
  startedAt: number;
  ms?: number;
  /** Every completed call, in completion order. */
  trace: readonly CallRecord[];
  error?: ErrorInfo;
  /** The budget message, when a limit stopped the run. */
  budgetMessage?: string;
}

/** A run has ended: nothing more will change it. */
export const isRunOver = (run: RunView | undefined): boolean => run !== undefined && run.status !== "running";

/** A node that has not started. */
export function emptyNode(id: string): NodeRunView {
  return { id, status: "queued", calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, partials: {}, warnings: [] };
}

/** The engine's "pending" is this panel's "queued"; the other statuses are the same words. */
export function nodeStatusOf(status: NodeStatus): NodeRunStatus {
  return status === "pending" ? "queued" : status;
}
