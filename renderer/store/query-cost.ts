/**
 * The estimated cost of one query: the per-node estimates (calls, tokens) priced with each
 * node's model from the registry. Models without a known price are listed, so the meter can
 * say its dollar figure is a lower bound instead of pretending they are free.
 */
import type { NodeSpec } from "../../core/graph/schema";
import type { NodeEstimate } from "../../core/nodes/define";
import type { HostModel } from "../host/host";

export interface QueryCost {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Dollars for the nodes whose model has prices. */
  usd: number;
  /** Model ids used by calling nodes that have no price in the registry (sorted, unique). */
  unpriced: readonly string[];
}

const PER_TOKEN = 1 / 1_000_000;

export function estimateQueryCost(nodes: readonly NodeSpec[], estimates: ReadonlyMap<string, NodeEstimate>, models: readonly HostModel[] | null): QueryCost {
  const prices = new Map((models ?? []).map((model) => [model.id, model] as const));
  const unpriced = new Set<string>();
  let calls = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let usd = 0;
  for (const node of nodes) {
    const estimate = estimates.get(node.id);
    if (estimate === undefined || estimate.calls === 0) continue;
    calls += estimate.calls;
    inputTokens += estimate.inputTokens;
    outputTokens += estimate.outputTokens;
    const modelId = typeof node.params["model"] === "string" ? node.params["model"] : undefined;
    const model = modelId === undefined ? undefined : prices.get(modelId);
    if (model?.priceInPerMTok === undefined || model.priceOutPerMTok === undefined) {
      if (modelId !== undefined) unpriced.add(modelId);
      continue;
    }
    usd += estimate.inputTokens * model.priceInPerMTok * PER_TOKEN + estimate.outputTokens * model.priceOutPerMTok * PER_TOKEN;
  }
  return { calls, inputTokens, outputTokens, usd, unpriced: [...unpriced].sort() };
}

/** The per-query limits the next run is started with; absent means no limit. */
export interface QueryBudget {
  maxCalls?: number;
  maxUsd?: number;
}

/** How much of each budget the estimate uses (1 = all of it); absent where there is no limit. */
export interface BudgetUse {
  calls?: number;
  usd?: number;
  /** The estimate exceeds a limit: the run will stop when it reaches it. */
  over: boolean;
}

export function budgetUse(cost: QueryCost, budget: QueryBudget): BudgetUse {
  const calls = budget.maxCalls === undefined ? undefined : cost.calls / budget.maxCalls;
  const usd = budget.maxUsd === undefined ? undefined : cost.usd / budget.maxUsd;
  return { ...(calls === undefined ? {} : { calls }), ...(usd === undefined ? {} : { usd }), over: (calls ?? 0) > 1 || (usd ?? 0) > 1 };
}
