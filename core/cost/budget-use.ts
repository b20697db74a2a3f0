/**
 * How much of each per-query limit an estimate uses: what the budget meter draws and what a
 * budget filter reads to exclude an architecture before it runs.
 */
import { BUDGET_LIMITS, type Budget, type BudgetLimit } from "../api/run-types";
import type { CostEstimate } from "./estimate";

/** Shares of each limit the estimate uses (1 = all of it); absent where there is no limit. */
export type BudgetUse = Partial<Record<BudgetLimit, number>> & {
  /** The estimate exceeds a limit: a run would stop when it reaches it. */
  over: boolean;
};

const LIMITS = Object.entries(BUDGET_LIMITS) as [BudgetLimit, keyof Budget][];

export function budgetUse(cost: Pick<CostEstimate, "calls" | "inputTokens" | "outputTokens" | "usd">, budget: Budget): BudgetUse {
  const use: BudgetUse = { over: false };
  for (const [figure, limit] of LIMITS) {
    const max = budget[limit];
    if (max === undefined) continue;
    use[figure] = cost[figure] / max;
    if (cost[figure] > max) use.over = true;
  }
  return use;
}
