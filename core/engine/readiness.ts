/**
 * Which nodes may start, and what their inputs are. Several edges into a list input
 * concatenate in file order (that is how an ensemble of generators is drawn).
 */
import type { Architecture, EdgeSpec } from "../graph/schema";
import type { PortType, PortValueMap } from "../graph/ports";
import type { AnyNodeDefinition } from "../nodes/define";
import { EngineError } from "./errors";

export type PortValue = PortValueMap[PortType];
/** A node's output values by port name. */
export type NodeOutputs = Record<string, PortValue>;

export interface PlannedNode {
  id: string;
  type: string;
  definition: AnyNodeDefinition;
  params: unknown;
  /** Incoming edges by input port, in file order. */
  incoming: Map<string, EdgeSpec[]>;
  predecessors: Set<string>;
}

/** Builds the run plan of a validated architecture: definitions resolved, params defaulted. */
export function planNodes(architecture: Architecture, lookup: (type: string) => AnyNodeDefinition | undefined): PlannedNode[] {
  const edgesInto = new Map<string, EdgeSpec[]>();
  for (const edge of architecture.edges) {
    const list = edgesInto.get(edge.to[0]);
    if (list) list.push(edge);
    else edgesInto.set(edge.to[0], [edge]);
  }
  return architecture.nodes.map((node) => {
    const definition = lookup(node.type);
    if (!definition) throw new EngineError("node-failed", `node "${node.id}": unknown node type "${node.type}"`);
    const incoming = new Map<string, EdgeSpec[]>();
    const predecessors = new Set<string>();
    for (const edge of edgesInto.get(node.id) ?? []) {
      const list = incoming.get(edge.to[1]);
      if (list) list.push(edge);
      else incoming.set(edge.to[1], [edge]);
      predecessors.add(edge.from[0]);
    }
    return { id: node.id, type: node.type, definition, params: definition.params.parse(node.params), incoming, predecessors };
  });
}

/** Successor ids of each node, for waking only the nodes a finished node can unblock. */
export function successorsOf(plan: readonly PlannedNode[]): Map<string, string[]> {
  const successors = new Map<string, string[]>(plan.map((n) => [n.id, []]));
  for (const node of plan) for (const id of node.predecessors) successors.get(id)?.push(node.id);
  return successors;
}

/** Gathers a ready node's input values from its predecessors' outputs. */
export function collectInputs(node: PlannedNode, outputs: ReadonlyMap<string, NodeOutputs>): Record<string, PortValue | undefined> {
  const inputs: Record<string, PortValue | undefined> = {};
  for (const [port, spec] of Object.entries(node.definition.inputs)) {
    const values = (node.incoming.get(port) ?? []).map(({ from: [fromNode, fromPort] }) => {
      const value = outputs.get(fromNode)?.[fromPort];
      if (value === undefined) {
        throw new EngineError("invalid-output", `node "${fromNode}" produced no value on port "${fromPort}" needed by "${node.id}".${port}`);
      }
      return value;
    });
    if (values.length === 0) inputs[port] = undefined;
    else if (spec.type === "candidates" || spec.type === "tests") inputs[port] = values.flat() as PortValue;
    else inputs[port] = values[0];
  }
  return inputs;
}
