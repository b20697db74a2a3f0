/**
 * The structural edits a configuration makes to its template: bypass a node, repeat a chain of
 * nodes, clone a node once per chosen value. Each works on a mutable copy of the graph and keeps
 * `derived`: for each template node id, the ids it now stands for (copies and clones), so later
 * edits and params address template ids and reach every copy.
 */
import type { EdgeSpec, NodeSpec, PortRef } from "../../graph/schema";
import type { AnyNodeDefinition } from "../../nodes/define";
import { nodeRegistry } from "../../nodes/registry";

export interface WorkGraph {
  nodes: NodeSpec[];
  edges: EdgeSpec[];
  /** Template node id -> the ids it stands for now ([] once bypassed). */
  derived: Map<string, string[]>;
}

export function workGraph(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[]): WorkGraph {
  return {
    nodes: nodes.map((n) => ({ ...n, params: structuredClone(n.params), position: { ...n.position } })),
    edges: edges.map((e) => ({ from: [e.from[0], e.from[1]], to: [e.to[0], e.to[1]] })),
    derived: new Map(nodes.map((n) => [n.id, [n.id]])),
  };
}

export function definitionOf(node: NodeSpec): AnyNodeDefinition | undefined {
  return nodeRegistry.get(node.type);
}

/** The names of a node's input ports of this type, in declaration order. */
export function inputsOfType(definition: AnyNodeDefinition | undefined, type: string): string[] {
  return Object.entries(definition?.inputs ?? {}).filter(([, p]) => p.type === type).map(([name]) => name);
}

/** The names of a node's output ports of this type, in declaration order. */
export function outputsOfType(definition: AnyNodeDefinition | undefined, type: string): string[] {
  return Object.entries(definition?.outputs ?? {}).filter(([, p]) => p.type === type).map(([name]) => name);
}

function edgeId(edge: EdgeSpec): string {
  return `${edge.from[0]}:${edge.from[1]}->${edge.to[0]}:${edge.to[1]}`;
}

/** Keeps the first of identical edges (order is data: candidates inputs concatenate in edge order). */
function dedupe(edges: EdgeSpec[]): EdgeSpec[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const id = edgeId(e);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Removes a node, passing its candidates through: the sources of its `candidates` inputs feed
 * every consumer of its `candidates` outputs, in place of the removed edge. A consumer's
 * optional `answer` input it fed falls back to that consumer's `candidates` input (the output
 * node answers with the first candidate). Edges of other types (query, tests) are dropped.
 */
export function bypass(graph: WorkGraph, nodeId: string): void {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return;
  const definition = definitionOf(node);
  const candidateInputs = new Set(inputsOfType(definition, "candidates"));
  const sources: PortRef[] = graph.edges.filter((e) => e.to[0] === nodeId && candidateInputs.has(e.to[1])).map((e) => e.from);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges: EdgeSpec[] = [];
  for (const edge of graph.edges) {
    if (edge.to[0] === nodeId) continue;
    if (edge.from[0] !== nodeId) {
      edges.push(edge);
      continue;
    }
    const type = definition?.outputs[edge.from[1]]?.type;
    if (type === "candidates") {
      for (const from of sources) edges.push({ from, to: edge.to });
    } else if (type === "answer") {
      const consumer = byId.get(edge.to[0]);
      const consumerDefinition = consumer === undefined ? undefined : definitionOf(consumer);
      const port = consumerDefinition?.inputs[edge.to[1]];
      const fallback = inputsOfType(consumerDefinition, "candidates")[0];
      if (port?.required === false && fallback !== undefined) for (const from of sources) edges.push({ from, to: [edge.to[0], fallback] });
    }
  }
  graph.nodes = graph.nodes.filter((n) => n.id !== nodeId);
  graph.edges = dedupe(edges);
  for (const [templateId, ids] of graph.derived) if (ids.includes(nodeId)) graph.derived.set(templateId, ids.filter((id) => id !== nodeId));
}

/** The id of copy `copy` (2, 3, ...) of a node in a repeated chain. */
export function copyId(nodeId: string, copy: number): string {
  return `${nodeId}-${copy}`;
}

/** A node-id-safe form of a value (a model id such as `openai/gpt-4o` becomes `openai-gpt-4o`). */
export function slug(value: string): string {
  const s = value.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
  return s === "" ? "x" : s;
}

/**
 * Repeats a chain of nodes (`chain[i]`'s candidates feed `chain[i + 1]`) `count` times in a row:
 * copy k's first node takes copy k-1's last node's candidates; every other input from outside
 * the chain (the query, tests) is shared by all copies; what the chain fed outside now comes from
 * the last copy. `count` 0 bypasses the chain. The space loader has checked the chain's shape.
 */
export function repeatChain(graph: WorkGraph, chain: readonly string[], count: number): void {
  if (count <= 0) {
    for (const id of chain) bypass(graph, id);
    return;
  }
  if (count === 1) return;
  const first = chain[0] as string;
  const last = chain[chain.length - 1] as string;
  const inChain = new Set(chain);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const entryPorts = new Set(inputsOfType(definitionOf(byId.get(first) as NodeSpec), "candidates"));
  const exitPort = outputsOfType(definitionOf(byId.get(last) as NodeSpec), "candidates")[0] as string;
  const idIn = (id: string, copy: number): string => (copy === 1 || !inChain.has(id) ? id : copyId(id, copy));
  const lastOf = (copy: number): string => idIn(last, copy);

  const copies: NodeSpec[] = [];
  for (let copy = 2; copy <= count; copy++) {
    for (const id of chain) {
      const node = byId.get(id) as NodeSpec;
      copies.push({ ...node, id: copyId(id, copy), params: structuredClone(node.params), position: { x: node.position.x + 60 * (copy - 1), y: node.position.y + 180 * (copy - 1) } });
    }
  }
  // Copies follow the chain's last node in the file, so the layers read in order.
  const after = Math.max(...chain.map((id) => graph.nodes.findIndex((n) => n.id === id))) + 1;
  const nodes: NodeSpec[] = [...graph.nodes.slice(0, after), ...copies, ...graph.nodes.slice(after)];
  const edges: EdgeSpec[] = [];
  for (const edge of graph.edges) {
    const fromIn = inChain.has(edge.from[0]);
    const toIn = inChain.has(edge.to[0]);
    if (!fromIn && !toIn) {
      edges.push(edge);
    } else if (fromIn && toIn) {
      for (let copy = 1; copy <= count; copy++) edges.push({ from: [idIn(edge.from[0], copy), edge.from[1]], to: [idIn(edge.to[0], copy), edge.to[1]] });
    } else if (toIn) {
      const isEntry = edge.to[0] === first && entryPorts.has(edge.to[1]);
      edges.push(edge);
      for (let copy = 2; copy <= count; copy++) {
        const from: PortRef = isEntry ? [lastOf(copy - 1), exitPort] : edge.from;
        edges.push({ from, to: [idIn(edge.to[0], copy), edge.to[1]] });
      }
    } else {
      // Out of the chain: only its last node feeds outside (checked when the space loads).
      edges.push({ from: [lastOf(count), edge.from[1]], to: edge.to });
    }
  }
  graph.nodes = nodes;
  graph.edges = dedupe(edges);
  for (const id of chain) graph.derived.set(id, Array.from({ length: count }, (_, k) => idIn(id, k + 1)));
}

/** The ids of a node's clones, one per value (a single value keeps the node's id). */
export function cloneIds(nodeId: string, values: readonly string[]): string[] {
  if (values.length === 1) return [nodeId];
  const slugs = values.map(slug);
  return slugs.map((s, i) => (slugs.indexOf(s) === i && slugs.lastIndexOf(s) === i ? `${nodeId}-${s}` : `${nodeId}-${i + 1}-${s}`));
}

/**
 * Replaces a node by one copy per value, with `param` set to the value: every edge of the node
 * is repeated for each copy, in value order (so their candidates concatenate in that order).
 */
export function cloneNode(graph: WorkGraph, nodeId: string, param: string, values: readonly string[]): void {
  const index = graph.nodes.findIndex((n) => n.id === nodeId);
  const node = graph.nodes[index];
  if (node === undefined || values.length === 0) return;
  const ids = cloneIds(nodeId, values);
  const clones = values.map((value, i): NodeSpec => ({
    ...node,
    id: ids[i] as string,
    params: { ...structuredClone(node.params), [param]: value },
    position: { x: node.position.x, y: node.position.y + 140 * i },
  }));
  graph.nodes = [...graph.nodes.slice(0, index), ...clones, ...graph.nodes.slice(index + 1)];
  const edges: EdgeSpec[] = [];
  for (const edge of graph.edges) {
    if (edge.from[0] === nodeId) for (const id of ids) edges.push({ from: [id, edge.from[1]], to: edge.to });
    else if (edge.to[0] === nodeId) for (const id of ids) edges.push({ from: edge.from, to: [id, edge.to[1]] });
    else edges.push(edge);
  }
  graph.edges = dedupe(edges);
  for (const [templateId, derivedIds] of graph.derived) if (derivedIds.includes(nodeId)) graph.derived.set(templateId, derivedIds.flatMap((id) => (id === nodeId ? ids : [id])));
}

/** Sets a param on every node a template node now stands for. */
export function setParam(graph: WorkGraph, templateId: string, param: string, value: unknown): void {
  const ids = new Set(graph.derived.get(templateId) ?? []);
  for (const node of graph.nodes) if (ids.has(node.id)) node.params = { ...node.params, [param]: structuredClone(value) };
}
