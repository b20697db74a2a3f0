import { describe, expect, it } from "vitest";
import type { EdgeSpec } from "../../core/graph/schema";
import {
  findCycle,
  incomingEdges,
  outgoingEdges,
  predecessors,
  reachableFrom,
  successors,
  topologicalOrder,
  type GraphLike,
} from "../../core/graph/topology";
import { validArchitecture } from "../validation/fixtures";

/** `graph("a b c", "a>b b>c")`: node ids in file order and edges as from>to (ports are irrelevant here). */
function graph(ids: string, edges: string): GraphLike {
  const list: EdgeSpec[] = edges
    .split(" ")
    .filter(Boolean)
    .map((pair) => {
      const [from = "", to = ""] = pair.split(">");
      return { from: [from, "out"], to: [to, "in"] };
    });
  return { nodes: ids.split(" ").map((id) => ({ id })), edges: list };
}

describe("topologicalOrder", () => {
  it("orders the valid fixture from input to output", () => {
    expect(topologicalOrder(validArchitecture())).toEqual(["input", "gen", "rank", "fuse", "output"]);
  });

  it("breaks ties by file order, not by edge order", () => {
    expect(topologicalOrder(graph("root c b a sink", "root>a root>b root>c a>sink b>sink c>sink"))).toEqual(["root", "c", "b", "a", "sink"]);
  });

  it("puts a node that becomes ready later after earlier-ready nodes that precede it in the file", () => {
    // d is first in the file but waits for c; b is ready at once.
    expect(topologicalOrder(graph("d a b c", "a>c c>d"))).toEqual(["a", "b", "c", "d"]);
  });

  it("leaves out nodes on and below a cycle", () => {
    expect(topologicalOrder(graph("a b c d", "a>b b>c c>b c>d"))).toEqual(["a"]);
  });

  it("ignores edges to missing nodes and uses the first of duplicate ids", () => {
    expect(topologicalOrder(graph("a b a", "a>b b>ghost ghost>a"))).toEqual(["a", "b"]);
  });
});

describe("findCycle", () => {
  it("is null for a DAG", () => {
    expect(findCycle(validArchitecture())).toBeNull();
    expect(findCycle(graph("a b c", "a>b a>c b>c"))).toBeNull();
  });

  it("returns the cycle's nodes in edge order, starting at the one first in the file", () => {
    expect(findCycle(graph("x c a b", "x>b b>c c>a a>b"))).toEqual(["c", "a", "b"]);
  });

  it("finds a self-loop", () => {
    expect(findCycle(graph("a b", "a>b b>b"))).toEqual(["b"]);
  });

  it("finds a cycle not reachable from the first node", () => {
    expect(findCycle(graph("a b c", "b>c c>b"))).toEqual(["b", "c"]);
  });
});

describe("edges and neighbours", () => {
  const arch = validArchitecture();

  it("lists incoming and outgoing edges in file order, optionally by port", () => {
    expect(incomingEdges(arch, "rank").map((e) => e.from[0])).toEqual(["input", "gen"]);
    expect(incomingEdges(arch, "rank", "candidates")).toEqual([{ from: ["gen", "candidates"], to: ["rank", "candidates"] }]);
    expect(incomingEdges(arch, "input")).toEqual([]);
    expect(outgoingEdges(arch, "input").map((e) => e.to[0])).toEqual(["gen", "rank", "fuse"]);
    expect(outgoingEdges(arch, "input", "nope")).toEqual([]);
  });

  it("lists each neighbour once", () => {
    const g = graph("a b", "a>b a>b");
    expect(successors(g, "a")).toEqual(["b"]);
    expect(predecessors(g, "b")).toEqual(["a"]);
    expect(successors(arch, "input")).toEqual(["gen", "rank", "fuse"]);
    expect(predecessors(arch, "fuse")).toEqual(["input", "rank"]);
    expect(successors(arch, "missing")).toEqual([]);
  });

  it("finds everything reachable, start nodes included, unknown starts ignored", () => {
    const g = graph("a b c d e", "a>b b>c d>e");
    expect([...reachableFrom(g, ["a"])].sort()).toEqual(["a", "b", "c"]);
    expect([...reachableFrom(g, ["a", "d", "ghost"])].sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(reachableFrom(g, []).size).toBe(0);
    expect(reachableFrom(graph("a b", "a>b b>a"), ["a"])).toEqual(new Set(["a", "b"]));
  });
});
