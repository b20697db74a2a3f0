/**
 * Per-node cost estimates for the canvas: each node's `estimate` from its definition, fed with
 * the item counts its upstream nodes emit (5 samples -> rank keeps 3 -> fuse sees 3), in
 * topological order. A stand-in until core/cost provides the full estimator; it uses the
 * definitions' own estimate functions, so the numbers agree with it on calls.
 */
import type { PortType } from "../../core/graph/ports";
import { topologicalOrder } from "../../core/graph/topology";
import type { AnyNodeDefinition, NodeEstimate } from "../../core/nodes/define";
import { nodeRegistry } from "../../core/nodes/registry";
import type { GraphData } from "./types";

export interface EstimateAssumptions {
  /** Tokens in the query text. @default 64 */
  queryTokens?: number;
  /** Tokens in one candidate or test arriving on an input. @default 256 */
  itemTokens?: number;
}

/** Items one output of this type carries when the producer does not say: one value. */
function singleValue(type: PortType): number {
  return type === "query" || type === "answer" ? 1 : 0;
}

/**
 * Estimates of every node whose params are valid and which is not on a cycle, by node id.
 * Edges whose ports or types do not match carry nothing (validation reports them).
 *
 * @param definitions The node types. @default nodeRegistry
 */
export function estimateNodes(
  graph: GraphData,
  assumptions: EstimateAssumptions = {},
  definitions: ReadonlyMap<string, AnyNodeDefinition> = nodeRegistry,
): Map<string, NodeEstimate> {
  const byId = new Map(graph.nodes.map((node) => [node.id, node] as const));
  const estimates = new Map<string, NodeEstimate>();
  for (const id of topologicalOrder(graph)) {
    const node = byId.get(id);
    const definition = node === undefined ? undefined : definitions.get(node.type);
    if (node === undefined || definition === undefined) continue;
    const params = definition.params.safeParse(node.params);
    if (!params.success) continue;

    const inputCounts: Record<string, number> = {};
    for (const [port, def] of Object.entries(definition.inputs)) {
      let count = 0;
      for (const edge of graph.edges) {
        if (edge.to[0] !== id || edge.to[1] !== port) continue;
        const source = byId.get(edge.from[0]);
        const sourceDef = source === undefined ? undefined : definitions.get(source.type);
        const output = sourceDef !== undefined && Object.hasOwn(sourceDef.outputs, edge.from[1]) ? sourceDef.outputs[edge.from[1]] : undefined;
        if (output === undefined || output.type !== def.type) continue;
        count += estimates.get(edge.from[0])?.outputCounts[edge.from[1]] ?? singleValue(output.type);
      }
      inputCounts[port] = count;
    }
    estimates.set(id, definition.estimate(params.data, { inputCounts, queryTokens: assumptions.queryTokens ?? 64, itemTokens: assumptions.itemTokens ?? 256 }));
  }
  return estimates;
}
