/**
 * Observed averages: what earlier runs measured, per node type and model, in the form the
 * estimator applies to a new architecture. Plain, JSON-safe data: core/store/observed-usage.ts
 * reads the runs from SQLite and hands them to {@link observeRuns}; anything else holding runs
 * (a test, the renderer's run history) can do the same.
 *
 * Each figure is a ratio to what the node's own `estimate` says *given what actually reached
 * it* (its real input counts, query and item sizes), so it carries over to other params and
 * other upstream nodes: a verifier that passed 40% of its candidates keeps 40% of however many
 * it gets; a model whose tokenizer counts twice the estimator's chars/4 heuristic doubles every
 * prompt. Output tokens are kept as what they are (a mean per call, plus the share of calls cut
 * off by `max_tokens`), since they do not scale with the prompt. Given the registry, wall time
 * is a ratio too: the node's measured time over what the latency model (./latency.ts) predicts
 * for the calls it made, which folds in what the model leaves out (per-call overheads, queueing
 * behind other runs, a machine busy with other work).
 */
import type { CallRecord, NodeOutputs } from "../api/run-types";
import type { Candidate, Query, UnitTest } from "../graph/ports";
import type { GraphData } from "../graph/schema";
import { topologicalOrder } from "../graph/topology";
import type { AnyNodeDefinition } from "../nodes/define";
import { estimateTokens } from "../nodes/estimate-tokens";
import { formatNumberedCandidates, formatTests } from "../nodes/format";
import { nodeRegistry } from "../nodes/registry";
import { countsOf, inputFlows, isListType, meanItemTokens, type PortFlow } from "./flow";
import { latencyProfile, nodeLatencyMs, type LatencyAssumptions, type LatencyFields } from "./latency";

/** The calls of one (node type, model) in earlier runs. */
export interface ObservedCallStats {
  nodeType: string;
  model: string;
  /** Node executions averaged over. */
  nodeRuns: number;
  /** Calls averaged over (cache hits included: they carry the tokens of the call they repeat). */
  calls: number;
  /** Calls made / calls the node's estimate expected given its actual inputs. */
  callRatio: number;
  /** Measured input tokens / the estimate's input tokens for the same calls: the tokenizer and prompt-rendering correction. */
  inputTokenRatio?: number;
  /** Share of calls cut off by `max_tokens` (finish reason `length`). */
  lengthShare: number;
  /** Mean output tokens per call, as the provider counted them. */
  meanOutputTokens: number;
  /** Mean output tokens of the calls that stopped by themselves; absent when every call was cut off. */
  meanStoppedOutputTokens?: number;
  /**
   * Wall time of the node executions that made all their calls (no cache hit), in ms, and what
   * the latency model predicted for the same calls; absent when no registry was given or no
   * such execution was seen. Their ratio corrects the latency estimate.
   */
  observedMs?: number;
  predictedMs?: number;
}

/** One list output of one (node type, model) in earlier runs. */
export interface ObservedOutputStats {
  nodeType: string;
  /** The node's model, for nodes that name one. */
  model?: string;
  port: string;
  nodeRuns: number;
  /** Items output / items the estimate expected given the actual inputs (e.g. a verifier's pass rate). */
  itemRatio?: number;
  /** Mean tokens (chars / 4) one item adds to a prompt, critiques included; absent when no item was seen. */
  meanItemTokens?: number;
}

/** Everything observed, as the estimator takes it (`EstimateAssumptions.observed`). */
export interface ObservedUsage {
  /** Runs the figures come from. */
  runs: number;
  calls: ObservedCallStats[];
  outputs: ObservedOutputStats[];
}

/** One earlier run, as far as observation goes. */
export interface ObservedRun {
  architecture: GraphData;
  query: Query;
  /** What each node put on its outputs (nodes without outputs did not finish and are skipped), and its wall time. */
  nodes: readonly { id: string; outputs?: NodeOutputs; ms?: number }[];
  calls: readonly (Pick<CallRecord, "nodeId" | "inputTokens" | "outputTokens" | "finishReason"> & { cached?: boolean })[];
}

/** The registry entries (and latency assumptions) the observed wall times are compared with. */
export interface ObserveOptions {
  /** The node types. @default nodeRegistry */
  definitions?: ReadonlyMap<string, AnyNodeDefinition>;
  /** Registry entries by which to predict each node's latency; without them no latency is observed. */
  models?: readonly ({ id: string } & LatencyFields)[];
  latency?: LatencyAssumptions;
}

export const NO_OBSERVATIONS: ObservedUsage = Object.freeze({ runs: 0, calls: [], outputs: [] }) as ObservedUsage;

/** Tokens of a query as the estimator counts them (chars / 4 of its text, context and system prompt). */
export function queryTokensOf(query: Query): number {
  return estimateTokens(query.text) + estimateTokens(query.context ?? "") + estimateTokens(query.system ?? "");
}

/** Tokens one item adds to a judge's or fuser's prompt (core/nodes/format.ts renders it). */
export function itemTokensOf(item: Candidate | UnitTest): number {
  return "annotations" in item ? estimateTokens(formatNumberedCandidates([item], true)) : estimateTokens(formatTests([item]));
}

/** The key of a (node type, model) pair; `model` is empty for nodes without one. */
export function observationKey(nodeType: string, model: string | undefined, port?: string): string {
  return `${nodeType}\u0000${model ?? ""}${port === undefined ? "" : `\u0000${port}`}`;
}

/** The model id a node's params name as written, if any. */
export function modelParam(params: Readonly<Record<string, unknown>>): string | undefined {
  const model = params["model"];
  return typeof model === "string" ? model : undefined;
}

/** The model a node calls with these (parsed) params: the first its definition names, none for a node that calls no model (a program-mode verifier). */
export function modelOf(definition: AnyNodeDefinition, params: unknown): string | undefined {
  return definition.models?.(params)[0];
}

interface CallSums {
  nodeType: string;
  model: string;
  nodeRuns: number;
  expectedCalls: number;
  calls: number;
  inputTokens: number;
  expectedInputTokens: number;
  lengthCalls: number;
  outputTokens: number;
  stoppedCalls: number;
  stoppedOutputTokens: number;
  observedMs: number;
  predictedMs: number;
  timedRuns: number;
}

interface OutputSums {
  nodeType: string;
  model: string | undefined;
  port: string;
  nodeRuns: number;
  items: number;
  expectedItems: number;
  itemTokens: number;
}

function flowOf(value: NodeOutputs[string] | undefined): PortFlow | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return { count: 1, itemTokens: 0 };
  const items = value as (Candidate | UnitTest)[];
  return { count: items.length, itemTokens: items.length === 0 ? 0 : items.reduce((sum, item) => sum + itemTokensOf(item), 0) / items.length };
}

/**
 * Averages over earlier runs, per (node type, model). Nodes whose type is unknown or whose
 * params no longer parse are skipped.
 */
export function observeRuns(runs: Iterable<ObservedRun>, options: ObserveOptions = {}): ObservedUsage {
  const definitions = options.definitions ?? nodeRegistry;
  const entries = options.models === undefined ? undefined : new Map(options.models.map((m) => [m.id, m] as const));
  const calls = new Map<string, CallSums>();
  const outputs = new Map<string, OutputSums>();
  let count = 0;
  for (const run of runs) {
    count++;
    const graph = run.architecture;
    const byId = new Map(graph.nodes.map((node) => [node.id, node] as const));
    const results = new Map(run.nodes.map((node) => [node.id, node.outputs] as const));
    const times = new Map(run.nodes.map((node) => [node.id, node.ms] as const));
    const callsByNode = new Map<string, ObservedRun["calls"][number][]>();
    for (const call of run.calls) {
      const list = callsByNode.get(call.nodeId);
      if (list === undefined) callsByNode.set(call.nodeId, [call]);
      else list.push(call);
    }
    const queryTokens = queryTokensOf(run.query);

    for (const id of topologicalOrder(graph)) {
      const node = byId.get(id);
      const definition = node === undefined ? undefined : definitions.get(node.type);
      const outputsOfNode = results.get(id);
      if (node === undefined || definition === undefined || outputsOfNode === undefined) continue;
      const params = definition.params.safeParse(node.params);
      if (!params.success) continue;
      const model = modelOf(definition, params.data);

      const flows = inputFlows(graph, byId, definitions, id, definition, (source, port) => flowOf(results.get(source)?.[port]));
      const expected = definition.estimate(params.data, { inputCounts: countsOf(flows), queryTokens, itemTokens: meanItemTokens(definition, flows) ?? 0 });
      const made = callsByNode.get(id) ?? [];

      if (model !== undefined && (expected.calls > 0 || made.length > 0)) {
        const key = observationKey(node.type, model);
        const sums = calls.get(key) ?? { nodeType: node.type, model, nodeRuns: 0, expectedCalls: 0, calls: 0, inputTokens: 0, expectedInputTokens: 0, lengthCalls: 0, outputTokens: 0, stoppedCalls: 0, stoppedOutputTokens: 0, observedMs: 0, predictedMs: 0, timedRuns: 0 };
        calls.set(key, sums);
        sums.nodeRuns++;
        sums.expectedCalls += expected.calls;
        sums.calls += made.length;
        if (expected.calls > 0 && made.length > 0) {
          sums.inputTokens += made.reduce((sum, call) => sum + call.inputTokens, 0);
          sums.expectedInputTokens += (expected.inputTokens / expected.calls) * made.length;
        }
        const ms = times.get(id);
        if (entries !== undefined && ms !== undefined && made.length > 0 && !made.some((call) => call.cached === true)) {
          const meanIn = made.reduce((sum, call) => sum + call.inputTokens, 0) / made.length;
          const meanOut = made.reduce((sum, call) => sum + call.outputTokens, 0) / made.length;
          sums.observedMs += ms;
          sums.predictedMs += nodeLatencyMs(latencyProfile(entries.get(model), options.latency), made.length, meanIn, meanOut);
          sums.timedRuns++;
        }
        for (const call of made) {
          sums.outputTokens += call.outputTokens;
          if (call.finishReason === "length") sums.lengthCalls++;
          else {
            sums.stoppedCalls++;
            sums.stoppedOutputTokens += call.outputTokens;
          }
        }
      }

      for (const [port, def] of Object.entries(definition.outputs)) {
        if (!isListType(def.type)) continue;
        const flow = flowOf(outputsOfNode[port]);
        if (flow === undefined) continue;
        const key = observationKey(node.type, model, port);
        const sums = outputs.get(key) ?? { nodeType: node.type, model, port, nodeRuns: 0, items: 0, expectedItems: 0, itemTokens: 0 };
        outputs.set(key, sums);
        sums.nodeRuns++;
        sums.items += flow.count;
        sums.expectedItems += expected.outputCounts[port] ?? 0;
        sums.itemTokens += flow.count * flow.itemTokens;
      }
    }
  }
  return {
    runs: count,
    calls: [...calls.values()].map((s) => ({
      nodeType: s.nodeType,
      model: s.model,
      nodeRuns: s.nodeRuns,
      calls: s.calls,
      callRatio: s.expectedCalls > 0 ? s.calls / s.expectedCalls : 1,
      ...(s.expectedInputTokens > 0 ? { inputTokenRatio: s.inputTokens / s.expectedInputTokens } : {}),
      lengthShare: s.calls > 0 ? s.lengthCalls / s.calls : 0,
      meanOutputTokens: s.calls > 0 ? s.outputTokens / s.calls : 0,
      ...(s.stoppedCalls > 0 ? { meanStoppedOutputTokens: s.stoppedOutputTokens / s.stoppedCalls } : {}),
      ...(s.timedRuns > 0 ? { observedMs: s.observedMs, predictedMs: s.predictedMs } : {}),
    })),
    outputs: [...outputs.values()].map((s) => ({
      nodeType: s.nodeType,
      ...(s.model === undefined ? {} : { model: s.model }),
      port: s.port,
      nodeRuns: s.nodeRuns,
      ...(s.expectedItems > 0 ? { itemRatio: s.items / s.expectedItems } : {}),
      ...(s.items > 0 ? { meanItemTokens: s.itemTokens / s.items } : {}),
    })),
  };
}

interface ObservationIndex {
  calls: ReadonlyMap<string, ObservedCallStats>;
  outputs: ReadonlyMap<string, ObservedOutputStats>;
  /** Measured / predicted wall time per (node type, model), else per model over every node type. */
  latencyRatio(nodeType: string, model: string): number | undefined;
  /** Measured / predicted wall time of one model over every node type. */
  modelLatencyRatio(model: string): number | undefined;
}

const indexes = new WeakMap<ObservedUsage, ObservationIndex>();

/** Lookups by (node type, model[, port]), built once per observation object. */
export function indexObservations(observed: ObservedUsage): ObservationIndex {
  let index = indexes.get(observed);
  if (index === undefined) {
    const calls = new Map(observed.calls.map((s) => [observationKey(s.nodeType, s.model), s] as const));
    const perModel = new Map<string, { observedMs: number; predictedMs: number }>();
    for (const s of observed.calls) {
      if (s.observedMs === undefined || s.predictedMs === undefined) continue;
      const sums = perModel.get(s.model) ?? { observedMs: 0, predictedMs: 0 };
      sums.observedMs += s.observedMs;
      sums.predictedMs += s.predictedMs;
      perModel.set(s.model, sums);
    }
    const ratio = (sums: { observedMs?: number; predictedMs?: number } | undefined) =>
      sums?.observedMs !== undefined && sums.predictedMs !== undefined && sums.predictedMs > 0 ? sums.observedMs / sums.predictedMs : undefined;
    index = {
      calls,
      outputs: new Map(observed.outputs.map((s) => [observationKey(s.nodeType, s.model, s.port), s] as const)),
      latencyRatio: (nodeType, model) => ratio(calls.get(observationKey(nodeType, model))) ?? ratio(perModel.get(model)),
      modelLatencyRatio: (model) => ratio(perModel.get(model)),
    };
    indexes.set(observed, index);
  }
  return index;
}

/**
 * Expected output tokens of one call whose ceiling is `maxTokens`: the share cut off by the
 * ceiling uses all of it (a raised ceiling lets them run longer, so this is what they would
 * reach at most), the rest their observed mean, capped by the ceiling.
 */
export function expectedOutputPerCall(stats: ObservedCallStats | undefined, maxTokens: number): number {
  if (stats === undefined || stats.calls === 0) return maxTokens;
  const stopped = Math.min(stats.meanStoppedOutputTokens ?? maxTokens, maxTokens);
  return stats.lengthShare * maxTokens + (1 - stats.lengthShare) * stopped;
}
