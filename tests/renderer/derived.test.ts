import { describe, expect, it } from "vitest";
import { createItascaStore } from "../../renderer/store/create-store";
import { sameStructure } from "../../renderer/store/derived";
import { selectDerived, selectNodeDiagnostics, selectNodeEstimate, selectNodeParams, selectQueryCost } from "../../renderer/store/selectors";
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
    expect(selectQueryCost(store.getState()).calls).toBe(7);
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
    store.getState().setModels([{ id: "local/stories260k", provider: "llama-cpp", model: "stories260K.gguf" }]);
    const [problem] = selectDerived(store.getState()).diagnostics;
    expect(problem).toMatchObject({ code: "unknown-model", nodeId: "fuse", severity: "error" });
  });

  it("keeps its result while nodes only move, and recomputes when a param changes", () => {
    const store = storeWith(SAMPLE);
    store.getState().setNodeParam("fuse", "model", "openai/gpt-9");
    store.getState().setModels([{ id: "local/stories260k", provider: "llama-cpp", model: "stories260K.gguf" }]);
    const before = selectDerived(store.getState());
    const nodesBefore = store.getState().nodes;
    store.getState().apply({ type: "move", positions: { fuse: { x: 999, y: 321 }, rank: { x: -48, y: 64 } } });
    expect(store.getState().nodes).not.toBe(nodesBefore);
    // A drag frame: the same diagnostics, per-node lists and estimates, so no card re-renders.
    const moved = selectDerived(store.getState());
    expect(moved).toBe(before);
    expect(moved.diagnostics).toBe(before.diagnostics);
    expect(selectNodeDiagnostics("fuse")(store.getState())).toBe(before.byNode.get("fuse"));
    expect(selectNodeEstimate("rank")(store.getState())).toBe(before.estimates.get("rank"));
    store.getState().setNodeParam("rank", "mode", "pairwise");
    const edited = selectDerived(store.getState());
    expect(edited).not.toBe(before);
    expect(edited.estimates.get("rank")?.calls).toBe(10);
  });

  it("looks up a card's params by id, the first node of a repeated id as before", () => {
    const store = storeWith(SAMPLE);
    const nodes = store.getState().nodes;
    expect(selectNodeParams("generate")(store.getState())).toBe(nodes.find((node) => node.id === "generate")?.params);
    expect(selectNodeParams("nope")(store.getState())).toBeUndefined();
    store.getState().setNodeParam("generate", "samples", 7);
    expect(selectNodeParams("generate")(store.getState())).toMatchObject({ samples: 7 });
  });

  it("compares structure by id, type and params, in order", () => {
    const nodes = storeWith(SAMPLE).getState().nodes;
    const [first, second] = nodes;
    if (first === undefined || second === undefined) throw new Error("the sample has nodes");
    expect(sameStructure(nodes, nodes.map((node) => ({ ...node, position: { x: node.position.x + 16, y: 0 } })))).toBe(true);
    expect(sameStructure(nodes, [second, first, ...nodes.slice(2)])).toBe(false);
    expect(sameStructure(nodes, nodes.map((node) => (node === first ? { ...node, params: { ...node.params } } : node)))).toBe(false);
    expect(sameStructure(nodes, nodes.slice(1))).toBe(false);
  });
});
