/**
 * The static cost estimator: what one query through an architecture is expected to cost,
 * before anything runs. Each node's own `estimate` (from its definition) is fed with the item
 * counts its upstream nodes emit (5 samples -> rank keeps 3 -> fuse sees 3), in topological
 * order, and priced with the node's model from the registry. Renderer-safe: the designer's
 * cards and budget meter, `itasca run`, and the evaluation and search budget filters all use it.
 */
import type { PortType } from "../graph/ports";
import type { GraphData, NodeSpec } from "../graph/schema";
import { topologicalOrder } from "../graph/topology";
import type { AnyNodeDefinition, NodeEstimate } from "../nodes/define";
import { nodeRegistry } from "../nodes/registry";
import { callCostUsd, hasPrices, type ModelPrices } from "./price";

/** Sizes the estimator assumes where nothing has been measured. */
export interface EstimateAssumptions {
  /** Tokens in the query text. @default 64 */
  queryTokens?: number;
  /** Tokens in one candidate or test arriving on an input. @default 256 */
  itemTokens?: number;
}

/** A registry entry as far as pricing goes: its id and prices. */
export type PricedModel = { id: string } & ModelPrices;

/** One node's expected cost per query. */
export interface NodeCost extends NodeEstimate {
  /** Dollars at its model's prices (0 when the model has no price). */
  usd: number;
  /** The node's model, when it calls one. */
  model?: string;
  /** False when the node makes calls with a model the registry has no price for. */
  priced: boolean;
}

/** The expected cost of one query, in total and per node. */
export interface CostEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Dollars for the nodes whose model has prices: a lower bound when `unpriced` is not empty. */
  usd: number;
  /** Model ids used by calling nodes that have no price in the registry (sorted, unique). */
  unpriced: readonly string[];
  /** Per node, for nodes whose params are valid and that are not on a cycle. */
  nodes: ReadonlyMap<string, NodeCost>;
}

/** Items one output of this type carries when the producer does not say: one value. */
function singleValue(type: PortType): number {
  return type === "query" || type === "answer" ? 1 : 0;
}

function ownPort<T>(ports: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(ports, name) ? ports[name] : undefined;
}

/**
 * The definitions' estimates of every node whose params are valid and which is not on a cycle,
 * by node id. Edges whose ports or types do not match carry nothing (validation reports them).
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
        const output = sourceDef === undefined ? undefined : ownPort(sourceDef.outputs, edge.from[1]);
        if (output === undefined || output.type !== def.type) continue;
        count += estimates.get(edge.from[0])?.outputCounts[edge.from[1]] ?? singleValue(output.type);
      }
      inputCounts[port] = count;
    }
    estimates.set(id, definition.estimate(params.data, { inputCounts, queryTokens: assumptions.queryTokens ?? 64, itemTokens: assumptions.itemTokens ?? 256 }));
  }
  return estimates;
}

/** The model id a node's params name, if any. */
function modelOf(node: NodeSpec): string | undefined {
  const model = node.params["model"];
  return typeof model === "string" ? model : undefined;
}

/**
 * Prices per-node estimates with each node's model from the registry, and totals them. Models
 * without a known price are listed, so a figure can say it is a lower bound instead of
 * pretending they are free.
 *
 * @param models The registry's entries; null while unknown (every calling node is then unpriced).
 */
export function priceEstimates(nodes: readonly NodeSpec[], estimates: ReadonlyMap<string, NodeEstimate>, models: readonly PricedModel[] | null): CostEstimate {
  const prices = new Map((models ?? []).map((model) => [model.id, model] as const));
  const unpriced = new Set<string>();
  const costs = new Map<string, NodeCost>();
  let calls = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let usd = 0;
  for (const node of nodes) {
    const estimate = estimates.get(node.id);
    if (estimate === undefined) continue;
    const model = modelOf(node);
    const entry = model === undefined ? undefined : prices.get(model);
    const priced = estimate.calls === 0 || hasPrices(entry);
    const nodeUsd = estimate.calls > 0 && entry !== undefined && priced ? callCostUsd(entry, estimate.inputTokens, estimate.outputTokens) : 0;
    costs.set(node.id, { ...estimate, usd: nodeUsd, priced, ...(model === undefined ? {} : { model }) });
    if (estimate.calls === 0) continue;
    calls += estimate.calls;
    inputTokens += estimate.inputTokens;
    outputTokens += estimate.outputTokens;
    usd += nodeUsd;
    if (!priced && model !== undefined) unpriced.add(model);
  }
  return { calls, inputTokens, outputTokens, usd, unpriced: [...unpriced].sort(), nodes: costs };
}

/** {@link estimateNodes} priced with {@link priceEstimates}: the whole estimate of one query. */
export function estimateArchitecture(
  graph: GraphData,
  models: readonly PricedModel[] | null,
  assumptions: EstimateAssumptions = {},
  definitions: ReadonlyMap<string, AnyNodeDefinition> = nodeRegistry,
): CostEstimate {
  return priceEstimates(graph.nodes, estimateNodes(graph, assumptions, definitions), models);
}
