/** The budget meter's figures come from core/cost through the store, and the limit fields parse as the meter needs. */
import { describe, expect, it } from "vitest";
import { estimateArchitecture } from "../../core/cost/estimate";
import { parseBudgetField } from "../../renderer/run/budget-input";
import { selectQueryCost } from "../../renderer/store/selectors";
import { SAMPLE, storeWith } from "./helpers";

const MODEL = { id: "local/stories260k", provider: "llama-cpp" as const, model: "stories260K.gguf" };

describe("selectQueryCost", () => {
  it("is core's estimate of the canvas's graph, priced from the host's registry", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([{ ...MODEL, priceInPerMTok: 2, priceOutPerMTok: 10 }]);
    const state = store.getState();
    const cost = selectQueryCost(state);
    expect(cost).toEqual(estimateArchitecture(state, state.models));
    expect(cost).toMatchObject({ calls: 7, unpriced: [] });
    expect(cost.usd).toBeGreaterThan(0);
  });

  it("lists models without prices instead of counting them as free", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([MODEL]);
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

describe("parseBudgetField", () => {
  it("reads empty as no limit and refuses what is not a positive number", () => {
    expect(parseBudgetField("  ", true)).toEqual({ ok: true, value: undefined });
    expect(parseBudgetField("12", true)).toEqual({ ok: true, value: 12 });
    expect(parseBudgetField("0.05", false)).toEqual({ ok: true, value: 0.05 });
    expect(parseBudgetField("2.5", true)).toMatchObject({ ok: false, error: "a whole number, or empty for no limit" });
    expect(parseBudgetField("-1", false)).toMatchObject({ ok: false });
    expect(parseBudgetField("abc", false)).toMatchObject({ ok: false });
  });
});
