/** The pure parts behind the components: fields, palette, card summaries, xyflow mapping, shortcuts. */
import { describe, expect, it } from "vitest";
import { generateNode } from "../../core/nodes/generate";
import { nodeRegistry } from "../../core/nodes/registry";
import { rankNode } from "../../core/nodes/rank";
import { voteNode } from "../../core/nodes/vote";
import { verifyNode } from "../../core/nodes/verify";
import { createEdgeMapper, createNodeMapper, edgePortType, toFlowEdges } from "../../renderer/canvas/flow-model";
import { summarizeNode } from "../../renderer/canvas/node-summary";
import { callProgress } from "../../renderer/canvas/RunStatusMark";
import { fieldLabel, fieldsOf } from "../../renderer/inspector/field-model";
import { paletteGroups } from "../../renderer/palette/palette-model";
import { commandFor, SHORTCUTS, type KeyStroke } from "../../renderer/shell/shortcuts";
import { DEFAULT_NODE_SIZE, freeSpot } from "../../renderer/store/geometry";
import { moveNodes } from "../../renderer/store/graph-ops";
import { expectOk, graphOfFile, SAMPLE } from "./helpers";

describe("inspector fields from the zod params", () => {
  it("turns ranges into sliders, enums into selects, the model into a picker and templates into editors", () => {
    const fields = fieldsOf(rankNode);
    const byName = new Map(fields.map((field) => [field.name, field]));
    expect(fields[0]).toMatchObject({ name: "model", kind: "model", defaultValue: "local/stories260k" });
    expect(byName.get("top_k")).toMatchObject({ kind: "number", integer: true, min: 1, max: 64, slider: { min: 1, max: 64, step: 1 }, defaultValue: 3 });
    expect(byName.get("temperature")).toMatchObject({ kind: "number", integer: false, slider: { min: 0, max: 2 } });
    expect(byName.get("mode")).toMatchObject({ kind: "enum", options: ["listwise", "pairwise"] });
    expect(byName.get("pairwise_prompt_template")).toMatchObject({ kind: "template", variables: ["query", "context", "context_block", "candidate_a", "candidate_b"] });
    // Too wide to drag through, or optional without a default: an input only.
    expect(byName.get("max_tokens")).not.toHaveProperty("slider");
    expect(byName.get("seed")).toMatchObject({ kind: "number", optional: true });
    expect(byName.get("seed")).not.toHaveProperty("max");
    // The node's own params come before the shared sampling ones, prompts last.
    expect(fields.map((f) => f.name)).toEqual(["model", "top_k", "mode", "temperature", "top_p", "max_tokens", "seed", "system_prompt", "prompt_template", "pairwise_prompt_template"]);
  });

  it("covers every param of every node type", () => {
    for (const definition of nodeRegistry.values()) {
      expect(fieldsOf(definition).map((f) => f.name).sort()).toEqual(Object.keys(definition.params.shape).sort());
    }
    expect(fieldsOf(voteNode).map((f) => f.kind)).toEqual(["enum", "text"]);
    // Code gets a multi-line editor: verify's Python predicate (its default spans lines).
    expect(fieldsOf(verifyNode).find((f) => f.name === "predicate")).toMatchObject({ kind: "text", multiline: true });
    expect(fieldsOf(voteNode).find((f) => f.name === "pattern")).toMatchObject({ kind: "text", multiline: false });
    expect(fieldLabel("max_tokens")).toBe("Max tokens");
  });
});

describe("palette", () => {
  it("groups every node type by category and filters by search words", () => {
    const all = paletteGroups("");
    expect(all.map((g) => g.category)).toEqual(["io", "generation", "critique", "selection", "synthesis", "testing"]);
    expect(all.flatMap((g) => g.items).length).toBe(nodeRegistry.size);
    expect(paletteGroups("majority").flatMap((g) => g.items.map((d) => d.type))).toEqual(["vote"]);
    expect(paletteGroups("unit test").flatMap((g) => g.items.map((d) => d.type))).toEqual(["unit-test-generate", "unit-test-evaluate"]);
    expect(paletteGroups("zzz")).toEqual([]);
  });
});

describe("node cards", () => {
  it("show the model and key params with defaults filled in", () => {
    expect(summarizeNode(generateNode, { samples: 5 })).toEqual({ model: "local/stories260k", params: [["samples", "5"], ["temp", "0.7"]] });
    expect(summarizeNode(voteNode, {})).toEqual({ params: [["extract", "last-number"]] });
  });
});

describe("xyflow mapping", () => {
  it("reuses node objects an edit did not touch", () => {
    const graph = graphOfFile(SAMPLE);
    const map = createNodeMapper();
    const before = map(graph.nodes, [], {});
    const moved = expectOk(moveNodes(graph, { rank: { x: 0, y: 300 } })).graph;
    const after = map(moved.nodes, ["fuse"], {});
    expect(after[0]).toBe(before[0]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[3]).toMatchObject({ id: "fuse", selected: true });
    expect(after[3]).not.toBe(before[3]);
  });

  it("reuses the edges array while only nodes move, and edge objects an edit did not touch", () => {
    const graph = graphOfFile(SAMPLE);
    const map = createEdgeMapper();
    const before = map(graph.edges, graph.nodes, []);
    const moved = expectOk(moveNodes(graph, { rank: { x: 0, y: 300 } })).graph;
    // A drag frame: the same array, so xyflow neither re-indexes nor re-renders the edges.
    expect(map(moved.edges, moved.nodes, [])).toBe(before);
    const [first, second] = before;
    const selected = map(moved.edges, moved.nodes, [second?.id ?? ""]);
    expect(selected).not.toBe(before);
    expect(selected[0]).toBe(first);
    expect(selected[1]).toMatchObject({ id: second?.id, selected: true });
    expect(selected.map((e) => e.data?.portType)).toEqual(toFlowEdges(graph.edges, graph.nodes, []).map((e) => e.data?.portType));
  });

  it("types edges by their ports, marking mismatches invalid", () => {
    const graph = graphOfFile(SAMPLE);
    expect(toFlowEdges(graph.edges, graph.nodes, []).map((e) => e.data?.portType)).toEqual(["query", "query", "candidates", "query", "candidates", "candidates"]);
    expect(edgePortType({ from: ["fuse", "candidates"], to: ["output", "answer"] }, graph.nodes)).toBe("invalid");
  });

  it("finds the nearest free spot for a node added where others sit", () => {
    const graph = graphOfFile(SAMPLE);
    // The sample's nodes stand in a row at y = 0, 240 apart: the nearest room is just above or below the row.
    const spot = freeSpot(graph, { x: 250, y: 10 });
    const clear = DEFAULT_NODE_SIZE.height + 16;
    expect(spot.y >= clear || spot.y <= -clear).toBe(true);
    expect(Math.abs(spot.y - 10)).toBeLessThanOrEqual(clear + 48);
    expect(Math.abs(spot.x - 250)).toBeLessThanOrEqual(48);
    expect(freeSpot(graph, { x: 0, y: 400 })).toEqual({ x: 0, y: 400 });
    // Measured sizes count: below a node measured 600 high, y = 400 is taken.
    expect(freeSpot(graph, { x: 0, y: 400 }, { input: { width: 200, height: 600 } })).not.toEqual({ x: 0, y: 400 });
  });
});

describe("keyboard shortcuts", () => {
  const key = (k: string, mods: Partial<KeyStroke> = {}): KeyStroke => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it("maps keys to commands, with Mod = Ctrl, or Cmd on macOS", () => {
    expect(commandFor(key("z", { ctrlKey: true }), false)).toBe("undo");
    expect(commandFor(key("Z", { ctrlKey: true, shiftKey: true }), false)).toBe("redo");
    expect(commandFor(key("y", { ctrlKey: true }), false)).toBe("redo");
    expect(commandFor(key("z", { metaKey: true }), true)).toBe("undo");
    expect(commandFor(key("z", { ctrlKey: true }), true)).toBeUndefined();
    expect(commandFor(key("d", { ctrlKey: true }), false)).toBe("duplicate");
    expect(commandFor(key("l", { ctrlKey: true }), false)).toBe("layout");
    expect(commandFor(key("Delete"), false)).toBe("delete");
    expect(commandFor(key("Backspace"), false)).toBe("delete");
    expect(commandFor(key("f"), false)).toBe("fit");
    expect(commandFor(key("?", { shiftKey: true }), false)).toBe("help");
    expect(commandFor(key("Escape"), false)).toBe("escape");
    // Copy and paste are the browser's clipboard events, not key commands.
    expect(commandFor(key("c", { ctrlKey: true }), false)).toBeUndefined();
    expect(commandFor(key("v", { ctrlKey: true }), false)).toBeUndefined();
  });

  it("lists every command in the help overlay", () => {
    expect(SHORTCUTS.map((s) => s.command)).toEqual(["undo", "redo", "delete", "copy", "cut", "paste", "duplicate", "select-all", "layout", "fit", "search", "toggle-problems", "help", "run", "escape"]);
  });
});

describe("callProgress", () => {
  it("is the share of the estimated calls done, clamped, and unknown without an estimate", () => {
    expect(callProgress(2, 8)).toBe(0.25);
    expect(callProgress(12, 8)).toBe(1);
    expect(callProgress(0, 0)).toBeUndefined();
    expect(callProgress(3, undefined)).toBeUndefined();
  });
});
