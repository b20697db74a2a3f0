/**
 * Search wire types: a trial, the progress events and the report. The same shapes feed
 * `itasca search --json`, the studio's Search view and the search store. Renderer-safe: types
 * and constants only. (The search-space file's schema lives beside them in search-space.ts.)
 */

export const SEARCH_ALGORITHMS = ["random", "grid", "greedy", "bayes", "halving"] as const;
export type SearchAlgorithmName = (typeof SEARCH_ALGORITHMS)[number];

export const SEARCH_STATUSES = ["running", "completed", "stopped", "cancelled", "failed"] as const;
/** `stopped`: a total budget (dollars, calls, wall time) ended it cleanly with its best so far. */
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

/** One point of a search space: dimension id -> value (absent when a conditional dimension is off). */
export type SearchConfig = Record<string, number | string | boolean | string[]>;

/** A trial's outcome. `excluded`: over the per-query budget by the estimate, never evaluated. */
export type TrialStatus = "scored" | "excluded" | "failed";

export interface TrialRecord {
  searchId: string;
  /** 0-based, in the order the algorithm suggested the trials. */
  index: number;
  config: SearchConfig;
  /** Items of the dev split the trial was scored on (multi-fidelity methods use fewer for early rungs). */
  fidelity: number;
  status: TrialStatus;
  /** Accuracy on the `fidelity` items (scored trials). */
  score?: number;
  /** The trial's evaluation (core/eval), whose items and runs hold the details. */
  evalId?: string;
  /** The estimator's figures per query, before the trial ran. */
  estimate: { calls: number; inputTokens: number; outputTokens: number; usd: number };
  /** Measured per item (scored trials). */
  costPerQueryUsd?: number;
  callsPerQuery?: number;
  /** What this trial actually paid (cache hits are free). */
  spentUsd: number;
  /** Provider calls this trial made (cache hits excluded): what `--max-total-calls` counts. */
  spentCalls?: number;
  /** Why it was excluded or failed. */
  reason?: string;
  /** The materialised architecture's SHA-256 (graph/serialize canonical text). */
  architectureHash: string;
}

/** One point of the Pareto front of score vs cost per query. */
export interface ParetoPoint {
  trialIndex: number;
  score: number;
  costPerQueryUsd: number;
  callsPerQuery?: number;
  /** The architecture file written for it (in `--out`), when written. */
  file?: string;
}

/** Running totals of a search, sent with every finished trial. */
export interface SearchProgress {
  done: number;
  /** Trials planned (`--trials`), or the grid's size. */
  total: number;
  excluded: number;
  failed: number;
  best?: { trialIndex: number; score: number; costPerQueryUsd: number; callsPerQuery?: number };
  spentUsd: number;
  calls: number;
  elapsedMs: number;
}

/** What `itasca search --json` prints (the contract; extend, never rename). */
export interface SearchReport {
  searchId: string;
  status: SearchStatus;
  best: { file?: string; score: number; costPerQueryUsd: number; callsPerQuery: number; trialIndex: number; config: SearchConfig } | null;
  /** Trials run (scored or failed), excluded ones not counted. */
  trials: number;
  excluded: number;
  pareto: ParetoPoint[];
  algorithm: SearchAlgorithmName;
  seed: number;
  dataset: { name: string; split: string; items: number };
  spentUsd: number;
  startedAt: number;
  endedAt?: number;
  stopReason?: string;
}

export type SearchEvent =
  | { type: "search.started"; searchId: string; total: number; resumed: number }
  | { type: "search.trial"; searchId: string; trial: TrialRecord; progress: SearchProgress }
  | { type: "search.finished"; searchId: string; report: SearchReport };
