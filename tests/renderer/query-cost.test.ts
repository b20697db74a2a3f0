/** The budget meter's figures: calls and dollars per query priced from the registry, budget use, and the limit fields. */
import { describe, expect, it } from "vitest";
import { parseBudgetField } from "../../renderer/run/budget-input";
import { budgetUse, estimateQueryCost } from "../../renderer/store/query-cost";
import { selectDerived, selectQueryCost } from "../../renderer/store/selectors";
import { SAMPLE, storeWith } from "./helpers";

describe("estimateQueryCost", () => {
  it("prices each node's tokens with its model's registry prices", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([{ id: "local/stories260k", provider: "llama-cpp", priceInPerMTok: 2, priceOutPerMTok: 10 }]);
    const state = store.getState();
    const { estimates } = selectDerived(state);
    const cost = estimateQueryCost(state.nodes, estimates, state.models);
    let input = 0;
    let output = 0;
    for (const estimate of estimates.values()) {
      input += estimate.inputTokens;
      output += estimate.outputTokens;
    }
    expect(cost).toMatchObject({ calls: 7, inputTokens: input, outputTokens: output, unpriced: [] });
    expect(cost.usd).toBeCloseTo((input * 2 + output * 10) / 1e6, 12);
    expect(cost.usd).toBeGreaterThan(0);
  });

  it("lists models without prices instead of counting them as free", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([{ id: "local/stories260k", provider: "llama-cpp" }]);
    expect(selectQueryCost(store.getState())).toMatchObject({ calls: 7, usd: 0, unpriced: ["local/stories260k"] });
  });

  it("returns the same object until the graph or the registry changes", () => {
    const store = storeWith(SAMPLE);
    const first = selectQueryCost(store.getState());
    expect(selectQueryCost(store.getState())).toBe(first);
    store.getState().setNodeParam("generate", "samples", 4);
    const second = selectQueryCost(store.getState());
    expect(second).not.toBe(first);
    expect(second.calls).toBe(6);
  });
});

describe("budgetUse", () => {
  const cost = { calls: 8, inputTokens: 0, outputTokens: 0, usd: 0.5, unpriced: [] };

  it("is the estimate's share of each limit, over when a share passes 1", () => {
    expect(budgetUse(cost, {})).toEqual({ over: false });
    expect(budgetUse(cost, { maxCalls: 16, maxUsd: 1 })).toEqual({ calls: 0.5, usd: 0.5, over: false });
    expect(budgetUse(cost, { maxCalls: 4 })).toEqual({ calls: 2, over: true });
    expect(budgetUse(cost, { maxUsd: 0.25 })).toEqual({ usd: 2, over: true });
  });
});

describe("parseBudgetField", () => {
  it("reads empty as no limit and refuses what is not a positive number", () => {
    expect(parseBudgetField("  ", true)).toEqual({ ok: true, value: undefined });
    expect(parseBudgetField("12", true)).toEqual({ ok: true, value: 12 });
    expect(parseBudgetField("0.05", false)).toEqual({ ok: true, value: 0.05 });
    expect(parseBudgetField("2.5", true)).toMatchObject({ ok: false, error: "a whole number of calls" });
    expect(parseBudgetField("-1", false)).toMatchObject({ ok: false });
    expect(parseBudgetField("abc", false)).toMatchObject({ ok: false });
  });
});
