import { describe, expect, it } from "vitest";
import { edgeKey } from "../../core/validation/load";
import { createItascaStore } from "../../renderer/store/create-store";
import { selectDirty, selectInspectedNode } from "../../renderer/store/selectors";
import { openDocument, SAMPLE, storeWith } from "./helpers";

const positionOf = (store: ReturnType<typeof createItascaStore>, id: string) => store.getState().nodes.find((n) => n.id === id)?.position;

describe("store: edits and undo", () => {
  it("adds and connects through the store, selecting what was added", () => {
    const store = createItascaStore();
    store.getState().addNodeOfType("input", { x: 0, y: 0 });
    store.getState().addNodeOfType("generate", { x: 240, y: 0 });
    expect(store.getState().selectedNodeIds).toEqual(["generate"]);
    expect(store.getState().connectPorts({ source: "input", sourcePort: "query", target: "generate", targetPort: "query" }).ok).toBe(true);
    expect(store.getState().edges.map(edgeKey)).toEqual(["input:query->generate:query"]);
  });

  it("a refused connection changes nothing and leaves a notice", () => {
    const store = storeWith(SAMPLE);
    const before = store.getState().edges;
    const result = store.getState().connectPorts({ source: "fuse", sourcePort: "candidates", target: "generate", targetPort: "query" });
    expect(result).toMatchObject({ ok: false, code: "port-type-mismatch" });
    expect(store.getState().edges).toBe(before);
    expect(store.getState().notice?.text).toBe('edge fuse.candidates -> generate.query: output "fuse.candidates" carries candidates but input "generate.query" takes query');
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it("undoes and redoes every edit, one step each; selection and theme are not steps", () => {
    const store = createItascaStore();
    const s = () => store.getState();
    s().addNodeOfType("input", { x: 0, y: 0 });
    s().addNodeOfType("generate", { x: 240, y: 0 });
    s().connectPorts({ source: "input", sourcePort: "query", target: "generate", targetPort: "query" });
    s().setNodeParam("generate", "samples", 4);
    s().select({ nodes: ["input"] });
    s().toggleTheme();
    expect(store.temporal.getState().pastStates).toHaveLength(4);

    s().undo();
    expect(s().nodes.find((n) => n.id === "generate")?.params["samples"]).toBe(1);
    s().undo();
    expect(s().edges).toEqual([]);
    s().redo();
    s().redo();
    expect(s().nodes.find((n) => n.id === "generate")?.params["samples"]).toBe(4);
    s().undo();
    s().undo();
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(["input"]);
    // The undone node was selected: the selection follows the graph.
    s().select({ nodes: ["input"] });
    s().undo();
    expect(s().nodes).toEqual([]);
    expect(s().selectedNodeIds).toEqual([]);
  });

  it("a drag is one undo step however many moves it made", () => {
    const store = storeWith(SAMPLE);
    const s = () => store.getState();
    s().beginGesture();
    for (let x = 0; x <= 100; x += 10) s().apply({ type: "move", positions: { rank: { x: 480 + x, y: x }, fuse: { x: 720 + x, y: x } } });
    s().endGesture();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    expect(positionOf(store, "rank")).toEqual({ x: 580, y: 100 });
    s().undo();
    expect(positionOf(store, "rank")).toEqual({ x: 480, y: 0 });
    expect(positionOf(store, "fuse")).toEqual({ x: 720, y: 0 });
    s().redo();
    expect(positionOf(store, "fuse")).toEqual({ x: 820, y: 100 });
  });

  it("a gesture that changed nothing records nothing, and undo ends an open gesture first", () => {
    const store = storeWith(SAMPLE);
    const s = () => store.getState();
    s().beginGesture();
    s().endGesture();
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    s().beginGesture();
    s().setNodeParam("generate", "samples", 2);
    s().setNodeParam("generate", "samples", 20);
    s().undo();
    expect(s().nodes.find((n) => n.id === "generate")?.params["samples"]).toBe(5);
    expect(store.temporal.getState().isTracking).toBe(true);
  });

  it("tracks dirtiness by reference: undoing back to the opened graph is clean again", () => {
    const store = storeWith(SAMPLE);
    expect(selectDirty(store.getState())).toBe(false);
    store.getState().setNodeParam("rank", "top_k", 2);
    expect(selectDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(selectDirty(store.getState())).toBe(false);
  });

  it("opening a document forgets the history", () => {
    const store = storeWith(SAMPLE);
    store.getState().setNodeParam("rank", "top_k", 2);
    store.getState().loadDocument(openDocument(SAMPLE), "again.itasca.json");
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.getState().fileName).toBe("again.itasca.json");
  });
});

describe("store: selection commands", () => {
  it("deletes the selected nodes and edges in one step", () => {
    const store = storeWith(SAMPLE);
    store.getState().select({ nodes: ["rank"], edges: ["input:query->fuse:query"] });
    expect(store.getState().deleteSelection().ok).toBe(true);
    expect(store.getState().nodes.map((n) => n.id)).not.toContain("rank");
    expect(store.getState().edges.map(edgeKey)).not.toContain("input:query->fuse:query");
    expect(store.getState().selectedNodeIds).toEqual([]);
    store.getState().undo();
    expect(store.getState().edges).toHaveLength(6);
  });

  it("copies and pastes through clipboard text, also into another store (another file)", () => {
    const source = storeWith(SAMPLE);
    source.getState().select({ nodes: ["generate", "rank"] });
    const text = source.getState().copySelection();
    expect(text).not.toBeNull();
    expect(JSON.parse(text as string)).toMatchObject({ version: 1, nodes: [{ id: "generate" }, { id: "rank" }], edges: [{ from: ["generate", "candidates"], to: ["rank", "candidates"] }] });

    const same = source.getState().pasteText(text as string);
    expect(same.ok && same.created).toEqual(["generate-2", "rank-2"]);
    expect(source.getState().selectedNodeIds).toEqual(["generate-2", "rank-2"]);

    const other = createItascaStore();
    other.getState().pasteText(text as string, { x: 0, y: 0 });
    expect(other.getState().nodes.map((n) => [n.id, n.position])).toEqual([
      ["generate", { x: 0, y: 0 }],
      ["rank", { x: 240, y: 0 }],
    ]);
    expect(other.getState().nodes[0]?.params).toEqual(source.getState().nodes[1]?.params);
  });

  it("pasting text that is not Itasca nodes leaves a notice", () => {
    const store = createItascaStore();
    expect(store.getState().pasteText("hello")).toMatchObject({ ok: false, code: "clipboard-invalid" });
    expect(store.getState().notice?.kind).toBe("error");
  });

  it("duplicates the selection and selects the copies", () => {
    const store = storeWith(SAMPLE);
    store.getState().select({ nodes: ["fuse"] });
    store.getState().duplicateSelection();
    expect(store.getState().selectedNodeIds).toEqual(["fuse-2"]);
    expect(selectInspectedNode(store.getState())?.type).toBe("fuse");
  });

  it("focusing a node selects it and asks the canvas to centre it", () => {
    const store = storeWith(SAMPLE);
    store.getState().focusNode("rank");
    store.getState().focusNode("rank");
    expect(store.getState().selectedNodeIds).toEqual(["rank"]);
    expect(store.getState().focusRequest).toEqual({ nodeId: "rank", seq: 2 });
  });

  it("applies the canvas's selection changes, keeping the array when nothing changed", () => {
    const store = storeWith(SAMPLE);
    store.getState().changeSelection("nodes", [{ id: "rank", selected: true }, { id: "fuse", selected: true }]);
    const selected = store.getState().selectedNodeIds;
    store.getState().changeSelection("nodes", [{ id: "rank", selected: true }]);
    expect(store.getState().selectedNodeIds).toBe(selected);
    store.getState().changeSelection("nodes", [{ id: "rank", selected: false }]);
    expect(store.getState().selectedNodeIds).toEqual(["fuse"]);
  });
});
