/**
 * What flows into a node's inputs: how many items, and how many tokens one of them adds to a
 * prompt, summed over the edges into each port. The estimator feeds it its own per-node
 * figures; the observation of past runs ({@link ./observed}) feeds it what the runs produced.
 * Edges whose ports or types do not match carry nothing (validation reports them).
 */
import type { PortType } from "../graph/ports";
import type { GraphData, NodeSpec } from "../graph/schema";
import type { AnyNodeDefinition } from "../nodes/define";

/** Items on one port and the mean tokens of one of them (0 for a query or an answer, or no items). */
export interface PortFlow {
  count: number;
  itemTokens: number;
}

/** Items one output of this type carries when the producer does not say: one value. */
export function singleValue(type: PortType): number {
  return type === "query" || type === "answer" ? 1 : 0;
}

export function isListType(type: PortType): boolean {
  return type === "candidates" || type === "tests";
}

function ownPort<T>(ports: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(ports, name) ? ports[name] : undefined;
}

/**
 * The flow into each input port of node `id`.
 * @param outputFlow What a source node puts on one of its output ports, when known.
 */
export function inputFlows(
  graph: GraphData,
  byId: ReadonlyMap<string, NodeSpec>,
  definitions: ReadonlyMap<string, AnyNodeDefinition>,
  id: string,
  definition: AnyNodeDefinition,
  outputFlow: (sourceId: string, port: string) => PortFlow | undefined,
): Record<string, PortFlow> {
  const flows: Record<string, PortFlow> = {};
  for (const [port, def] of Object.entries(definition.inputs)) {
    let count = 0;
    let tokens = 0;
    for (const edge of graph.edges) {
      if (edge.to[0] !== id || edge.to[1] !== port) continue;
      const source = byId.get(edge.from[0]);
      const sourceDef = source === undefined ? undefined : definitions.get(source.type);
      const output = sourceDef === undefined ? undefined : ownPort(sourceDef.outputs, edge.from[1]);
      if (output === undefined || output.type !== def.type) continue;
      const flow = outputFlow(edge.from[0], edge.from[1]);
      const n = flow?.count ?? singleValue(output.type);
      count += n;
      tokens += n * (flow?.itemTokens ?? 0);
    }
    flows[port] = { count, itemTokens: count > 0 ? tokens / count : 0 };
  }
  return flows;
}

/** The mean tokens of one list item over every list input (what `EstimateContext.itemTokens` is). */
export function meanItemTokens(definition: AnyNodeDefinition, flows: Readonly<Record<string, PortFlow>>, ofType?: PortType): number | undefined {
  let count = 0;
  let tokens = 0;
  for (const [port, def] of Object.entries(definition.inputs)) {
    if (!isListType(def.type) || (ofType !== undefined && def.type !== ofType)) continue;
    const flow = flows[port];
    if (flow === undefined) continue;
    count += flow.count;
    tokens += flow.count * flow.itemTokens;
  }
  return count > 0 ? tokens / count : undefined;
}

/** Items arriving on each input port, as `EstimateContext.inputCounts` takes them. */
export function countsOf(flows: Readonly<Record<string, PortFlow>>): Record<string, number> {
  return Object.fromEntries(Object.entries(flows).map(([port, flow]) => [port, flow.count]));
}

/**
 * Whether a node writes new items on an output (generate, fuse, unit-test generate: their
 * calls' text) rather than passing on items it received (rank, verify, vote, select): it is a
 * generation or synthesis node, or it has no input of the output's type.
 */
export function createsItems(definition: AnyNodeDefinition, outputType: PortType): boolean {
  if (definition.category === "generation" || definition.category === "synthesis") return true;
  return !Object.values(definition.inputs).some((input) => input.type === outputType);
}
