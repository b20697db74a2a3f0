/**
 * Edges: each end must name an existing node and one of its ports (an output at the start, an
 * input at the end), the two port types must match, and a single-valued input takes one edge.
 */
import type { AnyNodeDefinition } from "../nodes/define";
import { portTypeAcceptsMany, type PortType } from "../graph/ports";
import type { EdgeSpec } from "../graph/schema";
import { didYouMean, quoteList } from "../graph/suggest";
import { describeEdge, ownEntry, report, type IndexedEdge, type ValidationContext } from "./validate-context";

/** `generate.candidates, critique.candidates`: the node outputs that produce a port type. */
export function producersOf(definitions: ReadonlyMap<string, AnyNodeDefinition>, type: PortType): string[] {
  const producers: string[] = [];
  for (const definition of definitions.values()) {
    for (const [port, def] of Object.entries(definition.outputs)) {
      if (def.type === type) producers.push(`${definition.type}.${port}`);
    }
  }
  return producers;
}

/** ` such as a.x, b.y or c.z`: a few examples keep a hint to one readable line. */
export function examples(ports: readonly string[], limit = 3): string {
  const shown = ports.slice(0, limit);
  const last = shown.pop();
  if (last === undefined) return "";
  return ` such as ${shown.length === 0 ? last : `${shown.join(", ")} or ${last}`}`;
}

/** `generate.query, rank.query`: the node inputs that accept a port type. */
function consumersOf(definitions: ReadonlyMap<string, AnyNodeDefinition>, type: PortType): string[] {
  const consumers: string[] = [];
  for (const definition of definitions.values()) {
    for (const [port, def] of Object.entries(definition.inputs)) {
      if (def.type === type) consumers.push(`${definition.type}.${port}`);
    }
  }
  return consumers;
}

function checkEnd(context: ValidationContext, edge: EdgeSpec, index: number, end: "from" | "to"): AnyNodeDefinition | null | undefined {
  const [nodeId, port] = edge[end];
  const entry = context.nodes.get(nodeId);
  if (entry === undefined) {
    report(context, {
      code: "dangling-edge",
      path: `edges[${index}].${end}`,
      message: `edge ${describeEdge(edge)} ${end === "from" ? "starts at" : "ends at"} node "${nodeId}", which does not exist`,
      hint: `${didYouMean(nodeId, context.nodes.keys())}point the edge at an existing node, or delete it`,
    });
    return null;
  }
  const definition = context.definitions.get(entry.node.type);
  if (definition === undefined) return undefined; // the unknown type is reported once, on the node
  const [own, other, ownKind, otherKind] =
    end === "from" ? [definition.outputs, definition.inputs, "output", "input"] : [definition.inputs, definition.outputs, "input", "output"];
  if (ownEntry(own, port) !== undefined) return definition;
  const ownPorts = Object.keys(own);
  const wrongSide = ownEntry(other, port) !== undefined;
  report(context, {
    code: "unknown-port",
    nodeId,
    path: `edges[${index}].${end}`,
    message: `edge ${describeEdge(edge)}: node "${nodeId}" (${definition.type}) has no ${ownKind} port "${port}"`,
    hint: wrongSide
      ? `"${port}" is an ${otherKind} of ${definition.type}; edges run from an output to an input. ${definition.type} ${ownKind}s: ${quoteList(ownPorts) || "none"}`
      : `${didYouMean(port, ownPorts)}${definition.type} ${ownKind}s are ${quoteList(ownPorts) || "none"}`,
  });
  return undefined;
}

function checkTypes(context: ValidationContext, edge: EdgeSpec, index: number, from: AnyNodeDefinition, to: AnyNodeDefinition): void {
  const fromType = ownEntry(from.outputs, edge.from[1])?.type;
  const toType = ownEntry(to.inputs, edge.to[1])?.type;
  if (fromType === undefined || toType === undefined) return;
  if (fromType === toType) {
    context.validEdges.push({ edge, index });
    return;
  }
  const source = `${edge.from[0]}.${edge.from[1]}`;
  const target = `${edge.to[0]}.${edge.to[1]}`;
  const producers = examples(producersOf(context.definitions, toType));
  const consumers = examples(consumersOf(context.definitions, fromType));
  report(context, {
    code: "port-type-mismatch",
    nodeId: edge.to[0],
    path: `edges[${index}]`,
    message: `edge ${describeEdge(edge)}: output "${source}" carries ${fromType} but input "${target}" takes ${toType}`,
    hint: `feed ${target} from a ${toType} output${producers}, or connect ${source} to a ${fromType} input${consumers}`,
  });
}

/** Reports ports and types of every edge; fills `structuralEdges`, `connectingEdges` and `validEdges`. */
export function checkEdges(context: ValidationContext): void {
  context.architecture.edges.forEach((edge, index) => {
    const from = checkEnd(context, edge, index, "from");
    const to = checkEnd(context, edge, index, "to");
    if (from === null || to === null) return;
    context.structuralEdges.push({ edge, index });
    // An input with a mistyped edge still counts as connected: the mismatch is the one error to fix.
    if (to !== undefined) context.connectingEdges.push({ edge, index });
    if (from !== undefined && to !== undefined) checkTypes(context, edge, index, from, to);
  });
}

/**
 * A `query` or `answer` input is one value, so a second edge into it is ambiguous. Only valid
 * edges count: a broken extra edge is already reported as broken.
 */
export function checkEdgeCounts(context: ValidationContext): void {
  const byInput = new Map<string, IndexedEdge[]>();
  for (const connecting of context.validEdges) {
    const key = JSON.stringify(connecting.edge.to);
    const list = byInput.get(key);
    if (list) list.push(connecting);
    else byInput.set(key, [connecting]);
  }
  for (const edges of byInput.values()) {
    const [first, second] = edges;
    if (first === undefined || second === undefined) continue;
    const [nodeId, port] = first.edge.to;
    const node = context.nodes.get(nodeId)?.node;
    const type = node === undefined ? undefined : ownEntry(context.definitions.get(node.type)?.inputs ?? {}, port)?.type;
    if (type === undefined || portTypeAcceptsMany(type)) continue;
    report(context, {
      code: "too-many-edges",
      nodeId,
      path: `edges[${second.index}].to`,
      message: `input "${nodeId}.${port}" takes one ${type} but has ${edges.length} edges (${edges.map((e) => `edges[${e.index}]`).join(", ")})`,
      hint: `keep one edge into ${nodeId}.${port} and delete the others${type === "answer" ? "; to combine answers, route candidates through a vote or fuse node" : ""}`,
    });
  }
}
