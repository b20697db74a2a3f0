/**
 * What the Evaluate tab shows about one evaluation, and the pure functions that build it from
 * the host's eval events (core/api/eval-types.ts) or from a stored evaluation (`eval.get`).
 * No React, no store: tests replay events.
 */
import type { EvalItemRecord, EvalProgress, EvalReport, EvalStatus, EvalUsage } from "../../../core/api/eval-types";

export interface EvalView {
  evalId: string;
  status: EvalStatus;
  /** Items in the evaluation (after split and limit). */
  total: number;
  /** Completed items, by their position in the evaluation. */
  items: readonly EvalItemRecord[];
  /** Running totals: from the last `eval.item`, or computed from the stored items. */
  progress: EvalProgress;
  /** Set once the evaluation ended (or when it was opened from the history). */
  report?: EvalReport;
  /** Items already complete when this session of it started (a resume). */
  resumed: number;
}

export const EMPTY_EVAL_USAGE: Readonly<EvalUsage> = Object.freeze({ calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });

/** An evaluation has ended: nothing more will change it (a resume starts it again). */
export const isEvalOver = (view: EvalView | undefined): boolean => view !== undefined && view.status !== "running";

/** Ended before its last item (cancelled, stopped by its dollar limit, failed): a resume continues it. */
export const canResume = (view: EvalView | undefined): boolean => view !== undefined && isEvalOver(view) && view.status !== "completed" && view.items.length < view.total;

/** Not counted as right: a wrong answer, or an item whose run failed. */
export const isWrong = (item: EvalItemRecord): boolean => item.status === "error" || item.correct !== true;

/** Correct / scored so far; undefined before the first scored item. */
export function accuracyOf(progress: EvalProgress): number | undefined {
  return progress.scored === 0 ? undefined : progress.correct / progress.scored;
}

/** Share of the items done, in [0, 1]. */
export function fractionDone(progress: EvalProgress): number {
  return progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
}

/** Inserts or replaces an item by its position, keeping the list ordered. */
export function withItem(items: readonly EvalItemRecord[], item: EvalItemRecord): EvalItemRecord[] {
  const next = items.filter((other) => other.index !== item.index);
  const at = next.findIndex((other) => other.index > item.index);
  if (at === -1) next.push(item);
  else next.splice(at, 0, item);
  return next;
}

/** Totals of stored items (an evaluation opened from the history has no live progress). */
export function progressOfItems(items: readonly EvalItemRecord[], total: number, elapsedMs: number): EvalProgress {
  let usage: EvalUsage = EMPTY_EVAL_USAGE;
  let scored = 0;
  let correct = 0;
  for (const item of items) {
    usage = {
      calls: usage.calls + item.usage.calls,
      cachedCalls: usage.cachedCalls + item.usage.cachedCalls,
      inputTokens: usage.inputTokens + item.usage.inputTokens,
      outputTokens: usage.outputTokens + item.usage.outputTokens,
      costUsd: usage.costUsd + item.usage.costUsd,
    };
    if (item.status === "scored") {
      scored++;
      if (item.correct === true) correct++;
    }
  }
  return { done: items.length, total, scored, correct, errors: items.length - scored, usage, elapsedMs };
}

/** The view of a stored evaluation (`eval.get`), or of one that just finished. */
export function storedEval(report: EvalReport, items: readonly EvalItemRecord[]): EvalView {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const elapsed = (report.endedAt ?? report.startedAt) - report.startedAt;
  return { evalId: report.evalId, status: report.status, total: report.items, items: sorted, progress: progressOfItems(sorted, report.items, elapsed), report, resumed: 0 };
}
