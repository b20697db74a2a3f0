/**
 * Whether an edge may be drawn, and if not, why: the canvas asks while a connection is being
 * dragged (to refuse it and say why) and the connect edit asks again before writing. These are
 * the validator's own rules and words (edge-findings.ts), checked on the graph as it would be
 * with the edge, so the canvas and `itasca validate` give the same reason for the same bad edge.
 */
import type { PortType } from "../graph/ports";
import type { EdgeSpec, GraphData } from "../graph/schema";
import { incomingEdges, pathBetween } from "../graph/topology";
import type { AnyNodeDefinition } from "../nodes/define";
import { nodeRegistry } from "../nodes/registry";
import { cycleFinding, edgeCountFinding, missingNodeFinding, ownEntry, portFinding, typeFinding, unknownTypeFinding } from "./edge-findings";

/** An edge being drawn: from an output port to an input port. */
export interface ConnectionRequest {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** Stable codes of a refused connection. */
export type ConnectionRefusalCode = "unknown-node" | "unknown-node-type" | "unknown-port" | "wrong-direction" | "port-type-mismatch" | "duplicate-edge" | "input-occupied" | "cycle";

export type ConnectionCheck = { ok: true; edge: EdgeSpec; type: PortType } | { ok: false; code: ConnectionRefusalCode; reason: string };

function refused(code: ConnectionRefusalCode, reason: string): ConnectionCheck {
  return { ok: false, code, reason };
}

/**
 * Checks an edge against the graph: both nodes and ports exist, it runs output -> input, the
 * port types match, it is not already there, a single-valued input (query, answer) is still
 * free, and it closes no cycle.
 *
 * @param definitions The node types to check against. @default nodeRegistry
 */
export function checkConnection(graph: GraphData, request: ConnectionRequest, definitions: ReadonlyMap<string, AnyNodeDefinition> = nodeRegistry): ConnectionCheck {
  const edge: EdgeSpec = { from: [request.source, request.sourcePort], to: [request.target, request.targetPort] };
  const ids = graph.nodes.map((node) => node.id);
  const ends: { from?: AnyNodeDefinition; to?: AnyNodeDefinition } = {};
  for (const end of ["from", "to"] as const) {
    const node = graph.nodes.find((candidate) => candidate.id === edge[end][0]);
    if (node === undefined) return refused("unknown-node", missingNodeFinding(edge, end, ids).message);
    const definition = definitions.get(node.type);
    if (definition === undefined) return refused("unknown-node-type", unknownTypeFinding(node.id, node.type, [...definitions.keys()]).message);
    const port = portFinding(edge, end, definition);
    if (port !== undefined) return refused(port.wrongSide ? "wrong-direction" : "unknown-port", port.message);
    ends[end] = definition;
  }
  const { from, to } = ends as Required<typeof ends>;
  const mismatch = typeFinding(edge, from, to, definitions);
  if (mismatch !== undefined) return refused("port-type-mismatch", mismatch.message);

  const into = incomingEdges(graph, request.target, request.targetPort);
  if (into.some((e) => e.from[0] === request.source && e.from[1] === request.sourcePort)) {
    return refused("duplicate-edge", `${request.source}.${request.sourcePort} is already connected to ${request.target}.${request.targetPort}`);
  }
  const type = (ownEntry(to.inputs, request.targetPort) as { type: PortType }).type;
  const crowded = edgeCountFinding(edge.to, type, [...into, edge]);
  if (crowded !== undefined) return refused("input-occupied", crowded.message);
  // Only a cycle through this edge is its fault: target -> ... -> source, closed by the edge.
  const path = pathBetween(graph, request.target, request.source);
  if (path !== null) return refused("cycle", cycleFinding(inFileOrder(path, ids)).message);
  return { ok: true, edge, type };
}

/** The cycle rotated to start at its node that comes first in the file, as the validator names cycles. */
function inFileOrder(cycle: readonly string[], ids: readonly string[]): [string, ...string[]] {
  let start = 0;
  cycle.forEach((id, index) => {
    if (ids.indexOf(id) < ids.indexOf(cycle[start] ?? "")) start = index;
  });
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  return rotated as [string, ...string[]];
}
