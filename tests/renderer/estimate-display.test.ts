/**
 * The estimate on the canvas: each card's calls and latency, the inspector's estimate block and
 * the budget meter's total, all from core/cost through the store's selectors.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ModelEntry } from "../../core/api/schemas";
import { estimateArchitecture } from "../../core/cost/estimate";
import { callLatencyMs, latencyProfile } from "../../core/cost/latency";
import { costLabel, formatCalls } from "../../renderer/canvas/node-summary";
import { NodeInspector } from "../../renderer/inspector/NodeInspector";
import { BudgetMeter } from "../../renderer/run/BudgetMeter";
import { StoreProvider } from "../../renderer/store/react";
import { selectNodeCost, selectQueryCost } from "../../renderer/store/selectors";
import { SAMPLE, storeWith } from "./helpers";

/** The embedded model with a measured latency: 100 ms to the first token, 64 output tokens/s. */
const MEASURED: ModelEntry = { id: "local/stories260k", provider: "llama-cpp", model: "stories260K.gguf", priceInPerMTok: 2, priceOutPerMTok: 10, ttftMs: 100, decodeTokensPerSecond: 64, maxConcurrency: 4 };

/** Static markup now: zustand renders its initial state on a server, so the store's present state stands in for it. */
function render(store: ReturnType<typeof storeWith>, element: ReturnType<typeof createElement>): string {
  store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoreProvider, { store, children: element }));
}

describe("costLabel", () => {
  it("says the calls and the node's own latency per query", () => {
    expect(costLabel(undefined)).toBe("calls: ?");
    expect(costLabel({ calls: 0, latencyMs: 0 })).toBe("no model calls");
    expect(costLabel({ calls: 1, latencyMs: 850 })).toBe("≈ 1 call · 850 ms / query");
    expect(costLabel({ calls: 5, latencyMs: 2150 })).toBe("≈ 5 calls · 2.15 s / query");
    expect(formatCalls(2.5)).toBe("2.5");
  });
});

describe("the estimate's selectors", () => {
  it("time each node with its model's latency profile and compose the total along the edges", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([MEASURED]);
    const state = store.getState();
    const cost = selectQueryCost(state);
    expect(cost).toEqual(estimateArchitecture(state, state.models));
    expect(cost.criticalPath).toEqual(["input", "generate", "rank", "fuse", "output"]);
    // 5 samples at 4 at a time: two waves of (100 ms + the prompt at the default prefill speed + 64 tokens at 64 tokens/s).
    const generate = selectNodeCost("generate")(state);
    expect(generate).toBe(cost.nodes.get("generate"));
    const profile = latencyProfile(MEASURED);
    expect(profile).toMatchObject({ ttftMs: 100, decodeTokensPerSecond: 64, concurrency: 4 });
    expect(generate?.latencyMs).toBeCloseTo(2 * callLatencyMs(profile, (generate?.inputTokens ?? NaN) / 5, 64), 6);
    expect(cost.latencyMs).toBeCloseTo(["generate", "rank", "fuse"].reduce((sum, id) => sum + (cost.nodes.get(id)?.latencyMs ?? 0), 0), 6);
  });

  it("follow a faster model: a registry change re-times the nodes", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([MEASURED]);
    const slow = selectQueryCost(store.getState()).latencyMs;
    store.getState().setModels([{ ...MEASURED, decodeTokensPerSecond: 640 }]);
    const fast = selectQueryCost(store.getState());
    expect(fast.latencyMs).toBeLessThan(slow);
    // The decoding part of each call is 10 times shorter: 2 waves x 64 tokens, 1 s -> 0.1 s each.
    expect(slow - fast.latencyMs).toBeCloseTo(2 * 0.9 * 1000 + (32 / 64) * 0.9 * 1000 + 0.9 * 1000, 3);
  });
});

describe("the displays", () => {
  it("the budget meter shows the total latency beside calls and dollars", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([MEASURED]);
    const cost = selectQueryCost(store.getState());
    const html = render(store, createElement(BudgetMeter));
    expect(html).toContain(`data-testid="estimated-latency" data-ms="${Math.round(cost.latencyMs)}"`);
    expect(html).toContain("along input → generate → rank → fuse → output");
    expect(html).toContain('data-calls="7"');
  });

  it("the budget meter turns red over the per-query budget", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([MEASURED]);
    store.getState().setBudget({ maxCalls: 6 });
    expect(render(store, createElement(BudgetMeter))).toContain('data-over="true"');
    store.getState().setBudget({ maxCalls: 7 });
    expect(render(store, createElement(BudgetMeter))).toContain('data-over="false"');
  });

  it("the inspector shows a node's calls, tokens, dollars and latency", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([MEASURED]);
    const node = store.getState().nodes.find((n) => n.id === "rank");
    if (node === undefined) throw new Error("no rank node");
    const rank = selectNodeCost("rank")(store.getState());
    const html = render(store, createElement(NodeInspector, { node }));
    expect(html).toContain('data-testid="inspector-estimate-calls">1<');
    expect(html).toContain(`data-testid="inspector-estimate-latency" data-ms="${Math.round(rank?.latencyMs ?? NaN)}"`);
    expect(html).toMatch(/data-testid="inspector-estimate-usd">\$0\.0\d+</);
    expect(html).toContain("≤ 32");

    store.getState().setModels([{ ...MEASURED, priceInPerMTok: undefined, priceOutPerMTok: undefined } as ModelEntry]);
    expect(render(store, createElement(NodeInspector, { node }))).toContain("no price known");
  });
});
