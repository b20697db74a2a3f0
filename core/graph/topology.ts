/**
 * Graph queries over an architecture, shared by validation, the engine and the canvas.
 * Edges that name a missing node are ignored here (validation reports them), and when two nodes
 * share an id the first one in the file is the one the graph sees.
 */
import type { EdgeSpec } from "./schema";

/** The part of an architecture these queries read; the canvas can pass its live state. */
export interface GraphLike {
  readonly nodes: readonly { readonly id: string }[];
  readonly edges: readonly EdgeSpec[];
}

interface Adjacency {
  /** Node ids in file order, first occurrence only. */
  order: string[];
  out: Map<string, string[]>;
  in: Map<string, string[]>;
}

function adjacency(graph: GraphLike): Adjacency {
  const order: string[] = [];
  const out = new Map<string, string[]>();
  const inn = new Map<string, string[]>();
  for (const node of graph.nodes) {
    if (out.has(node.id)) continue;
    order.push(node.id);
    out.set(node.id, []);
    inn.set(node.id, []);
  }
  for (const edge of graph.edges) {
    const from = edge.from[0];
    const to = edge.to[0];
    const successors = out.get(from);
    const predecessors = inn.get(to);
    if (successors === undefined || predecessors === undefined) continue;
    successors.push(to);
    predecessors.push(from);
  }
  return { order, out, in: inn };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Node ids in an order where every node comes after all its predecessors (Kahn's algorithm).
 * Stable: among nodes that are ready together, the one earlier in the file comes first.
 * Nodes on a cycle, or downstream of one, are left out; check {@link findCycle} first.
 */
export function topologicalOrder(graph: GraphLike): string[] {
  const { order, out, in: inn } = adjacency(graph);
  const position = new Map(order.map((id, index) => [id, index]));
  const remaining = new Map(order.map((id) => [id, inn.get(id)?.length ?? 0]));
  // Ready nodes are kept sorted by file position; graphs are small, so a sorted array beats a heap.
  const ready = order.filter((id) => remaining.get(id) === 0);
  const result: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    result.push(id);
    for (const next of out.get(id) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) {
        const at = position.get(next) ?? 0;
        const index = ready.findIndex((other) => (position.get(other) ?? 0) > at);
        ready.splice(index === -1 ? ready.length : index, 0, next);
      }
    }
  }
  return result;
}

/**
 * The node ids of one cycle in edge order (`[a, b, c]` for a -> b -> c -> a), starting at the
 * cycle's node that comes first in the file; `null` when the graph is acyclic. A self-loop is `[a]`.
 */
export function findCycle(graph: GraphLike): string[] | null {
  const { order, out } = adjacency(graph);
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, "active");
    stack.push(id);
    for (const next of out.get(id) ?? []) {
      const seen = state.get(next);
      if (seen === "active") return stack.slice(stack.indexOf(next));
      if (seen === undefined) {
        const cycle = visit(next);
        if (cycle !== null) return cycle;
      }
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const id of order) {
    if (state.has(id)) continue;
    const cycle = visit(id);
    if (cycle === null) continue;
    const position = new Map(order.map((nodeId, index) => [nodeId, index]));
    let start = 0;
    cycle.forEach((nodeId, index) => {
      if ((position.get(nodeId) ?? 0) < (position.get(cycle[start] ?? "") ?? 0)) start = index;
    });
    return [...cycle.slice(start), ...cycle.slice(0, start)];
  }
  return null;
}

/** Edges into `nodeId` (into its input `port`, when given), in file order. */
export function incomingEdges(graph: GraphLike, nodeId: string, port?: string): EdgeSpec[] {
  return graph.edges.filter((edge) => edge.to[0] === nodeId && (port === undefined || edge.to[1] === port));
}

/** Edges out of `nodeId` (out of its output `port`, when given), in file order. */
export function outgoingEdges(graph: GraphLike, nodeId: string, port?: string): EdgeSpec[] {
  return graph.edges.filter((edge) => edge.from[0] === nodeId && (port === undefined || edge.from[1] === port));
}

/** Ids of the nodes `nodeId` feeds, each once, in edge order. */
export function successors(graph: GraphLike, nodeId: string): string[] {
  return unique(adjacency(graph).out.get(nodeId) ?? []);
}

/** Ids of the nodes feeding `nodeId`, each once, in edge order. */
export function predecessors(graph: GraphLike, nodeId: string): string[] {
  return unique(adjacency(graph).in.get(nodeId) ?? []);
}

/** Every node reachable from `startIds` along edges, the start nodes included (ids not in the graph are ignored). */
export function reachableFrom(graph: GraphLike, startIds: Iterable<string>): Set<string> {
  const { out } = adjacency(graph);
  const seen = new Set<string>();
  const pending = [...startIds].filter((id) => out.has(id));
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...(out.get(id) ?? []));
  }
  return seen;
}

/** The node ids on a shortest path `from` -> ... -> `to` along edges (`[from]` when they are the same node), or null. */
export function pathBetween(graph: GraphLike, from: string, to: string): string[] | null {
  const { out } = adjacency(graph);
  if (!out.has(from)) return null;
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === to) {
      const path = [to];
      for (let at = to; at !== from; ) {
        at = parent.get(at) as string;
        path.unshift(at);
      }
      return path;
    }
    for (const next of out.get(id) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, id);
      queue.push(next);
    }
  }
  return null;
}
