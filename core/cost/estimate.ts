/**
 * The static cost estimator: what one query through an architecture is expected to cost, and
 * how long it takes, before anything runs. Each node's own `estimate` (from its definition) is
 * fed with the item counts and item sizes its upstream nodes emit (5 samples -> rank keeps 3
 * -> fuse sees 3), in topological order; observed averages from earlier runs, when given,
 * correct the calls, prompt tokens, output tokens and item counts per (node type, model)
 * (./observed.ts); each node is priced with its model from the registry (./price.ts) and timed
 * with its model's latency profile (./latency.ts), and the latency is composed along the DAG's
 * longest path (./critical-path.ts). Renderer-safe: the designer's cards and budget meter,
 * `itasca estimate`, `itasca run`, and the evaluation and search budget filters all use it.
 */
import type { EdgeSpec, GraphData, NodeSpec } from "../graph/schema";
import { topologicalOrder } from "../graph/topology";
import type { AnyNodeDefinition, NodeEstimate } from "../nodes/define";
import { nodeRegistry } from "../nodes/registry";
import { criticalPath } from "./critical-path";
import { countsOf, createsItems, inputFlows, isListType, meanItemTokens, type PortFlow } from "./flow";
import { latencyProfile, nodeLatencyMs, type Hardware, type LatencyFields, type LatencyProfile } from "./latency";
import { expectedOutputPerCall, indexObservations, modelOf, modelParam, observationKey, type ObservedUsage } from "./observed";
import { callCostUsd, hasPrices, type ModelPrices } from "./price";

/** What the estimator assumes where the architecture does not say. */
export interface EstimateAssumptions {
  /** Tokens (chars / 4) in the query text: a dataset's mean input, or a typical query. @default 64 */
  queryTokens?: number;
  /**
   * Tokens in every candidate or test arriving on an input. Fixing it overrides what the
   * estimator derives per producer: the observed mean item size, else its expected output
   * tokens per item (`max_tokens` until something is observed).
   * @default derived per producer
   */
  itemTokens?: number;
  /** Averages from earlier runs (core/store/observed-usage.ts reads them). @default none */
  observed?: ObservedUsage;
  /** Hardware of local models whose entry names none, for the roofline. @default core/cost/latency.ts DEFAULT_CPU_HARDWARE for llama-cpp */
  hardware?: Hardware;
  /** The engine's global concurrency limit. @default 16 */
  maxConcurrency?: number;
}

/** Tokens in the query when nothing says. @default 64 */
export const DEFAULT_QUERY_TOKENS = 64;
/** Tokens in an item whose producer gives no size (it is not estimated). @default 256 */
export const DEFAULT_ITEM_TOKENS = 256;

/**
 * Node types whose annotations travel with their candidates into later prompts: critiques are
 * rendered under each candidate (core/nodes/format.ts), verdicts, ranks and answers are not.
 */
const PROMPT_ANNOTATIONS: ReadonlySet<string> = new Set(["critique"]);

/** A registry entry as far as the estimator goes: its id, prices and latency fields. */
export type PricedModel = { id: string } & ModelPrices & LatencyFields;

/** A node's expected figures per query, before pricing. */
export interface NodeExpectation extends NodeEstimate {
  /** Output tokens if every call used its whole `max_tokens`: what a budget must allow. */
  outputTokensMax: number;
  /** Tokens one item on each list output adds to a downstream prompt. */
  itemTokens: Record<string, number>;
  /** Observed averages for the node's (type, model) were applied. */
  observed: boolean;
  /** The model it calls (its params' `model`, defaults filled in), absent for nodes that call none. */
  model?: string;
}

/** One node's expected cost per query. */
export interface NodeCost extends NodeEstimate {
  /** Dollars at its model's prices (0 when the model has no price). */
  usd: number;
  /** The node's model, when it calls one. */
  model?: string;
  /** False when the node makes calls with a model the registry has no price for. */
  priced: boolean;
  /** Output tokens if every call used its whole `max_tokens`. */
  outputTokensMax: number;
  /** Its own wall time: its calls in waves of its model's concurrency (./latency.ts), times the observed ratio of measured to modelled time when there is one. */
  latencyMs: number;
  /** When it is expected to start and finish, in ms after the query: its inputs' latest finish, plus its own. */
  startMs: number;
  finishMs: number;
}

/** The expected cost of one query, in total and per node. */
export interface CostEstimate {
  calls: number;
  inputTokens: number;
  /** Expected output tokens: observed averages where there are any, else every call's `max_tokens`. */
  outputTokens: number;
  /** Output tokens if every call used its whole `max_tokens`. */
  outputTokensMax: number;
  /** Dollars for the nodes whose model has prices: a lower bound when `unpriced` is not empty. */
  usd: number;
  /** Model ids used by calling nodes that have no price in the registry (sorted, unique). */
  unpriced: readonly string[];
  /** Wall time of one query along the longest path of the DAG, in ms. */
  latencyMs: number;
  /** The node ids of that path, first to last. */
  criticalPath: readonly string[];
  /** Per node, for nodes whose params are valid and that are not on a cycle. */
  nodes: ReadonlyMap<string, NodeCost>;
}

/** Per-call output ceiling of an estimate: its `max_tokens`. */
function ceilingPerCall(estimate: NodeEstimate): number {
  return estimate.calls > 0 ? estimate.outputTokens / estimate.calls : 0;
}

/**
 * The expected figures of every node whose params are valid and which is not on a cycle, by
 * node id. Edges whose ports or types do not match carry nothing (validation reports them).
 *
 * @param definitions The node types. @default nodeRegistry
 */
export function estimateNodes(
  graph: GraphData,
  assumptions: EstimateAssumptions = {},
  definitions: ReadonlyMap<string, AnyNodeDefinition> = nodeRegistry,
): Map<string, NodeExpectation> {
  const byId = new Map(graph.nodes.map((node) => [node.id, node] as const));
  const observed = assumptions.observed === undefined ? undefined : indexObservations(assumptions.observed);
  const queryTokens = assumptions.queryTokens ?? DEFAULT_QUERY_TOKENS;
  const estimates = new Map<string, NodeExpectation>();
  const outputFlow = (source: string, port: string): PortFlow | undefined => {
    const estimate = estimates.get(source);
    const count = estimate?.outputCounts[port];
    return estimate === undefined || count === undefined ? undefined : { count, itemTokens: estimate.itemTokens[port] ?? DEFAULT_ITEM_TOKENS };
  };

  for (const id of topologicalOrder(graph)) {
    const node = byId.get(id);
    const definition = node === undefined ? undefined : definitions.get(node.type);
    if (node === undefined || definition === undefined) continue;
    const params = definition.params.safeParse(node.params);
    if (!params.success) continue;
    const model = modelOf(definition, params.data);

    const flows = inputFlows(graph, byId, definitions, id, definition, outputFlow);
    const arriving = meanItemTokens(definition, flows);
    const own = definition.estimate(params.data, { inputCounts: countsOf(flows), queryTokens, itemTokens: assumptions.itemTokens ?? arriving ?? DEFAULT_ITEM_TOKENS });

    const callStats = model === undefined ? undefined : observed?.calls.get(observationKey(node.type, model));
    const ceiling = ceilingPerCall(own);
    const calls = own.calls * (callStats?.callRatio ?? 1);
    const inputTokens = own.calls > 0 ? own.inputTokens * (calls / own.calls) * (callStats?.inputTokenRatio ?? 1) : 0;
    const outputPerCall = expectedOutputPerCall(callStats, ceiling);

    const outputCounts: Record<string, number> = {};
    const itemTokens: Record<string, number> = {};
    let sawOutputs = false;
    for (const [port, def] of Object.entries(definition.outputs)) {
      const structural = own.outputCounts[port];
      if (structural === undefined) continue;
      const outStats = observed?.outputs.get(observationKey(node.type, model, port));
      if (outStats !== undefined) sawOutputs = true;
      const count = structural * (outStats?.itemRatio ?? 1);
      outputCounts[port] = count;
      if (!isListType(def.type)) continue;
      if (assumptions.itemTokens !== undefined) itemTokens[port] = assumptions.itemTokens;
      else if (createsItems(definition, def.type)) itemTokens[port] = outStats?.meanItemTokens ?? (count > 0 ? (outputPerCall * calls) / count : outputPerCall);
      else {
        const passed = meanItemTokens(definition, flows, def.type) ?? DEFAULT_ITEM_TOKENS;
        const added = PROMPT_ANNOTATIONS.has(node.type) && count > 0 ? (outputPerCall * calls) / count : 0;
        itemTokens[port] = passed + added;
      }
    }
    estimates.set(id, {
      calls,
      inputTokens: Math.round(inputTokens),
      outputTokens: Math.round(calls * outputPerCall),
      outputTokensMax: Math.round(calls * ceiling),
      outputCounts,
      itemTokens,
      observed: callStats !== undefined || sawOutputs,
      ...(model === undefined ? {} : { model }),
    });
  }
  return estimates;
}

/** Options of {@link priceEstimates} beyond the prices. */
export interface PriceOptions {
  /** The graph's edges, for the critical path; without them the nodes are taken as one chain (a serial upper bound). */
  edges?: readonly EdgeSpec[];
  /** Hardware and concurrency of the latency model, and the observed wall times that correct it. */
  assumptions?: Pick<EstimateAssumptions, "hardware" | "maxConcurrency" | "observed">;
}

/**
 * Prices per-node estimates with each node's model from the registry, times them with its
 * latency profile, and totals them. Models without a known price are listed, so a figure can
 * say it is a lower bound instead of pretending they are free.
 *
 * @param models The registry's entries; null while unknown (every calling node is then unpriced, and timed with the default profile).
 */
export function priceEstimates(nodes: readonly NodeSpec[], estimates: ReadonlyMap<string, NodeEstimate>, models: readonly PricedModel[] | null, options: PriceOptions = {}): CostEstimate {
  const entries = new Map((models ?? []).map((model) => [model.id, model] as const));
  const profiles = new Map<string | undefined, LatencyProfile>();
  const profileOf = (model: string | undefined): LatencyProfile => {
    let profile = profiles.get(model);
    if (profile === undefined) {
      profile = latencyProfile(model === undefined ? undefined : entries.get(model), options.assumptions);
      profiles.set(model, profile);
    }
    return profile;
  };
  const observed = options.assumptions?.observed === undefined ? undefined : indexObservations(options.assumptions.observed);
  const unpriced = new Set<string>();
  const costs = new Map<string, NodeCost>();
  const own = new Map<string, number>();
  let calls = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let outputTokensMax = 0;
  let usd = 0;
  for (const node of nodes) {
    const estimate = estimates.get(node.id);
    if (estimate === undefined) continue;
    const model = "observed" in estimate ? (estimate as NodeExpectation).model : modelParam(node.params);
    const entry = model === undefined ? undefined : entries.get(model);
    const priced = estimate.calls === 0 || hasPrices(entry);
    const nodeUsd = estimate.calls > 0 && entry !== undefined && priced ? callCostUsd(entry, estimate.inputTokens, estimate.outputTokens) : 0;
    const nodeMax = (estimate as Partial<NodeExpectation>).outputTokensMax ?? estimate.outputTokens;
    const modelled = estimate.calls > 0 ? nodeLatencyMs(profileOf(model), estimate.calls, estimate.inputTokens / estimate.calls, estimate.outputTokens / estimate.calls) : 0;
    const latencyMs = modelled * (model === undefined ? 1 : (observed?.latencyRatio(node.type, model) ?? 1));
    own.set(node.id, latencyMs);
    const { calls: nodeCalls, inputTokens: nodeIn, outputTokens: nodeOut, outputCounts } = estimate;
    costs.set(node.id, { calls: nodeCalls, inputTokens: nodeIn, outputTokens: nodeOut, outputCounts, outputTokensMax: nodeMax, usd: nodeUsd, priced, latencyMs, startMs: 0, finishMs: latencyMs, ...(model === undefined ? {} : { model }) });
    if (estimate.calls === 0) continue;
    calls += estimate.calls;
    inputTokens += estimate.inputTokens;
    outputTokens += estimate.outputTokens;
    outputTokensMax += nodeMax;
    usd += nodeUsd;
    if (!priced && model !== undefined) unpriced.add(model);
  }
  const chained = (): EdgeSpec[] => {
    const ids = nodes.map((n) => n.id).filter((id) => costs.has(id));
    return ids.slice(1).map((id, i) => ({ from: [ids[i] as string, ""], to: [id, ""] }));
  };
  const path = criticalPath(nodes, options.edges ?? chained(), own);
  for (const [id, cost] of costs) {
    const timing = path.times.get(id);
    if (timing !== undefined) costs.set(id, { ...cost, startMs: timing.startMs, finishMs: timing.finishMs });
  }
  return { calls, inputTokens, outputTokens, outputTokensMax, usd, unpriced: [...unpriced].sort(), latencyMs: path.latencyMs, criticalPath: path.path, nodes: costs };
}

/**
 * The whole estimate of one query: {@link estimateNodes}, priced and timed with
 * {@link priceEstimates}. A pure function of its arguments (what a search's budget filter calls
 * before a trial runs).
 *
 * @param models The registry's entries (prices, concurrency, latency fields); null while unknown.
 * @param definitions The node types. @default nodeRegistry
 */
export function estimateArchitecture(
  graph: GraphData,
  models: readonly PricedModel[] | null,
  assumptions: EstimateAssumptions = {},
  definitions: ReadonlyMap<string, AnyNodeDefinition> = nodeRegistry,
): CostEstimate {
  return priceEstimates(graph.nodes, estimateNodes(graph, assumptions, definitions), models, { edges: graph.edges, assumptions });
}
