import { describe, expect, it } from "vitest";
import { createItascaStore } from "../../renderer/store/create-store";
import { selectDerived, selectNodeDiagnostics, selectNodeEstimate } from "../../renderer/store/selectors";
import { SAMPLE, storeWith } from "./helpers";

describe("derived diagnostics and estimates", () => {
  it("a valid document has no diagnostics, and the per-query calls propagate through the graph", () => {
    const store = storeWith(SAMPLE);
    const derived = selectDerived(store.getState());
    expect(derived.diagnostics).toEqual([]);
    // 5 samples; one listwise rank call over 5; one fuser over the 3 kept.
    expect(selectNodeEstimate("generate")(store.getState())?.calls).toBe(5);
    expect(selectNodeEstimate("rank")(store.getState())?.calls).toBe(1);
    expect(selectNodeEstimate("fuse")(store.getState())?.calls).toBe(1);
    expect(derived.totalCalls).toBe(7);
    store.getState().setNodeParam("rank", "mode", "pairwise");
    // Pairwise over 5 candidates: 10 comparisons.
    expect(selectNodeEstimate("rank")(store.getState())?.calls).toBe(10);
  });

  it("updates live with edits, by node, and returns the same objects until the graph changes", () => {
    const store = storeWith(SAMPLE);
    store.getState().select({ nodes: ["output"] });
    store.getState().deleteSelection();
    const first = selectDerived(store.getState());
    expect(first.diagnostics.map((d) => d.code)).toEqual(["no-output-node"]);
    store.getState().toggleTheme();
    expect(selectDerived(store.getState())).toBe(first);
    store.getState().select({ nodes: ["generate"] });
    store.getState().deleteSelection();
    expect(selectNodeDiagnostics("rank")(store.getState()).map((d) => d.code)).toContain("required-input-unconnected");
    expect(selectNodeDiagnostics("input")(store.getState())).toBe(selectNodeDiagnostics("fuse")(createItascaStore().getState()));
  });

  it("checks model ids once the host's registry is known", () => {
    const store = storeWith(SAMPLE);
    store.getState().setNodeParam("fuse", "model", "openai/gpt-9");
    expect(selectDerived(store.getState()).diagnostics).toEqual([]);
    store.getState().setModels([{ id: "local/stories260k", provider: "llama-cpp" }]);
    const [problem] = selectDerived(store.getState()).diagnostics;
    expect(problem).toMatchObject({ code: "unknown-model", nodeId: "fuse", severity: "error" });
  });
});
