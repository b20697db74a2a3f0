import { describe, expect, it } from "vitest";
import { autoLayout } from "../../renderer/store/layout";
import { expectOk, graphOfFile, SCRAMBLED, storeWith } from "./helpers";

describe("auto-layout", () => {
  it("orders the nodes left to right along the data flow", async () => {
    const graph = expectOk(await autoLayout(graphOfFile(SCRAMBLED))).graph;
    const x = (id: string) => graph.nodes.find((n) => n.id === id)?.position.x ?? Number.NaN;
    expect(x("input")).toBeLessThan(x("generate"));
    expect(x("generate")).toBeLessThan(x("rank"));
    expect(x("rank")).toBeLessThan(x("fuse"));
    expect(x("fuse")).toBeLessThan(x("output"));
  });

  it("uses measured sizes so wide nodes do not overlap, and is one undo step in the store", async () => {
    const store = storeWith(SCRAMBLED);
    store.getState().setMeasured({ generate: { width: 600, height: 200 } });
    expect((await store.getState().autoLayout()).ok).toBe(true);
    const at = (id: string) => store.getState().nodes.find((n) => n.id === id)?.position ?? { x: Number.NaN, y: 0 };
    expect(at("rank").x).toBeGreaterThanOrEqual(at("generate").x + 600);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    expect(store.getState().layoutRunning).toBe(false);
  });
});
