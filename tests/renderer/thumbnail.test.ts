/** The gallery's preview thumbnail: every node a box inside the frame, coloured by category, edges from an output side to an input side. */
import { describe, expect, it } from "vitest";
import type { GraphData } from "../../core/graph/schema";
import { thumbnailOf } from "../../renderer/files/thumbnail";
import { EMPTY, graphOfFile, SAMPLE } from "./helpers";

const node = (id: string, type: string, x: number, y: number) => ({ id, type, params: {}, position: { x, y } });

describe("thumbnailOf", () => {
  it("draws one box per node, all inside the frame, and one line per edge", () => {
    const graph = graphOfFile(SAMPLE);
    const thumb = thumbnailOf(graph, { width: 200, height: 90, padding: 6 });
    expect(thumb.boxes).toHaveLength(graph.nodes.length);
    expect(thumb.edges).toHaveLength(graph.edges.length);
    for (const box of thumb.boxes) {
      expect(box.x).toBeGreaterThanOrEqual(6 - 1e-9);
      expect(box.y).toBeGreaterThanOrEqual(6 - 1e-9);
      expect(box.x + box.width).toBeLessThanOrEqual(194 + 1e-9);
      expect(box.y + box.height).toBeLessThanOrEqual(84 + 1e-9);
    }
  });

  it("colours boxes by the node type's category, and unknown types as unknown", () => {
    const graph: GraphData = { nodes: [node("in", "input", 0, 0), node("g", "generate", 240, 0), node("r", "rank", 480, 0), node("x", "no-such-type", 720, 0)], edges: [] };
    expect(thumbnailOf(graph).boxes.map((box) => box.category)).toEqual(["io", "generation", "selection", "unknown"]);
  });

  it("keeps the aspect ratio and centres the drawing", () => {
    const graph: GraphData = { nodes: [node("a", "input", 0, 0), node("b", "output", 1000, 0)], edges: [] };
    const thumb = thumbnailOf(graph, { width: 200, height: 90, padding: 0, nodeSize: { width: 200, height: 100 } });
    const [a, b] = thumb.boxes;
    // 1200 x 100 flow units into 200 x 90: the width decides, scale 1/6.
    expect(a?.width).toBeCloseTo(200 / 6);
    expect(a?.height).toBeCloseTo(100 / 6);
    expect(a?.x).toBeCloseTo(0);
    expect((b?.x ?? 0) + (b?.width ?? 0)).toBeCloseTo(200);
    // Centred vertically: equal space above and below.
    expect(a?.y).toBeCloseTo((90 - 100 / 6) / 2);
  });

  it("does not blow a small graph up past the largest scale", () => {
    const thumb = thumbnailOf({ nodes: [node("a", "input", 50, 50)], edges: [] }, { maxScale: 0.2 });
    expect(thumb.boxes[0]?.width).toBeCloseTo(40);
  });

  it("runs an edge from the source's right side to the target's left side, and leaves out edges to missing nodes", () => {
    const graph: GraphData = {
      nodes: [node("a", "input", 0, 0), node("b", "output", 400, 200)],
      edges: [
        { from: ["a", "query"], to: ["b", "answer"] },
        { from: ["a", "query"], to: ["gone", "query"] },
      ],
    };
    const thumb = thumbnailOf(graph);
    const [a, b] = thumb.boxes;
    expect(thumb.edges).toHaveLength(1);
    expect(thumb.edges[0]).toMatchObject({ x1: (a?.x ?? 0) + (a?.width ?? 0), y1: (a?.y ?? 0) + (a?.height ?? 0) / 2, x2: b?.x, y2: (b?.y ?? 0) + (b?.height ?? 0) / 2 });
  });

  it("draws nothing for an empty graph", () => {
    expect(thumbnailOf(EMPTY)).toMatchObject({ boxes: [], edges: [] });
  });
});
