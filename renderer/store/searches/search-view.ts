/**
 * What the Search tab shows about one search, and the pure functions that build it from the
 * host's search events (core/api/search-types.ts) or from a stored search (`search.get`), plus
 * the figures it draws: the best score so far per trial and the Pareto front of score vs cost.
 * No React, no store: tests replay events.
 */
import type { SearchProgress, SearchReport, SearchStatus, TrialRecord } from "../../../core/api/search-types";

export interface SearchView {
  searchId: string;
  status: SearchStatus;
  /** Trials planned (or the grid's size). */
  total: number;
  /** Finished trials (scored, excluded or failed), ordered by index. */
  trials: readonly TrialRecord[];
  /** Running totals: from the last `search.trial`, or computed from the stored trials. */
  progress: SearchProgress;
  /** Set once the search ended (or when it was opened from the history). */
  report?: SearchReport;
  /** Trials already finished when this session of it started (a resume). */
  resumed: number;
}

/** A search has ended: nothing more will change it (a resume starts it again). */
export const isSearchOver = (view: SearchView | undefined): boolean => view !== undefined && view.status !== "running";

/** Ended before its last trial (stopped by the user, cancelled, failed): a resume continues it. */
export const canResumeSearch = (view: SearchView | undefined): boolean =>
  view !== undefined && isSearchOver(view) && view.status !== "completed" && view.status !== "stopped" && view.progress.done < view.total;

/** A trial with a score to plot: scored, with its measured cost per query. */
export const isScored = (trial: TrialRecord): trial is TrialRecord & { score: number } => trial.status === "scored" && typeof trial.score === "number";

/** Inserts or replaces a trial by its index (a multi-fidelity rung may report one again), keeping the list ordered. */
export function withTrial(trials: readonly TrialRecord[], trial: TrialRecord): TrialRecord[] {
  const next = trials.filter((other) => other.index !== trial.index);
  const at = next.findIndex((other) => other.index > trial.index);
  if (at === -1) next.push(trial);
  else next.splice(at, 0, trial);
  return next;
}

/** What the cost axis counts: dollars per query, or calls per query when every trial cost $0 (local or replayed models), as the runner's Pareto front does. */
export type CostAxis = "usd" | "calls";

/** The cost per query a trial is plotted at on an axis: measured when scored, else the estimate. */
export function costOf(trial: TrialRecord, axis: CostAxis = "usd"): number {
  return axis === "calls" ? (trial.callsPerQuery ?? trial.estimate.calls) : (trial.costPerQueryUsd ?? trial.estimate.usd);
}

/**
 * The scored trials whose scores compare (core/search/run/report.ts does the same): scored on
 * the most items any trial reached, so a multi-fidelity rung of a few items never wins; each
 * architecture once, at its first such trial.
 */
export function comparableTrials(trials: readonly TrialRecord[]): (TrialRecord & { score: number })[] {
  const scored = trials.filter(isScored);
  const top = Math.max(0, ...scored.map((trial) => trial.fidelity));
  const seen = new Set<string>();
  return scored.filter((trial) => {
    if (trial.fidelity !== top || seen.has(trial.architectureHash)) return false;
    seen.add(trial.architectureHash);
    return true;
  });
}

/** The axis the cost of these trials is best shown on. */
export function costAxisOf(trials: readonly TrialRecord[]): CostAxis {
  const scored = trials.filter(isScored);
  return scored.length > 0 && scored.every((trial) => (trial.costPerQueryUsd ?? 0) === 0) ? "calls" : "usd";
}

/** Higher score first; then cheaper per query, fewer calls, the earlier trial: the one "best" everywhere in the view. */
function better(a: TrialRecord & { score: number }, b: TrialRecord & { score: number }): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (costOf(a) !== costOf(b)) return costOf(a) < costOf(b);
  if (costOf(a, "calls") !== costOf(b, "calls")) return costOf(a, "calls") < costOf(b, "calls");
  return a.index < b.index;
}

/** The best comparable trial. */
export function bestTrial(trials: readonly TrialRecord[]): (TrialRecord & { score: number }) | undefined {
  let best: (TrialRecord & { score: number }) | undefined;
  for (const trial of comparableTrials(trials)) if (best === undefined || better(trial, best)) best = trial;
  return best;
}

/** One point of the best-so-far curve: after trial `index`, the best score seen. */
export interface CurvePoint {
  index: number;
  best: number;
  /** This trial set the new best. */
  improved: boolean;
}

/** The best score so far after each scored trial, in trial order (at every fidelity: the curve shows the search as it went). */
export function bestSoFar(trials: readonly TrialRecord[]): CurvePoint[] {
  const points: CurvePoint[] = [];
  let best = -Infinity;
  for (const trial of trials) {
    if (!isScored(trial)) continue;
    const improved = trial.score > best;
    if (improved) best = trial.score;
    points.push({ index: trial.index, best, improved });
  }
  return points;
}

/** A scored trial as the scatter plots it. */
export interface ScatterPoint {
  index: number;
  score: number;
  cost: number;
}

/**
 * The Pareto front of score (higher is better) vs cost (lower is better): the points no other
 * beats on both, cheapest first. Ties keep the earlier trial.
 */
export function paretoFront(points: readonly ScatterPoint[]): ScatterPoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.score - a.score || a.index - b.index);
  const front: ScatterPoint[] = [];
  for (const point of sorted) {
    const last = front.at(-1);
    if (last === undefined || point.score > last.score) front.push(point);
  }
  return front;
}

/** The comparable trials as scatter points on an axis. */
export const scatterOf = (trials: readonly TrialRecord[], axis: CostAxis): ScatterPoint[] => comparableTrials(trials).map((trial) => ({ index: trial.index, score: trial.score, cost: costOf(trial, axis) }));

/** The best trial at or under a per-query budget on an axis ("best under budget B"), if any. */
export function bestUnderBudget(trials: readonly TrialRecord[], limit: number, axis: CostAxis = "usd"): (TrialRecord & { score: number }) | undefined {
  return bestTrial(comparableTrials(trials).filter((trial) => costOf(trial, axis) <= limit));
}

/** Totals of stored trials (a search opened from the history has no live progress). */
export function progressOfTrials(trials: readonly TrialRecord[], total: number, elapsedMs: number): SearchProgress {
  const best = bestTrial(trials);
  return {
    done: trials.length,
    total,
    excluded: trials.filter((trial) => trial.status === "excluded").length,
    failed: trials.filter((trial) => trial.status === "failed").length,
    ...(best === undefined ? {} : { best: { trialIndex: best.index, score: best.score, costPerQueryUsd: costOf(best) } }),
    spentUsd: trials.reduce((sum, trial) => sum + trial.spentUsd, 0),
    calls: 0,
    elapsedMs,
  };
}

/** The view of a stored search (`search.get`), or of one that just finished. */
export function storedSearch(report: SearchReport, trials: readonly TrialRecord[], total?: number): SearchView {
  const sorted = [...trials].sort((a, b) => a.index - b.index);
  const elapsed = (report.endedAt ?? report.startedAt) - report.startedAt;
  const planned = Math.max(total ?? 0, sorted.length);
  const progress = { ...progressOfTrials(sorted, planned, elapsed), spentUsd: report.spentUsd };
  return { searchId: report.searchId, status: report.status, total: planned, trials: sorted, progress, report, resumed: 0 };
}
