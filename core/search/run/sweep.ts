/**
 * `itasca sweep`: one architecture evaluated at each value of one node param, e.g. a scaling
 * curve over `generate.samples=1,2,4,...,64`. The largest value runs first: sample i is its own
 * cache entry, so every smaller value reuses the largest one's samples and the whole curve costs
 * the calls of its largest value.
 */
import { DEFAULT_DEV_FRACTION, type DatasetFormat, type EvalEvent, type EvalReport, type EvalSplit } from "../../api/eval-types";
import type { Budget } from "../../api/run-types";
import type { Architecture } from "../../graph/schema";
import { estimateArchitecture } from "../../cost/estimate";
import { DEFAULT_SPLIT_SEED, resolveDataset, splitItems, type FieldMapping } from "../../eval/datasets";
import { EvalStore, startEvaluation, type EvalServices, type EvaluationHandle } from "../../eval/run";
import { estimateTokens } from "../../nodes/estimate-tokens";
import { SearchInputError } from "./errors";
import { measureCost } from "./measure";

export type SweepValue = number | string | boolean;

export interface SweepRequest {
  /** The architecture, parsed. */
  architecture: Architecture;
  /** Where it was read from (recorded with each evaluation). */
  file?: string;
  /** `"<node id>.<param>"`. */
  param: string;
  values: readonly SweepValue[];
  dataset: string;
  cwd?: string;
  format?: DatasetFormat;
  mapping?: FieldMapping;
  /** @default "all" (as `itasca eval`) */
  split?: EvalSplit;
  seed?: number;
  limit?: number;
  /** Items in flight at once. @default 8 */
  concurrency?: number;
  scorer?: string;
  /** Per-query limits of every run. */
  budget?: Budget;
}

export interface SweepPoint {
  value: SweepValue;
  accuracy: number;
  coverage: number | null;
  /** Per item at list prices, cache hits included (what a query costs, not what this sweep paid). */
  costPerQueryUsd: number;
  callsPerQuery: number;
  /** Provider calls this value's evaluation made (cache hits excluded). */
  calls: number;
  cachedCalls: number;
  /** Dollars this value's evaluation paid. */
  spentUsd: number;
  evalId: string;
  status: EvalReport["status"];
}

export interface SweepResult {
  /** `"<node>.<param>"`. */
  param: string;
  /** In ascending value order (numbers), else as given. */
  points: SweepPoint[];
  /** The order the values ran in (largest first). */
  runOrder: SweepValue[];
  items: number;
  dataset: { name: string; split: EvalSplit };
  /** Completed: every value was evaluated. */
  completed: boolean;
}

export type SweepEvent =
  | { type: "sweep.value.started"; value: SweepValue; position: number; total: number }
  | { type: "sweep.value.finished"; point: SweepPoint; position: number; total: number };

export interface SweepPlan {
  request: SweepRequest;
  nodeId: string;
  paramName: string;
  /** Values in run order. */
  runOrder: SweepValue[];
  items: number;
  /** Per-query estimate of each value, in run order. */
  estimates: { value: SweepValue; usd: number; calls: number }[];
  /** Every value's items x estimate summed: what it would cost with no cache at all. */
  worstCaseUsd: number;
  /** The largest value's items x estimate: what a samples sweep pays (the others reuse its samples). */
  largestUsd: number;
  unpriced: string[];
}

/** `"a.b.samples"` -> node `a.b`, param `samples` (the param is what follows the last dot). */
export function parseParamAddress(address: string): { nodeId: string; param: string } {
  const dot = address.lastIndexOf(".");
  if (dot <= 0 || dot === address.length - 1) throw new SearchInputError(`a param is addressed as "<node id>.<param>", e.g. "generate.samples"; got "${address}"`);
  return { nodeId: address.slice(0, dot), param: address.slice(dot + 1) };
}

/** `"1,2,4"` -> [1, 2, 4]; `true`/`false` -> booleans; anything else stays a string. */
export function parseSweepValues(text: string): SweepValue[] {
  const values = text.split(",").map((v) => v.trim()).filter((v) => v !== "").map((v): SweepValue => (v === "true" ? true : v === "false" ? false : Number.isFinite(Number(v)) ? Number(v) : v));
  const distinct = new Set(values.map((v) => JSON.stringify(v)));
  if (values.length === 0) throw new SearchInputError(`no values in "${text}"; give them as <node>.<param>=v1,v2,...`);
  if (distinct.size !== values.length) throw new SearchInputError(`"${text}" lists a value twice`);
  return values;
}

/** Largest first for numbers (so smaller values reuse its cached samples), else as given. */
function runOrderOf(values: readonly SweepValue[]): SweepValue[] {
  return values.every((v) => typeof v === "number") ? [...values].sort((a, b) => (b as number) - (a as number)) : [...values];
}

function withValue(architecture: Architecture, nodeId: string, param: string, value: SweepValue): Architecture {
  return { ...architecture, nodes: architecture.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, [param]: value } } : n)) };
}

/** Checks every value against the engine's validator and estimates them; nothing runs. */
export async function planSweep(services: EvalServices, request: SweepRequest): Promise<SweepPlan> {
  const { nodeId, param } = parseParamAddress(request.param);
  const node = request.architecture.nodes.find((n) => n.id === nodeId);
  if (node === undefined) throw new SearchInputError(`--param ${request.param}: the architecture has no node "${nodeId}"; its nodes: ${request.architecture.nodes.map((n) => n.id).join(", ")}`);
  const dataset = await resolveDataset(request.dataset, { ...(request.cwd === undefined ? {} : { cwd: request.cwd }), ...(request.format === undefined ? {} : { format: request.format }), ...(request.mapping === undefined ? {} : { mapping: request.mapping }) });
  const selected = splitItems(dataset.items, request.split ?? "all", { seed: request.seed ?? DEFAULT_SPLIT_SEED, devFraction: DEFAULT_DEV_FRACTION });
  const items = request.limit === undefined ? selected : selected.slice(0, request.limit);
  if (items.length === 0) throw new SearchInputError(`dataset ${dataset.name}: the ${request.split ?? "all"} split has no items`);
  const queryTokens = Math.max(1, Math.round(items.reduce((sum, item) => sum + estimateTokens(item.input), 0) / items.length));
  const runOrder = runOrderOf(request.values);
  const models = services.engine.models.list();
  const unpriced = new Set<string>();
  const estimates = runOrder.map((value) => {
    let checked;
    try {
      checked = services.engine.check(withValue(request.architecture, nodeId, param, value), request.file);
    } catch (error) {
      throw new SearchInputError(`--param ${request.param}=${String(value)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const cost = estimateArchitecture(checked, models, { queryTokens });
    for (const id of cost.unpriced) unpriced.add(id);
    return { value, usd: cost.usd, calls: cost.calls };
  });
  const worstCaseUsd = estimates.reduce((sum, e) => sum + e.usd * items.length, 0);
  return { request, nodeId, paramName: param, runOrder, items: items.length, estimates, worstCaseUsd, largestUsd: (estimates[0]?.usd ?? 0) * items.length, unpriced: [...unpriced].sort() };
}

export interface SweepHandle {
  done: Promise<SweepResult>;
  /** Cancels the evaluation in flight; the values done are kept. */
  cancel(reason?: string): void;
}

/** Runs the plan's values one after another (each evaluation's items run concurrently). */
export function runSweep(services: EvalServices, plan: SweepPlan, options: { onEvent?: (event: SweepEvent) => void; onEval?: (event: EvalEvent) => void } = {}): SweepHandle {
  const { request } = plan;
  let current: EvaluationHandle | undefined;
  let cancelled: string | undefined;
  const evalStore = new EvalStore(services.db);
  const done = (async (): Promise<SweepResult> => {
    const points: SweepPoint[] = [];
    for (const [position, value] of plan.runOrder.entries()) {
      if (cancelled !== undefined) break;
      options.onEvent?.({ type: "sweep.value.started", value, position, total: plan.runOrder.length });
      current = await startEvaluation(services, {
        architecture: withValue(request.architecture, plan.nodeId, plan.paramName, value),
        ...(request.file === undefined ? {} : { file: request.file }),
        dataset: request.dataset,
        ...(request.cwd === undefined ? {} : { cwd: request.cwd }),
        ...(request.format === undefined ? {} : { format: request.format }),
        ...(request.mapping === undefined ? {} : { mapping: request.mapping }),
        split: request.split ?? "all",
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        ...(request.limit === undefined ? {} : { limit: request.limit }),
        ...(request.concurrency === undefined ? {} : { concurrency: request.concurrency }),
        ...(request.scorer === undefined ? {} : { scorer: request.scorer }),
        ...(request.budget === undefined ? {} : { budget: request.budget }),
      }, options.onEval === undefined ? {} : { onEvent: options.onEval });
      if (cancelled !== undefined) current.cancel(cancelled);
      const report = await current.done;
      const measured = measureCost(services.db, services.engine.models, evalStore.items(report.evalId));
      const point: SweepPoint = {
        value,
        accuracy: report.accuracy,
        coverage: report.coverage,
        costPerQueryUsd: measured.costPerQueryUsd,
        callsPerQuery: measured.callsPerQuery,
        calls: report.usage.calls,
        cachedCalls: report.usage.cachedCalls,
        spentUsd: report.usage.costUsd,
        evalId: report.evalId,
        status: report.status,
      };
      points.push(point);
      options.onEvent?.({ type: "sweep.value.finished", point, position, total: plan.runOrder.length });
      if (report.status !== "completed") break;
    }
    const order = new Map(request.values.map((v, i) => [JSON.stringify(v), i]));
    const numeric = request.values.every((v) => typeof v === "number");
    points.sort((a, b) => (numeric ? (a.value as number) - (b.value as number) : (order.get(JSON.stringify(a.value)) ?? 0) - (order.get(JSON.stringify(b.value)) ?? 0)));
    return {
      param: request.param,
      points,
      runOrder: plan.runOrder,
      items: plan.items,
      dataset: { name: request.dataset, split: request.split ?? "all" },
      completed: points.length === plan.runOrder.length && points.every((p) => p.status === "completed"),
    };
  })();
  return {
    done,
    cancel: (reason = "cancelled by the user") => {
      cancelled = reason;
      current?.cancel(reason);
    },
  };
}
