/**
 * Evaluation wire types: the report, one item's record, the progress events and a comparison.
 * The same shapes feed `itasca eval --json`, the studio's Evaluate view and the search (a
 * trial is an evaluation). Renderer-safe: types and constants only.
 */
import type { Usage, UsageCounts } from "./run-types";

/** Which items of a dataset an evaluation uses: seeded, stable across runs and machines. */
export const EVAL_SPLITS = ["dev", "test", "all"] as const;
export type EvalSplit = (typeof EVAL_SPLITS)[number];

/** The share of a dataset's items in the `dev` split unless a request says otherwise (the rest is `test`). */
export const DEFAULT_DEV_FRACTION = 0.2;

/** Dataset formats with a built-in field mapping, plus the generic ones. */
export const DATASET_FORMATS = ["gsm8k", "math", "humaneval", "mbpp", "game24", "jsonl", "json", "csv"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export const EVAL_STATUSES = ["running", "completed", "cancelled", "failed", "budget"] as const;
/** `budget`: the eval's dollar limit stopped it; completed items are kept and `--resume` continues. */
export type EvalStatus = (typeof EVAL_STATUSES)[number];

/** Usage of an evaluation: the sum over its items' runs (judge calls included). */
export type EvalUsage = UsageCounts;

/** A preset dataset slice or a file the user picked, as the Evaluate view lists them. */
export interface DatasetInfo {
  /** Preset name (`gsm8k`, `game24`, ...) or the file path. */
  name: string;
  format: DatasetFormat;
  items: number;
  description: string;
  /** The scorer used when none is chosen. */
  defaultScorer: string;
  licence: string;
}

/** One scored candidate that reached the selection step (for coverage). */
export interface CandidateScore {
  candidateId: string;
  correct: boolean;
  /** The answer the scorer read from the candidate. */
  extracted?: string;
}

/** One item of an evaluation, written to SQLite the moment it completes. */
export interface EvalItemRecord {
  evalId: string;
  /** Position of the item in the evaluation (0-based, the order items were selected). */
  index: number;
  itemId: string;
  input: string;
  reference?: string;
  /** `error`: the run failed; the item counts in `items` but not in `scored`. */
  status: "scored" | "error";
  answer?: string;
  correct?: boolean;
  /** The scorer's score in [0, 1] (1 or 0 for exact scorers). */
  score?: number;
  /** What the scorer extracted from the answer. */
  extracted?: string;
  /** Why the scorer decided so (e.g. the first failing assertion). */
  reason?: string;
  /** The candidates reaching the selection step, scored; empty when the architecture has none. */
  candidates: CandidateScore[];
  usage: Usage;
  /** Usage per node of the item's run (and `judge` for the LLM judge's calls). */
  perNode: Record<string, NodeUsage>;
  /** Wall time of the item's run. */
  latencyMs: number;
  runId?: string;
  error?: string;
}

/** Running totals, sent with every completed item. */
export interface EvalProgress {
  done: number;
  total: number;
  scored: number;
  correct: number;
  errors: number;
  usage: EvalUsage;
  elapsedMs: number;
  /** Estimated time left at the current rate; undefined until one item completed in this session. */
  etaMs?: number;
}

/** Usage of one node summed over the evaluation's items. */
export type NodeUsage = UsageCounts;

/** What an evaluation reports (the `--json` contract: every field of issue 9 is here unchanged). */
export interface EvalReport {
  evalId: string;
  status: EvalStatus;
  /** Correct / scored. */
  accuracy: number;
  /** 95% Wilson score interval of the accuracy. */
  ci95: [number, number];
  /** Share of scored items where any candidate reaching the selection step was correct; null when no candidates were scored. */
  coverage: number | null;
  /** Items in the evaluation (after split and limit). */
  items: number;
  /** Items with a score (completed without error). */
  scored: number;
  correct: number;
  errors: number;
  usage: EvalUsage;
  costPerItemUsd: number;
  p50Ms: number;
  p95Ms: number;
  perNode: Record<string, NodeUsage>;
  architecture: { name: string; file?: string; hash: string };
  dataset: { name: string; format: DatasetFormat; hash: string; split: EvalSplit; seed: number; limit?: number };
  scorer: string;
  startedAt: number;
  endedAt?: number;
  /** Why the evaluation stopped early (cancelled, budget, failed). */
  stopReason?: string;
}

/** One row of the evaluation history. */
export interface EvalSummary {
  evalId: string;
  status: EvalStatus;
  architectureName: string;
  file?: string;
  architectureHash: string;
  dataset: string;
  split: EvalSplit;
  scorer: string;
  items: number;
  scored: number;
  accuracy: number;
  costUsd: number;
  startedAt: number;
}

/** `itasca eval compare A B`: paired on the items both scored. */
export interface EvalComparison {
  a: string;
  b: string;
  /** Items both evaluations scored. */
  items: number;
  accuracyA: number;
  accuracyB: number;
  /** accuracyB - accuracyA. */
  difference: number;
  /** 95% paired-bootstrap interval of the difference (seeded). */
  ci95: [number, number];
  bootstrap: { resamples: number; seed: number };
  /** Items B got right and A wrong. */
  wins: number;
  losses: number;
  ties: number;
  /** B's cost per item / A's cost per item (null when A cost nothing). */
  costRatio: number | null;
  costPerItemUsdA: number;
  costPerItemUsdB: number;
  /** Per shared item: correctness in A and B. */
  perItem: { itemId: string; a: boolean; b: boolean }[];
}

/** The run id of one attempt at an evaluation item: the run history of a file leaves these out. */
export function evalItemRunId(evalId: string, index: number, nonce: string): string {
  return `${evalId}.item-${index}.${nonce}`;
}

export function isEvalItemRunId(runId: string): boolean {
  return /^eval-[^.]+\.item-\d+\./.test(runId);
}

/** Events of one evaluation, pushed on the host's `eval.event` channel. */
export type EvalEvent =
  | { type: "eval.started"; evalId: string; total: number; /** Items already complete (a resumed eval). */ resumed: number }
  | { type: "eval.item"; evalId: string; item: EvalItemRecord; progress: EvalProgress }
  | { type: "eval.finished"; evalId: string; report: EvalReport };
