/**
 * Every edit of the graph, as a typed change object applied by a pure function (xyflow style):
 * the store, the tests and later the keyboard and menus all go through these. A function either
 * returns the new graph (sharing every untouched node and edge, so undo snapshots stay cheap and
 * unchanged nodes do not re-render) or refuses with a code and a reason and changes nothing.
 */
import type { NodeSpec, Position, GraphData } from "../../core/graph/schema";
import type { AnyNodeDefinition } from "../../core/nodes/define";
import { NODE_TEMPLATE_VARIABLES } from "../../core/nodes/prompts";
import { nodeRegistry } from "../../core/nodes/registry";
import { checkConnection, type ConnectionRequest } from "../../core/validation/connection";
import { edgeKey } from "../../core/validation/load";
import { checkParam } from "../../core/validation/param-check";
import { copyFragment } from "./clipboard";
import { freshNodeId, idStem } from "./ids";
import { accept, refuse, type EditResult } from "./types";

/** How far a pasted or duplicated node lands from one it would otherwise cover exactly. */
export const PASTE_OFFSET: Position = { x: 32, y: 32 };

type Definitions = ReadonlyMap<string, AnyNodeDefinition>;

/** One edit of the graph. `definitions` default to the built-in node registry. */
export type GraphChange =
  | { type: "add-node"; nodeType: string; position: Position; id?: string }
  | { type: "remove"; nodeIds: readonly string[]; edgeKeys?: readonly string[] }
  | { type: "connect"; connection: ConnectionRequest }
  | { type: "move"; positions: Readonly<Record<string, Position>> }
  | { type: "set-param"; nodeId: string; name: string; value: unknown }
  | { type: "duplicate"; nodeIds: readonly string[] }
  | { type: "paste"; fragment: GraphData; at?: Position }
  /** The whole graph at once (a search trial's architecture put on the canvas): one undo step. */
  | { type: "replace"; graph: GraphData };

/**
 * The params a new node is written with: its definition's defaults, except prompt templates and
 * empty strings. The file then states the choices a reader compares architectures by (model,
 * samples, temperature, ...), while templates stay at the node type's wording until edited, so
 * files stay short and improvements to the shipped wording reach them.
 */
export function initialParams(definition: AnyNodeDefinition): Record<string, unknown> {
  const templates = NODE_TEMPLATE_VARIABLES[definition.type] ?? {};
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(definition.defaults as Record<string, unknown>)) {
    if (Object.hasOwn(templates, name) || value === "" || value === undefined) continue;
    params[name] = value;
  }
  return params;
}

/** Adds a node of `nodeType` at `position`, with {@link initialParams} and a fresh id. */
export function addNode(graph: GraphData, nodeType: string, position: Position, id?: string, definitions: Definitions = nodeRegistry): EditResult {
  const definition = definitions.get(nodeType);
  if (definition === undefined) return refuse("unknown-node-type", `there is no node type "${nodeType}"`);
  const taken = new Set(graph.nodes.map((node) => node.id));
  if (id !== undefined && taken.has(id)) return refuse("unknown-node", `node id "${id}" is already used`);
  const nodeId = id ?? freshNodeId(nodeType, taken);
  const node: NodeSpec = { id: nodeId, type: nodeType, params: initialParams(definition), position: { x: position.x, y: position.y } };
  return accept({ nodes: [...graph.nodes, node], edges: graph.edges }, [nodeId]);
}

/** Removes nodes (with every edge touching them) and edges given by {@link edgeKey}. */
export function removeNodes(graph: GraphData, nodeIds: Iterable<string>, edgeKeys: Iterable<string> = []): EditResult {
  const ids = new Set(nodeIds);
  const keys = new Set(edgeKeys);
  const nodes = graph.nodes.filter((node) => !ids.has(node.id));
  const edges = graph.edges.filter((edge) => !ids.has(edge.from[0]) && !ids.has(edge.to[0]) && !keys.has(edgeKey(edge)));
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return refuse("nothing-to-do", "nothing is selected to delete");
  return accept({ nodes: nodes.length === graph.nodes.length ? graph.nodes : nodes, edges });
}

/** Adds an edge when {@link checkConnection} allows it; refuses with its reason otherwise. */
export function connect(graph: GraphData, request: ConnectionRequest, definitions: Definitions = nodeRegistry): EditResult {
  const check = checkConnection(graph, request, definitions);
  if (!check.ok) return refuse(check.code, check.reason);
  return accept({ nodes: graph.nodes, edges: [...graph.edges, check.edge] });
}

/** Moves nodes; unknown ids are ignored and an unmoved graph is returned as is (no undo step). */
export function moveNodes(graph: GraphData, positions: Readonly<Record<string, Position>>): EditResult {
  let moved = false;
  const nodes = graph.nodes.map((node) => {
    const to = Object.hasOwn(positions, node.id) ? positions[node.id] : undefined;
    if (to === undefined || (to.x === node.position.x && to.y === node.position.y)) return node;
    moved = true;
    return { ...node, position: { x: to.x, y: to.y } };
  });
  return accept(moved ? { nodes, edges: graph.edges } : graph);
}

/**
 * Sets one param, or removes it (back to the default) when `value` is undefined. The value is
 * checked through the node's zod schema and `validate` hook first; an invalid one is refused.
 */
export function setParam(graph: GraphData, nodeId: string, name: string, value: unknown, definitions: Definitions = nodeRegistry): EditResult {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return refuse("unknown-node", `there is no node "${nodeId}"`);
  const definition = definitions.get(node.type);
  if (definition === undefined) return refuse("unknown-node-type", `node "${nodeId}" has unknown type "${node.type}"`);
  const connected = new Set(graph.edges.filter((edge) => edge.to[0] === nodeId).map((edge) => edge.to[1]));
  if (!Object.hasOwn(definition.params.shape, name)) return refuse("unknown-param", `${node.type} has no param "${name}"`);
  const check = checkParam(definition, node.params, name, value, connected);
  if (!check.ok) return refuse("param-invalid", check.reason);
  return accept({ nodes: graph.nodes.map((n) => (n === node ? { ...node, params: check.params } : n)), edges: graph.edges });
}

function collides(graph: GraphData, nodes: readonly NodeSpec[]): boolean {
  return nodes.some((node) => graph.nodes.some((other) => Math.abs(other.position.x - node.position.x) < 1 && Math.abs(other.position.y - node.position.y) < 1));
}

function translate(nodes: readonly NodeSpec[], dx: number, dy: number): NodeSpec[] {
  return nodes.map((node) => ({ ...node, position: { x: node.position.x + dx, y: node.position.y + dy } }));
}

/**
 * Inserts a fragment (copied nodes and their edges) with fresh ids where an id is taken. With
 * `at`, the fragment's top-left corner lands there; either way it is shifted by
 * {@link PASTE_OFFSET} until no pasted node exactly covers an existing one. Edges the graph
 * would refuse (the fragment was edited by hand, say) are left out.
 */
export function paste(graph: GraphData, fragment: GraphData, at?: Position, definitions: Definitions = nodeRegistry): EditResult {
  if (fragment.nodes.length === 0) return refuse("nothing-to-do", "there are no nodes to paste");
  const unknown = fragment.nodes.find((node) => !definitions.has(node.type));
  if (unknown !== undefined) return refuse("clipboard-invalid", `pasted node "${unknown.id}" has unknown type "${unknown.type}"`);

  const taken = new Set(graph.nodes.map((node) => node.id));
  const rename = new Map<string, string>();
  // A copied id is kept when it is free (pasting into another file), else numbered from its stem.
  for (const node of fragment.nodes) rename.set(node.id, freshNodeId(taken.has(node.id) ? idStem(node.id) : node.id, taken));

  let placed = fragment.nodes.map((node) => ({ ...node, id: rename.get(node.id) as string, params: structuredClone(node.params) }));
  if (at !== undefined) {
    const left = Math.min(...placed.map((node) => node.position.x));
    const top = Math.min(...placed.map((node) => node.position.y));
    placed = translate(placed, at.x - left, at.y - top);
  }
  for (let tries = 0; tries < 100 && collides(graph, placed); tries++) placed = translate(placed, PASTE_OFFSET.x, PASTE_OFFSET.y);

  let next: GraphData = { nodes: [...graph.nodes, ...placed], edges: graph.edges };
  for (const edge of fragment.edges) {
    const source = rename.get(edge.from[0]);
    const target = rename.get(edge.to[0]);
    if (source === undefined || target === undefined) continue;
    const result = connect(next, { source, sourcePort: edge.from[1], target, targetPort: edge.to[1] }, definitions);
    if (result.ok) next = result.graph;
  }
  return accept(next, placed.map((node) => node.id));
}

/** Copies nodes (and the edges among them) next to the originals. */
export function duplicate(graph: GraphData, nodeIds: Iterable<string>, definitions: Definitions = nodeRegistry): EditResult {
  return paste(graph, copyFragment(graph, nodeIds), undefined, definitions);
}

/**
 * Puts another graph in place of this one (an architecture the host made, such as a search
 * trial's). Nodes equal to the current ones keep their objects, so their cards do not re-render.
 */
export function replaceGraph(graph: GraphData, next: GraphData): EditResult {
  const current = new Map(graph.nodes.map((node) => [node.id, node]));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const nodes = next.nodes.map((node) => {
    const old = current.get(node.id);
    return old !== undefined && same(old, node) ? old : node;
  });
  const unchangedNodes = nodes.length === graph.nodes.length && nodes.every((node, i) => node === graph.nodes[i]);
  const unchangedEdges = same(graph.edges, next.edges);
  if (unchangedNodes && unchangedEdges) return accept(graph);
  return accept({ nodes: unchangedNodes ? graph.nodes : nodes, edges: unchangedEdges ? graph.edges : [...next.edges] });
}

/** Applies any {@link GraphChange}: the one entry point the store uses. */
export function applyGraphChange(graph: GraphData, change: GraphChange, definitions: Definitions = nodeRegistry): EditResult {
  switch (change.type) {
    case "add-node":
      return addNode(graph, change.nodeType, change.position, change.id, definitions);
    case "remove":
      return removeNodes(graph, change.nodeIds, change.edgeKeys);
    case "connect":
      return connect(graph, change.connection, definitions);
    case "move":
      return moveNodes(graph, change.positions);
    case "set-param":
      return setParam(graph, change.nodeId, change.name, change.value, definitions);
    case "duplicate":
      return duplicate(graph, change.nodeIds, definitions);
    case "paste":
      return paste(graph, change.fragment, change.at, definitions);
    case "replace":
      return replaceGraph(graph, change.graph);
  }
}

