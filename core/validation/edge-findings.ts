/**
 * What is wrong with one edge, worded once: the file validator turns a finding into a
 * diagnostic (adding its JSON path), and the canvas refuses an edge being drawn with the same
 * words (core/validation/connection.ts). So `itasca validate` and the designer give the same
 * reason for the same bad edge.
 */
import type { DiagnosticCode } from "../graph/diagnostics";
import { portTypeAcceptsMany, type PortType } from "../graph/ports";
import type { EdgeSpec } from "../graph/schema";
import { didYouMean, quoteList } from "../graph/suggest";
import type { AnyNodeDefinition } from "../nodes/define";

/** A diagnostic without its severity and path: what and why, and how to fix it. */
export interface EdgeFinding {
  code: DiagnosticCode;
  nodeId?: string;
  message: string;
  hint: string;
}

/** `gen.candidates -> rank.candidates`: how messages name an edge. */
export function describeEdge(edge: EdgeSpec): string {
  return `${edge.from[0]}.${edge.from[1]} -> ${edge.to[0]}.${edge.to[1]}`;
}

/** Own-property lookup, so port names like "constructor" are not found on the prototype. */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

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

/** ` such as a.x, b.y or c.z`: a few examples keep a hint to one readable line. */
export function examples(ports: readonly string[], limit = 3): string {
  const shown = ports.slice(0, limit);
  const last = shown.pop();
  if (last === undefined) return "";
  return ` such as ${shown.length === 0 ? last : `${shown.join(", ")} or ${last}`}`;
}

/** A node's type is not in the catalogue. */
export function unknownTypeFinding(nodeId: string, type: string, knownTypes: readonly string[]): EdgeFinding {
  return { code: "unknown-node-type", nodeId, message: `node "${nodeId}" has unknown type "${type}"`, hint: `${didYouMean(type, knownTypes)}known types are ${quoteList(knownTypes)}` };
}

/** The edge's end names a node that does not exist. */
export function missingNodeFinding(edge: EdgeSpec, end: "from" | "to", nodeIds: Iterable<string>): EdgeFinding {
  const nodeId = edge[end][0];
  return {
    code: "dangling-edge",
    message: `edge ${describeEdge(edge)} ${end === "from" ? "starts at" : "ends at"} node "${nodeId}", which does not exist`,
    hint: `${didYouMean(nodeId, nodeIds)}point the edge at an existing node, or delete it`,
  };
}

/**
 * The edge's end names no port of the right side of its node (an output at the start, an input
 * at the end); undefined when the port is there. `wrongSide` tells a port of the other side apart.
 */
export function portFinding(edge: EdgeSpec, end: "from" | "to", definition: AnyNodeDefinition): (EdgeFinding & { wrongSide: boolean }) | undefined {
  const [nodeId, port] = edge[end];
  const [own, other, ownKind, otherKind] =
    end === "from" ? [definition.outputs, definition.inputs, "output", "input"] : [definition.inputs, definition.outputs, "input", "output"];
  if (ownEntry(own, port) !== undefined) return undefined;
  const ownPorts = Object.keys(own);
  const wrongSide = ownEntry(other, port) !== undefined;
  return {
    code: "unknown-port",
    nodeId,
    wrongSide,
    message: `edge ${describeEdge(edge)}: node "${nodeId}" (${definition.type}) has no ${ownKind} port "${port}"`,
    hint: wrongSide
      ? `"${port}" is an ${otherKind} of ${definition.type}; edges run from an output to an input. ${definition.type} ${ownKind}s: ${quoteList(ownPorts) || "none"}`
      : `${didYouMean(port, ownPorts)}${definition.type} ${ownKind}s are ${quoteList(ownPorts) || "none"}`,
  };
}

/** The two ports' types differ; undefined when they match (or a port is unknown: that is its own finding). */
export function typeFinding(edge: EdgeSpec, from: AnyNodeDefinition, to: AnyNodeDefinition, definitions: ReadonlyMap<string, AnyNodeDefinition>): EdgeFinding | undefined {
  const fromType = ownEntry(from.outputs, edge.from[1])?.type;
  const toType = ownEntry(to.inputs, edge.to[1])?.type;
  if (fromType === undefined || toType === undefined || fromType === toType) return undefined;
  const source = `${edge.from[0]}.${edge.from[1]}`;
  const target = `${edge.to[0]}.${edge.to[1]}`;
  return {
    code: "port-type-mismatch",
    nodeId: edge.to[0],
    message: `edge ${describeEdge(edge)}: output "${source}" carries ${fromType} but input "${target}" takes ${toType}`,
    hint: `feed ${target} from a ${toType} output${examples(producersOf(definitions, toType))}, or connect ${source} to a ${fromType} input${examples(consumersOf(definitions, fromType))}`,
  };
}

/**
 * A single-valued input (`query`, `answer`) fed by more than one edge; undefined when the type
 * takes many or there is only one.
 * @param edges every edge into the input, in file order
 */
export function edgeCountFinding(input: readonly [string, string], type: PortType, edges: readonly EdgeSpec[]): EdgeFinding | undefined {
  if (portTypeAcceptsMany(type) || edges.length < 2) return undefined;
  const [nodeId, port] = input;
  return {
    code: "too-many-edges",
    nodeId,
    message: `input "${nodeId}.${port}" takes one ${type} but has ${edges.length} edges (from ${edges.map((e) => `${e.from[0]}.${e.from[1]}`).join(", ")})`,
    hint: `keep one edge into ${nodeId}.${port} and delete the others${type === "answer" ? "; to combine answers, route candidates through a vote or fuse node" : ""}`,
  };
}

/** A cycle, as node ids in edge order (`[a, b, c]` for a -> b -> c -> a). */
export function cycleFinding(cycle: readonly [string, ...string[]]): EdgeFinding {
  const first = cycle[0];
  const last = cycle[cycle.length - 1] ?? first;
  return {
    code: "cycle",
    nodeId: first,
    message: `cycle: ${[...cycle, first].join(" -> ")}`,
    hint: `an architecture is a DAG: delete one edge on the cycle, e.g. ${last} -> ${first}${cycle.length > 1 ? ", and feed the node from a fresh upstream node instead" : ""}`,
  };
}
