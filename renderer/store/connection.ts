/**
 * Whether an edge may be drawn, and if not, why: the canvas asks this while a connection is
 * being dragged (to refuse it and say why) and the connect edit asks it again before writing.
 * The same rules the validator reports on files (core/graph/validate-edges.ts), checked before
 * the edge exists instead of after.
 */
import { portTypeAcceptsMany, type PortType } from "../../core/graph/ports";
import type { EdgeSpec } from "../../core/graph/schema";
import { incomingEdges, reachableFrom } from "../../core/graph/topology";
import type { AnyNodeDefinition } from "../../core/nodes/define";
import { nodeRegistry } from "../../core/nodes/registry";
import type { EditErrorCode, GraphData } from "./types";

/** An edge being drawn: from an output port to an input port. */
export interface ConnectionRequest {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export type ConnectionCheck =
  | { ok: true; edge: EdgeSpec; type: PortType }
  | { ok: false; code: EditErrorCode; reason: string };

function refused(code: EditErrorCode, reason: string): ConnectionCheck {
  return { ok: false, code, reason };
}

function ownPort<T>(ports: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(ports, name) ? ports[name] : undefined;
}

/**
 * The node ids on a path `from` -> ... -> `to` along existing edges, or null. Used to name the
 * cycle a new edge `to` -> `from` would close.
 */
function pathBetween(graph: GraphData, from: string, to: string): string[] | null {
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
    for (const edge of graph.edges) {
      if (edge.from[0] !== id || parent.has(edge.to[0])) continue;
      parent.set(edge.to[0], id);
      queue.push(edge.to[0]);
    }
  }
  return null;
}

/**
 * Checks an edge against the graph: both nodes and ports exist, it runs output -> input, the
 * port types match, it is not already there, a single-valued input (query, answer) is still
 * free, and it closes no cycle.
 *
 * @param definitions The node types to check against. @default nodeRegistry
 */
export function checkConnection(
  graph: GraphData,
  request: ConnectionRequest,
  definitions: ReadonlyMap<string, AnyNodeDefinition> = nodeRegistry,
): ConnectionCheck {
  const { source, sourcePort, target, targetPort } = request;
  const sourceNode = graph.nodes.find((node) => node.id === source);
  const targetNode = graph.nodes.find((node) => node.id === target);
  if (sourceNode === undefined) return refused("unknown-node", `there is no node "${source}"`);
  if (targetNode === undefined) return refused("unknown-node", `there is no node "${target}"`);
  const sourceDef = definitions.get(sourceNode.type);
  const targetDef = definitions.get(targetNode.type);
  if (sourceDef === undefined) return refused("unknown-node-type", `node "${source}" has unknown type "${sourceNode.type}"`);
  if (targetDef === undefined) return refused("unknown-node-type", `node "${target}" has unknown type "${targetNode.type}"`);

  const output = ownPort(sourceDef.outputs, sourcePort);
  const input = ownPort(targetDef.inputs, targetPort);
  if (output === undefined) {
    return ownPort(sourceDef.inputs, sourcePort) === undefined
      ? refused("unknown-port", `${sourceDef.type} has no output "${sourcePort}"`)
      : refused("wrong-direction", `"${source}.${sourcePort}" is an input; edges run from an output to an input`);
  }
  if (input === undefined) {
    return ownPort(targetDef.outputs, targetPort) === undefined
      ? refused("unknown-port", `${targetDef.type} has no input "${targetPort}"`)
      : refused("wrong-direction", `"${target}.${targetPort}" is an output; edges run from an output to an input`);
  }
  if (source === target) return refused("cycle", `"${source}" cannot feed itself: an architecture is a DAG`);
  if (output.type !== input.type) {
    return refused("port-type-mismatch", `${source}.${sourcePort} carries ${output.type}, but ${target}.${targetPort} takes ${input.type}`);
  }

  const edge: EdgeSpec = { from: [source, sourcePort], to: [target, targetPort] };
  const into = incomingEdges(graph, target, targetPort);
  if (into.some((e) => e.from[0] === source && e.from[1] === sourcePort)) {
    return refused("duplicate-edge", `${source}.${sourcePort} is already connected to ${target}.${targetPort}`);
  }
  const [occupant] = into;
  if (occupant !== undefined && !portTypeAcceptsMany(input.type)) {
    return refused(
      "input-occupied",
      `${target}.${targetPort} takes one ${input.type} and is already fed by ${occupant.from[0]}.${occupant.from[1]}; delete that edge first`,
    );
  }
  if (reachableFrom(graph, [target]).has(source)) {
    const path = pathBetween(graph, target, source) ?? [target, source];
    return refused("cycle", `this edge would close the cycle ${[...path, target].join(" -> ")}`);
  }
  return { ok: true, edge, type: input.type };
}
