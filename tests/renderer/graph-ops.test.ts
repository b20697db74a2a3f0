import { describe, expect, it } from "vitest";
import type { GraphData } from "../../core/graph/schema";
import { generateNode } from "../../core/nodes/generate";
import { GENERATE_TEMPLATE } from "../../core/nodes/prompts";
import { edgeKey } from "../../core/validation/load";
import { addNode, applyGraphChange, connect, duplicate, initialParams, moveNodes, paste, removeNodes, setParam } from "../../renderer/store/graph-ops";
import { EMPTY, expectOk, graphOfFile, SAMPLE } from "./helpers";

/** input -> generate, plus a vote and an output, nothing else wired. */
function smallGraph(): GraphData {
  let graph = EMPTY;
  for (const type of ["input", "generate", "vote", "output"]) graph = expectOk(addNode(graph, type, { x: 0, y: 0 })).graph;
  return expectOk(connect(graph, { source: "input", sourcePort: "query", target: "generate", targetPort: "query" })).graph;
}

describe("addNode", () => {
  it("adds a node with the definition's defaults, minus templates and empty strings, and a fresh id", () => {
    const first = expectOk(addNode(EMPTY, "generate", { x: 10, y: 20 }));
    expect(first.created).toEqual(["generate"]);
    const node = first.graph.nodes[0];
    expect(node).toMatchObject({ id: "generate", type: "generate", position: { x: 10, y: 20 } });
    expect(node?.params).toEqual({ model: "local/stories260k", temperature: 0.7, top_p: 1, max_tokens: 256, samples: 1 });
    expect(generateNode.params.parse(node?.params).prompt_template).toBe(GENERATE_TEMPLATE);
    expect(expectOk(addNode(first.graph, "generate", { x: 0, y: 0 })).created).toEqual(["generate-2"]);
  });

  it("refuses an unknown type", () => {
    expect(addNode(EMPTY, "generat", { x: 0, y: 0 })).toMatchObject({ ok: false, code: "unknown-node-type" });
  });

  it("initialParams always parse", () => {
    expect(generateNode.params.safeParse(initialParams(generateNode)).success).toBe(true);
  });
});

describe("connect", () => {
  it("adds an edge between matching ports", () => {
    const graph = expectOk(connect(smallGraph(), { source: "generate", sourcePort: "candidates", target: "vote", targetPort: "candidates" })).graph;
    expect(graph.edges.map(edgeKey)).toContain("generate:candidates->vote:candidates");
  });

  it("refuses a wrong port type, saying which types", () => {
    const result = connect(smallGraph(), { source: "generate", sourcePort: "candidates", target: "output", targetPort: "answer" });
    expect(result).toEqual({ ok: false, code: "port-type-mismatch", reason: 'edge generate.candidates -> output.answer: output "generate.candidates" carries candidates but input "output.answer" takes answer' });
  });

  it("refuses a cycle, naming it", () => {
    let graph = smallGraph();
    graph = expectOk(addNode(graph, "rank", { x: 0, y: 0 })).graph;
    graph = expectOk(connect(graph, { source: "generate", sourcePort: "candidates", target: "rank", targetPort: "candidates" })).graph;
    graph = expectOk(addNode(graph, "critique", { x: 0, y: 0 })).graph;
    graph = expectOk(connect(graph, { source: "rank", sourcePort: "candidates", target: "critique", targetPort: "candidates" })).graph;
    const result = connect(graph, { source: "critique", sourcePort: "candidates", target: "rank", targetPort: "candidates" });
    expect(result).toEqual({ ok: false, code: "cycle", reason: "cycle: rank -> critique -> rank" });
    expect(connect(graph, { source: "rank", sourcePort: "candidates", target: "rank", targetPort: "candidates" })).toMatchObject({ ok: false, code: "cycle" });
  });

  it("refuses a second edge into a single-valued input, a duplicate edge, and input-to-output", () => {
    let graph = expectOk(addNode(smallGraph(), "input", { x: 0, y: 0 })).graph;
    expect(connect(graph, { source: "input-2", sourcePort: "query", target: "generate", targetPort: "query" })).toMatchObject({ ok: false, code: "input-occupied" });
    expect(connect(graph, { source: "input", sourcePort: "query", target: "generate", targetPort: "query" })).toMatchObject({ ok: false, code: "duplicate-edge" });
    expect(connect(graph, { source: "vote", sourcePort: "candidates", target: "generate", targetPort: "candidates" })).toMatchObject({ ok: false, code: "wrong-direction" });
    // Candidates inputs concatenate: two generators may feed one vote.
    graph = expectOk(addNode(graph, "generate", { x: 0, y: 0 })).graph;
    graph = expectOk(connect(graph, { source: "generate", sourcePort: "candidates", target: "vote", targetPort: "candidates" })).graph;
    expect(connect(graph, { source: "generate-2", sourcePort: "candidates", target: "vote", targetPort: "candidates" }).ok).toBe(true);
  });
});

describe("setParam", () => {
  it("writes a valid value and leaves every other node as it was", () => {
    const before = graphOfFile(SAMPLE);
    const after = expectOk(setParam(before, "generate", "samples", 8)).graph;
    expect(after.nodes.find((n) => n.id === "generate")?.params["samples"]).toBe(8);
    expect(after.nodes.filter((n) => n.id !== "generate")).toEqual(before.nodes.filter((n) => n.id !== "generate"));
    // Untouched nodes are the same objects: cheap undo snapshots, no re-render.
    after.nodes.forEach((node, i) => {
      if (node.id !== "generate") expect(node).toBe(before.nodes[i]);
    });
  });

  it("refuses an invalid value and writes nothing", () => {
    const graph = graphOfFile(SAMPLE);
    expect(setParam(graph, "generate", "samples", 0)).toEqual({ ok: false, code: "param-invalid", reason: "samples must be an integer between 1 and 256" });
    expect(setParam(graph, "generate", "samples", 2.5)).toMatchObject({ ok: false, code: "param-invalid", reason: "samples must be an integer" });
    expect(setParam(graph, "generate", "temperature", 3)).toMatchObject({ ok: false, reason: "temperature must be a number between 0 and 2" });
    expect(setParam(graph, "rank", "mode", "best")).toMatchObject({ ok: false, reason: 'mode must be one of "listwise", "pairwise"' });
    expect(setParam(graph, "generate", "prompt_template", "{{qeury}}")).toMatchObject({ ok: false, code: "param-invalid" });
    expect(setParam(graph, "generate", "sample", 3)).toMatchObject({ ok: false, code: "unknown-param", reason: 'generate has no param "sample"' });
  });

  it("checks the node's own rules on the param being set", () => {
    let graph = expectOk(addNode(EMPTY, "vote", { x: 0, y: 0 })).graph;
    graph = expectOk(setParam(graph, "vote", "extractor", "regex")).graph;
    expect(setParam(graph, "vote", "pattern", "(unclosed")).toMatchObject({ ok: false, code: "param-invalid" });
    expect(setParam(graph, "vote", "pattern", "Answer: (\\d+)").ok).toBe(true);
  });

  it("removes the param when set to undefined, so the default applies", () => {
    const graph = expectOk(setParam(graphOfFile(SAMPLE), "generate", "seed", undefined)).graph;
    expect(graph.nodes.find((n) => n.id === "generate")?.params).not.toHaveProperty("seed");
  });
});

describe("remove, move, duplicate, paste", () => {
  it("removes nodes with their edges, and single edges", () => {
    const graph = graphOfFile(SAMPLE);
    const without = expectOk(removeNodes(graph, ["rank"])).graph;
    expect(without.nodes.map((n) => n.id)).toEqual(["input", "generate", "fuse", "output"]);
    expect(without.edges.some((e) => e.from[0] === "rank" || e.to[0] === "rank")).toBe(false);
    const oneEdge = expectOk(removeNodes(graph, [], ["fuse:candidates->output:candidates"])).graph;
    expect(oneEdge.edges).toHaveLength(graph.edges.length - 1);
    expect(removeNodes(graph, [])).toMatchObject({ ok: false, code: "nothing-to-do" });
  });

  it("moves nodes, and returns the same graph when nothing moved", () => {
    const graph = graphOfFile(SAMPLE);
    expect(expectOk(moveNodes(graph, { rank: { x: 1, y: 2 } })).graph.nodes.find((n) => n.id === "rank")?.position).toEqual({ x: 1, y: 2 });
    expect(expectOk(moveNodes(graph, { rank: { x: 480, y: 0 }, ghost: { x: 0, y: 0 } })).graph).toBe(graph);
  });

  it("duplicates nodes with the edges between them, offset, with fresh ids", () => {
    const graph = graphOfFile(SAMPLE);
    const result = expectOk(duplicate(graph, ["generate", "rank"]));
    expect(result.created).toEqual(["generate-2", "rank-2"]);
    expect(result.graph.edges.map(edgeKey)).toContain("generate-2:candidates->rank-2:candidates");
    // Only the edge between the copies: the copies' inputs from outside are left to the user.
    expect(result.graph.edges).toHaveLength(graph.edges.length + 1);
    expect(result.graph.nodes.find((n) => n.id === "rank-2")?.position).toEqual({ x: 512, y: 32 });
  });

  it("pastes a fragment at a point, keeping free ids", () => {
    const fragment = graphOfFile("tests/renderer/fixtures/fragment.itasca.json");
    const into = expectOk(paste(EMPTY, fragment, { x: 0, y: 0 }));
    expect(into.created).toEqual(["generate", "vote"]);
    expect(into.graph.nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 250, y: 0 }]);
    const again = expectOk(applyGraphChange(into.graph, { type: "paste", fragment, at: { x: 0, y: 0 } }));
    expect(again.created).toEqual(["generate-2", "vote-2"]);
    expect(again.graph.nodes.find((n) => n.id === "vote-2")?.position).toEqual({ x: 282, y: 32 });
    expect(again.graph.edges.map(edgeKey)).toEqual(["generate:candidates->vote:candidates", "generate-2:candidates->vote-2:candidates"]);
  });

  it("refuses to paste nodes of unknown types", () => {
    const fragment: GraphData = { nodes: [{ id: "x", type: "teleport", params: {}, position: { x: 0, y: 0 } }], edges: [] };
    expect(paste(EMPTY, fragment)).toMatchObject({ ok: false, code: "clipboard-invalid" });
  });
});
