/**
 * Evaluations for the in-memory host: no engine, so each preset "dataset" is a list of made-up
 * items, every item's "run" completes at once with each node done, and every third item is
 * answered wrong. Enough for the Evaluate tab's tests and the dev server: progress events,
 * cancel and resume, the history, a report and a comparison, and `run.get` of an item's run.
 */
import type { ChannelInput, HostApi } from "../../core/api/contract";
import type { DatasetInfo, EvalComparison, EvalEvent, EvalItemRecord, EvalReport, EvalSplit, EvalStatus, EvalSummary } from "../../core/api/eval-types";
import type { RunRecord } from "../../core/api/outputs";
import { err, ok } from "../../core/api/result";
import { EMPTY_USAGE, type NodeResult, type RunResult } from "../../core/api/run-types";

export interface MemoryEvalsOptions {
  /** The presets `datasets.list` answers. @default two small made-up slices */
  datasets?: readonly DatasetInfo[];
  /** Pause before each item completes, in ms. @default 0 */
  itemDelayMs?: number;
}

export const MEMORY_DATASETS: readonly DatasetInfo[] = [
  { name: "game24", format: "game24", items: 10, description: "Made-up Game of 24 items (in-memory host).", defaultScorer: "game24", licence: "none" },
  { name: "gsm8k", format: "gsm8k", items: 25, description: "Made-up grade-school maths items (in-memory host).", defaultScorer: "numeric", licence: "none" },
];

interface StoredEval {
  report: EvalReport;
  items: EvalItemRecord[];
  /** The selected items' positions in the dataset. */
  selection: number[];
  architecture: Record<string, unknown>;
  cancelled: boolean;
}

/** 95% Wilson score interval of `correct` out of `n`. */
function wilson(correct: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = correct / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** Dev is the first fifth of the items, test the rest (the real host splits by a seeded hash). */
function selectionOf(size: number, split: EvalSplit, limit: number | undefined): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  const dev = Math.max(1, Math.round(size * 0.2));
  const chosen = split === "dev" ? all.slice(0, dev) : split === "test" ? all.slice(dev) : all;
  return limit === undefined ? chosen : chosen.slice(0, limit);
}

function withStatus(stored: StoredEval, status: EvalStatus, stopReason?: string): EvalReport {
  const { items } = stored;
  const scored = items.filter((item) => item.status === "scored");
  const correct = scored.filter((item) => item.correct === true).length;
  const latencies = scored.map((item) => item.latencyMs);
  return {
    ...stored.report,
    status,
    accuracy: scored.length === 0 ? 0 : correct / scored.length,
    ci95: wilson(correct, scored.length),
    scored: scored.length,
    correct,
    errors: items.length - scored.length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    ...(status === "running" ? {} : { endedAt: Date.now() }),
    ...(stopReason === undefined ? {} : { stopReason }),
  };
}

function nodeIdsOf(architecture: Record<string, unknown>): { id: string; type: string }[] {
  const nodes = Array.isArray(architecture["nodes"]) ? (architecture["nodes"] as unknown[]) : [];
  return nodes.flatMap((node) => {
    const { id, type } = (node ?? {}) as { id?: unknown; type?: unknown };
    return typeof id === "string" && typeof type === "string" ? [{ id, type }] : [];
  });
}

export function createMemoryEvals(options: MemoryEvalsOptions = {}) {
  const datasets = options.datasets ?? MEMORY_DATASETS;
  const delay = options.itemDelayMs ?? 0;
  const listeners = new Set<(event: EvalEvent) => void>();
  const evals = new Map<string, StoredEval>();
  const runs = new Map<string, RunRecord>();
  let nextId = 1;

  const emit = (event: EvalEvent): void => {
    for (const listener of listeners) listener(event);
  };

  /** One item's made-up run: every node done; generate nodes give one candidate with its answer. */
  function runItem(stored: StoredEval, position: number, datasetIndex: number): EvalItemRecord {
    const { evalId } = stored.report;
    const correct = datasetIndex % 3 !== 2;
    const answer = correct ? `answer ${datasetIndex}` : `answer ${datasetIndex + 1}`;
    const runId = `${evalId}-run-${position}`;
    const startedAt = Date.now();
    const nodes: NodeResult[] = nodeIdsOf(stored.architecture).map(({ id, type }) => ({
      id,
      type,
      status: "done",
      calls: 0,
      cachedCalls: 0,
      usage: EMPTY_USAGE,
      ms: 1,
      warnings: [],
      ...(type === "generate" ? { outputs: { candidates: [{ id: `${id}-0`, text: answer, origin: { node: id, sample: 0 }, annotations: [] }] } } : {}),
    }));
    const result: RunResult = { runId, name: stored.report.architecture.name, status: "completed", answer: { text: answer }, usage: EMPTY_USAGE, nodes, trace: [], startedAt, ms: 10 + position };
    const input = `${stored.report.dataset.name} item ${datasetIndex}`;
    runs.set(runId, { summary: { runId, name: result.name, status: "completed", startedAt, endedAt: startedAt + result.ms }, query: { text: input }, architecture: stored.architecture, result });
    return { evalId, index: position, itemId: `${stored.report.dataset.name}-${datasetIndex}`, input, reference: `answer ${datasetIndex}`, status: "scored", answer, correct, score: correct ? 1 : 0, extracted: answer, candidates: [], usage: EMPTY_USAGE, perNode: {}, latencyMs: result.ms, runId };
  }

  /** Completes the remaining items one by one (each after `delay`), then finishes. */
  function drive(stored: StoredEval): void {
    const { evalId } = stored.report;
    const startedAt = Date.now();
    const resumed = stored.items.length;
    emit({ type: "eval.started", evalId, total: stored.selection.length, resumed });
    const step = (): void => {
      const position = stored.items.length;
      const finish = (status: EvalStatus, reason?: string) => {
        stored.report = withStatus(stored, status, reason);
        emit({ type: "eval.finished", evalId, report: stored.report });
      };
      if (stored.cancelled) return finish("cancelled", "cancelled");
      const datasetIndex = stored.selection[position];
      if (datasetIndex === undefined) return finish("completed");
      const item = runItem(stored, position, datasetIndex);
      stored.items.push(item);
      const report = withStatus(stored, "running");
      const elapsedMs = Date.now() - startedAt;
      const doneHere = stored.items.length - resumed;
      const left = stored.selection.length - stored.items.length;
      emit({
        type: "eval.item",
        evalId,
        item,
        progress: { done: stored.items.length, total: stored.selection.length, scored: report.scored, correct: report.correct, errors: report.errors, usage: report.usage, elapsedMs, etaMs: (elapsedMs / doneHere) * left },
      });
      setTimeout(step, delay);
    };
    setTimeout(step, delay);
  }

  const answers: Pick<HostApi, "datasets.list" | "eval.start" | "eval.cancel" | "eval.list" | "eval.get" | "eval.compare" | "run.get"> = {
    "datasets.list": async () => ok([...datasets]),
    "eval.start": async (args: ChannelInput<"eval.start">) => {
      if (args.resume !== undefined) {
        const stored = evals.get(args.resume);
        if (stored === undefined) return err("not-found", `no evaluation "${args.resume}"`);
        if (stored.report.status === "running") return err("invalid-arguments", `evaluation "${args.resume}" is still running`);
        stored.cancelled = false;
        stored.report = { ...withStatus(stored, "running") };
        delete stored.report.endedAt;
        delete stored.report.stopReason;
        drive(stored);
        return ok({ evalId: args.resume });
      }
      const dataset = datasets.find((d) => d.name === args.dataset);
      if (dataset === undefined) return err("invalid-arguments", `unknown dataset "${args.dataset}": the in-memory host has ${datasets.map((d) => d.name).join(", ")}`);
      const evalId = `eval-memory-${nextId++}`;
      const split = args.split ?? "dev";
      const selection = selectionOf(dataset.items, split, args.limit);
      const architecture = args.architecture as Record<string, unknown>;
      const name = typeof architecture["name"] === "string" ? architecture["name"] : "untitled";
      const report: EvalReport = {
        evalId,
        status: "running",
        accuracy: 0,
        ci95: [0, 1],
        coverage: null,
        items: selection.length,
        scored: 0,
        correct: 0,
        errors: 0,
        usage: { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
        costPerItemUsd: 0,
        p50Ms: 0,
        p95Ms: 0,
        perNode: {},
        architecture: { name, ...(args.file === undefined ? {} : { file: args.file }), hash: `memory-${name}` },
        dataset: { name: dataset.name, format: dataset.format, hash: `memory-${dataset.name}`, split, seed: 0, ...(args.limit === undefined ? {} : { limit: args.limit }) },
        scorer: args.scorer ?? dataset.defaultScorer,
        startedAt: Date.now(),
      };
      const stored: StoredEval = { report, items: [], selection, architecture, cancelled: false };
      evals.set(evalId, stored);
      drive(stored);
      return ok({ evalId });
    },
    "eval.cancel": async ({ evalId }) => {
      const stored = evals.get(evalId);
      if (stored === undefined || stored.report.status !== "running") return ok({ evalId, cancelled: false });
      stored.cancelled = true;
      return ok({ evalId, cancelled: true });
    },
    "eval.list": async (args) => {
      const file = args?.file;
      const summaries: EvalSummary[] = [...evals.values()]
        .filter((stored) => file === undefined || stored.report.architecture.file === file)
        .map(({ report }) => ({
          evalId: report.evalId,
          status: report.status,
          architectureName: report.architecture.name,
          ...(report.architecture.file === undefined ? {} : { file: report.architecture.file }),
          architectureHash: report.architecture.hash,
          dataset: report.dataset.name,
          split: report.dataset.split,
          scorer: report.scorer,
          items: report.items,
          scored: report.scored,
          accuracy: report.accuracy,
          costUsd: report.usage.costUsd,
          startedAt: report.startedAt,
        }))
        .reverse();
      return ok(summaries);
    },
    "eval.get": async ({ evalId }) => {
      const stored = evals.get(evalId);
      return stored === undefined ? err("not-found", `no evaluation "${evalId}"`) : ok({ report: stored.report, items: [...stored.items] });
    },
    "eval.compare": async ({ a, b }) => {
      const first = evals.get(a);
      const second = evals.get(b);
      if (first === undefined || second === undefined) return err("not-found", `no evaluation "${first === undefined ? a : b}"`);
      if (first.report.dataset.name !== second.report.dataset.name) return err("invalid-arguments", `evaluations "${a}" and "${b}" used different datasets`);
      const inB = new Map(second.items.filter((i) => i.status === "scored").map((i) => [i.itemId, i.correct === true]));
      const perItem = first.items.flatMap((i) => (i.status === "scored" && inB.has(i.itemId) ? [{ itemId: i.itemId, a: i.correct === true, b: inB.get(i.itemId) === true }] : []));
      if (perItem.length === 0) return err("invalid-arguments", `evaluations "${a}" and "${b}" share no scored item`);
      const n = perItem.length;
      const accuracyA = perItem.filter((p) => p.a).length / n;
      const accuracyB = perItem.filter((p) => p.b).length / n;
      const diffs = perItem.map((p) => Number(p.b) - Number(p.a));
      const mean = diffs.reduce((s, d) => s + d, 0) / n;
      const half = 1.96 * Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / Math.max(1, n - 1) / n);
      const comparison: EvalComparison = {
        a,
        b,
        items: n,
        accuracyA,
        accuracyB,
        difference: accuracyB - accuracyA,
        ci95: [mean - half, mean + half],
        bootstrap: { resamples: 0, seed: 0 },
        wins: perItem.filter((p) => p.b && !p.a).length,
        losses: perItem.filter((p) => p.a && !p.b).length,
        ties: perItem.filter((p) => p.a === p.b).length,
        costRatio: null,
        costPerItemUsdA: 0,
        costPerItemUsdB: 0,
        perItem,
      };
      return ok(comparison);
    },
    "run.get": async ({ runId }) => {
      const record = runs.get(runId);
      return record === undefined ? err("not-found", `no run "${runId}" (the in-memory host keeps only its evaluations' item runs)`) : ok(record);
    },
  };

  return {
    answers,
    subscribe: (listener: (event: EvalEvent) => void): (() => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
