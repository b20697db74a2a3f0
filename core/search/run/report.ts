/**
 * A search's report, computed from its stored trials (so a resumed search reports like an
 * uninterrupted one): the best trial, the Pareto front of score vs cost per query, counts and spend.
 */
import type { ParetoPoint, SearchProgress, SearchReport, TrialRecord } from "../../api/search-types";
import { bestUnderBudget as paretoBestUnderBudget, paretoFront } from "../pareto";
import type { SearchRow } from "./search-store";

type Scored = TrialRecord & { score: number; costPerQueryUsd: number; callsPerQuery: number };

const isScored = (trial: TrialRecord): trial is Scored => trial.status === "scored" && trial.score !== undefined;

/**
 * The trials whose scores can be compared: scored on the most items any trial reached (a
 * multi-fidelity search's early rungs score on a few items; their numbers are not comparable
 * with full evaluations). Each architecture once (its first trial at that fidelity).
 */
export function comparableTrials(trials: readonly TrialRecord[]): Scored[] {
  const scored = trials.filter(isScored).map((t) => ({ ...t, costPerQueryUsd: t.costPerQueryUsd ?? 0, callsPerQuery: t.callsPerQuery ?? 0 }));
  const top = Math.max(0, ...scored.map((t) => t.fidelity));
  const seen = new Set<string>();
  return scored.filter((t) => {
    if (t.fidelity !== top || seen.has(t.architectureHash)) return false;
    seen.add(t.architectureHash);
    return true;
  });
}

/** Higher score first; then cheaper per query, fewer calls per query, earlier trial. */
function better(a: Scored, b: Scored): number {
  return b.score - a.score || a.costPerQueryUsd - b.costPerQueryUsd || a.callsPerQuery - b.callsPerQuery || a.index - b.index;
}

export function bestTrial(trials: readonly TrialRecord[]): Scored | undefined {
  return comparableTrials(trials).sort(better)[0];
}

/**
 * The trials no other beats on both score and cost per query (core/search/pareto), cheapest
 * first; of trials equal on both, the one with fewer calls per query, then the earlier. When
 * every trial costs $0 (local or replayed models), calls per query stand in for the cost so
 * the front still says something.
 */
export function paretoTrials(trials: readonly TrialRecord[]): Scored[] {
  const candidates = comparableTrials(trials).sort((a, b) => a.callsPerQuery - b.callsPerQuery || a.index - b.index);
  const free = candidates.every((t) => t.costPerQueryUsd === 0);
  if (!free) return paretoFront(candidates);
  return paretoFront(candidates.map((trial) => ({ trial, score: trial.score, costPerQueryUsd: trial.callsPerQuery }))).map((p) => p.trial);
}

/**
 * The best trial whose measured cost per query is within `maxCostPerQueryUsd` ("best under
 * budget B", for any B, from one search); of equal scores the cheaper, then fewer calls, then the earlier.
 */
export function bestUnderBudget(trials: readonly TrialRecord[], maxCostPerQueryUsd: number): Scored | undefined {
  return paretoBestUnderBudget(comparableTrials(trials).sort((a, b) => a.callsPerQuery - b.callsPerQuery || a.index - b.index), maxCostPerQueryUsd);
}

export function paretoPoints(trials: readonly TrialRecord[]): ParetoPoint[] {
  return paretoTrials(trials).map((t) => ({ trialIndex: t.index, score: t.score, costPerQueryUsd: t.costPerQueryUsd, callsPerQuery: t.callsPerQuery }));
}

export function progressOf(trials: readonly TrialRecord[], total: number, elapsedMs: number, spend: { usd: number; calls: number }): SearchProgress {
  const best = bestTrial(trials);
  return {
    done: trials.length,
    total: Math.max(total, trials.length),
    excluded: trials.filter((t) => t.status === "excluded").length,
    failed: trials.filter((t) => t.status === "failed").length,
    ...(best === undefined ? {} : { best: { trialIndex: best.index, score: best.score, costPerQueryUsd: best.costPerQueryUsd, callsPerQuery: best.callsPerQuery } }),
    spentUsd: spend.usd,
    calls: spend.calls,
    elapsedMs,
  };
}

/** @param unfinishedUsd What the evaluations of trials that did not finish paid (counted in `spentUsd`). */
export function buildSearchReport(row: SearchRow, trials: readonly TrialRecord[], datasetName: string, unfinishedUsd = 0): SearchReport {
  const best = bestTrial(trials);
  return {
    searchId: row.id,
    status: row.status,
    best:
      best === undefined
        ? null
        : { score: best.score, costPerQueryUsd: best.costPerQueryUsd, callsPerQuery: best.callsPerQuery, trialIndex: best.index, config: best.config },
    trials: trials.filter((t) => t.status !== "excluded").length,
    excluded: trials.filter((t) => t.status === "excluded").length,
    pareto: paretoPoints(trials),
    algorithm: row.algorithm,
    seed: row.seed,
    dataset: { name: datasetName, split: row.split, items: row.settings.items },
    spentUsd: trials.reduce((sum, t) => sum + t.spentUsd, unfinishedUsd),
    startedAt: row.startedAt,
    ...(row.endedAt === undefined ? {} : { endedAt: row.endedAt }),
    ...(row.stopReason === undefined ? {} : { stopReason: row.stopReason }),
  };
}
