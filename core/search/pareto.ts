/**
 * Objectives over a search's trials: the Pareto front of score (maximised) against cost per
 * query (minimised), and "the best architecture under a budget of B per query" for any B,
 * answered from one search. Points with a non-finite score or cost are ignored.
 */

export interface ScoredPoint {
  score: number;
  costPerQueryUsd: number;
}

function usable(point: ScoredPoint): boolean {
  return Number.isFinite(point.score) && Number.isFinite(point.costPerQueryUsd);
}

/**
 * The points no other point beats on both objectives (higher or equal score at lower or equal
 * cost, better on one), sorted by cost ascending (so scores ascend too). Of points equal on
 * both, the first given is kept.
 */
export function paretoFront<T extends ScoredPoint>(points: readonly T[]): T[] {
  const order = points
    .map((point, index) => ({ point, index }))
    .filter(({ point }) => usable(point))
    .sort((a, b) => a.point.costPerQueryUsd - b.point.costPerQueryUsd || b.point.score - a.point.score || a.index - b.index);
  const front: T[] = [];
  let best = -Infinity;
  for (const { point } of order) {
    if (point.score > best) {
      front.push(point);
      best = point.score;
    }
  }
  return front;
}

/**
 * The best-scoring point costing at most `maxCostPerQueryUsd` per query; of equal scores the
 * cheaper, then the first given. Undefined when nothing fits.
 */
export function bestUnderBudget<T extends ScoredPoint>(points: readonly T[], maxCostPerQueryUsd: number): T | undefined {
  let best: T | undefined;
  for (const point of points) {
    if (!usable(point) || point.costPerQueryUsd > maxCostPerQueryUsd) continue;
    if (best === undefined || point.score > best.score || (point.score === best.score && point.costPerQueryUsd < best.costPerQueryUsd)) best = point;
  }
  return best;
}

export interface BudgetStep<T> {
  /** The smallest per-query budget at which `point` is the answer. */
  fromUsd: number;
  /** The budget at which a better point takes over (absent for the last step). */
  toUsd?: number;
  point: T;
}

/**
 * "Best under budget B" for every B at once: the front as steps. For B in [fromUsd, toUsd) the
 * answer is `point`; below the first step nothing fits.
 */
export function budgetSteps<T extends ScoredPoint>(points: readonly T[]): BudgetStep<T>[] {
  const front = paretoFront(points);
  return front.map((point, i) => {
    const next = front[i + 1];
    return next === undefined ? { fromUsd: point.costPerQueryUsd, point } : { fromUsd: point.costPerQueryUsd, toUsd: next.costPerQueryUsd, point };
  });
}
