/**
 * What an architecture costs per query, measured on an evaluation's items: every call of each
 * item's run at its model's price, cache hits included. What the evaluation *paid* depends on
 * what was cached before (a promoted or prefix-sharing trial pays little); what a query costs
 * does not, and that is the figure the Pareto front and "best under budget" need.
 */
import type { EvalItemRecord } from "../../api/eval-types";
import type { CallRecord } from "../../api/run-types";
import { callCostUsd } from "../../cost/price";
import type { ModelRegistry } from "../../providers/models";
import type { SqliteDatabase } from "../../store/database";

export interface MeasuredCost {
  /** Dollars per item at list prices, as if nothing were cached. */
  costPerQueryUsd: number;
  /** Calls per item, cached ones included (the judge's are not: they score, they are not the architecture). */
  callsPerQuery: number;
}

export function measureCost(db: SqliteDatabase, models: ModelRegistry, items: readonly EvalItemRecord[]): MeasuredCost {
  if (items.length === 0) return { costPerQueryUsd: 0, callsPerQuery: 0 };
  const callsOf = db.prepare<[string], { record: string }>("SELECT record FROM run_calls WHERE run_id = ?");
  let usd = 0;
  let calls = 0;
  for (const item of items) {
    const judge = item.perNode["judge"];
    calls += item.usage.calls + item.usage.cachedCalls - (judge === undefined ? 0 : judge.calls + judge.cachedCalls);
    const recorded = item.runId === undefined ? [] : callsOf.all(item.runId).map((row) => JSON.parse(row.record) as CallRecord);
    if (recorded.length === 0) {
      // No trace (an engine without a recorder): what the item paid is all that is known.
      usd += item.usage.costUsd - (judge?.costUsd ?? 0);
      continue;
    }
    for (const call of recorded) {
      const entry = models.get(call.model);
      usd += call.cached ? (entry === undefined ? 0 : callCostUsd(entry, call.inputTokens, call.outputTokens)) : call.costUsd;
    }
  }
  return { costPerQueryUsd: usd / items.length, callsPerQuery: calls / items.length };
}
