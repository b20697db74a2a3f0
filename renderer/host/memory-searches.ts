/**
 * Searches for the in-memory host: no engine, so a trial is made up. Configurations are drawn
 * from the space's dimensions with a seeded generator; a trial's "score" and cost follow from
 * its values (more samples score higher and cost more), and a configuration whose estimated
 * calls exceed the per-query limit is excluded. Enough for the Search tab's tests and the dev
 * server: progress events, pause (stop) and resume, the history, a report, and a trial's
 * architecture (the template with the trial's param values). Only `param` dimensions change
 * the template here; the real host materialises every kind.
 */
import type { ChannelInput, HostApi, SearchSummary } from "../../core/api/contract";
import { err, ok } from "../../core/api/result";
import { SearchSpaceFileSchema, type DimensionSpec, type SearchSpaceFile } from "../../core/api/search-space";
import type { SearchConfig, SearchEvent, SearchReport, SearchStatus, TrialRecord } from "../../core/api/search-types";
import type { Architecture } from "../../core/graph/schema";
import { bestTrial, paretoFront, progressOfTrials, scatterOf } from "../store/searches/search-view";

export interface MemorySearchesOptions {
  /** Pause before each trial finishes, in ms. @default 0 */
  trialDelayMs?: number;
}

interface StoredSearch {
  summary: SearchSummary;
  space: SearchSpaceFile;
  trials: TrialRecord[];
  stopped: boolean;
  maxCalls?: number;
}

/** mulberry32: a small seeded generator, the same numbers for the same seed and trial. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(dimension: DimensionSpec, next: () => number): SearchConfig[string] {
  switch (dimension.type) {
    case "int": {
      const { min, max, log } = dimension;
      const value = log ? Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))) : min + next() * (max - min);
      return Math.min(max, Math.max(min, Math.round(value)));
    }
    case "float":
      return Number((dimension.min + next() * (dimension.max - dimension.min)).toPrecision(3));
    case "bool":
      return next() < 0.5;
    case "choice": {
      const values = dimension.values.map((v) => (typeof v === "object" ? v.value : v));
      return values[Math.floor(next() * values.length)] ?? values[0]!;
    }
    case "subset": {
      const first = dimension.values[0];
      return [typeof first === "string" ? first : (first?.value ?? "")];
    }
  }
}

/** Made-up outcome: more of every number scores higher (with diminishing returns) and calls more. */
function outcome(config: SearchConfig, next: () => number): { score: number; calls: number } {
  const numbers = Object.values(config).filter((v): v is number => typeof v === "number");
  const total = numbers.reduce((sum, v) => sum + Math.max(0, v), 0);
  const score = Math.min(1, Math.round((1 - 1 / (1 + total / 4) + 0.15 * next()) * 20) / 20);
  return { score, calls: Math.max(1, Math.round(total)) };
}

function templateOf(space: SearchSpaceFile): Architecture | undefined {
  return typeof space.template === "object" ? (space.template as unknown as Architecture) : undefined;
}

function materialize(space: SearchSpaceFile, config: SearchConfig): Architecture | undefined {
  const template = templateOf(space);
  if (template === undefined) return undefined;
  const params = new Map<string, Record<string, unknown>>();
  for (const dimension of space.dimensions) {
    const value = config[dimension.id];
    if (value === undefined || !("param" in dimension) || dimension.param === undefined) continue;
    const dot = dimension.param.lastIndexOf(".");
    const node = dimension.param.slice(0, dot);
    params.set(node, { ...(params.get(node) ?? {}), [dimension.param.slice(dot + 1)]: value });
  }
  return { ...template, nodes: template.nodes.map((node) => (params.has(node.id) ? { ...node, params: { ...node.params, ...params.get(node.id) } } : node)) };
}

export function createMemorySearches(options: MemorySearchesOptions = {}) {
  const delay = options.trialDelayMs ?? 0;
  const listeners = new Set<(event: SearchEvent) => void>();
  const searches = new Map<string, StoredSearch>();
  let nextId = 1;

  const emit = (event: SearchEvent): void => {
    for (const listener of listeners) listener(event);
  };

  const reportOf = (stored: StoredSearch, status: SearchStatus, stopReason?: string): SearchReport => {
    const best = bestTrial(stored.trials);
    const { summary, trials } = stored;
    return {
      searchId: summary.searchId,
      status,
      best: best === undefined ? null : { score: best.score, costPerQueryUsd: best.costPerQueryUsd ?? 0, callsPerQuery: best.callsPerQuery ?? 0, trialIndex: best.index, config: best.config },
      trials: trials.filter((t) => t.status !== "excluded").length,
      excluded: trials.filter((t) => t.status === "excluded").length,
      pareto: paretoFront(scatterOf(trials, "usd")).map((p) => ({ trialIndex: p.index, score: p.score, costPerQueryUsd: p.cost })),
      algorithm: summary.algorithm,
      seed: summary.seed,
      dataset: { name: summary.dataset, split: summary.split, items: 5 },
      spentUsd: trials.reduce((sum, t) => sum + t.spentUsd, 0),
      startedAt: summary.startedAt,
      ...(status === "running" ? {} : { endedAt: Date.now() }),
      ...(stopReason === undefined ? {} : { stopReason }),
    };
  };

  const setStatus = (stored: StoredSearch, status: SearchStatus): void => {
    const best = bestTrial(stored.trials);
    stored.summary = {
      ...stored.summary,
      status,
      done: stored.trials.length,
      excluded: stored.trials.filter((t) => t.status === "excluded").length,
      best: best === undefined ? null : { score: best.score, costPerQueryUsd: best.costPerQueryUsd ?? 0, callsPerQuery: best.callsPerQuery ?? 0, trialIndex: best.index },
      spentUsd: stored.trials.reduce((sum, t) => sum + t.spentUsd, 0),
    };
  };

  /** Runs the remaining trials one by one (each after `delay`), then finishes. */
  function drive(stored: StoredSearch): void {
    const { searchId, total, seed } = stored.summary;
    const startedAt = Date.now();
    emit({ type: "search.started", searchId, total, resumed: stored.trials.length });
    const step = (): void => {
      const finish = (status: SearchStatus, reason?: string) => {
        setStatus(stored, status);
        emit({ type: "search.finished", searchId, report: reportOf(stored, status, reason) });
      };
      if (stored.stopped) return finish("cancelled", "stopped in the studio");
      const index = stored.trials.length;
      if (index >= total) return finish("completed");
      const next = random(seed * 7919 + index);
      const config: SearchConfig = Object.fromEntries(stored.space.dimensions.map((d) => [d.id, sample(d, next)]));
      const { score, calls } = outcome(config, next);
      const usd = calls * 0.0002;
      const estimate = { calls, inputTokens: 40 * calls, outputTokens: 200 * calls, usd };
      const base = { searchId, index, config, fidelity: 5, estimate, spentUsd: 0, architectureHash: `memory-${JSON.stringify(config)}` };
      const trial: TrialRecord =
        stored.maxCalls !== undefined && calls > stored.maxCalls
          ? { ...base, status: "excluded", reason: `estimated ${calls} calls per query > ${stored.maxCalls}` }
          : { ...base, status: "scored", score, costPerQueryUsd: usd, callsPerQuery: calls, spentUsd: usd * 5, evalId: `${searchId}-eval-${index}` };
      stored.trials.push(trial);
      setStatus(stored, "running");
      emit({ type: "search.trial", searchId, trial, progress: { ...progressOfTrials(stored.trials, total, Date.now() - startedAt), calls: 0 } });
      setTimeout(step, delay);
    };
    setTimeout(step, delay);
  }

  const answers: Pick<HostApi, "search.start" | "search.stop" | "search.list" | "search.get" | "search.trial-architecture"> = {
    "search.start": async (args: ChannelInput<"search.start">) => {
      if (args.resume !== undefined) {
        const stored = searches.get(args.resume);
        if (stored === undefined) return err("not-found", `no search "${args.resume}"`);
        if (stored.summary.status === "running") return err("invalid-arguments", `search "${args.resume}" is still running`);
        stored.stopped = false;
        setStatus(stored, "running");
        drive(stored);
        return ok({ searchId: args.resume });
      }
      if (args.space === undefined) return err("unsupported", "the in-memory host has no files: build the space from the canvas");
      const parsed = SearchSpaceFileSchema.safeParse(args.space);
      if (!parsed.success) return err("invalid-arguments", `search space: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      const searchId = `search-memory-${nextId++}`;
      const summary: SearchSummary = {
        searchId,
        status: "running",
        algorithm: args.algorithm ?? "bayes",
        seed: args.seed ?? 0,
        ...(args.file === undefined ? {} : { file: args.file }),
        dataset: args.dataset ?? "game24",
        split: args.split ?? "dev",
        done: 0,
        total: args.trials ?? 20,
        excluded: 0,
        best: null,
        perQuery: { ...(args.maxCallsPerQuery === undefined ? {} : { maxCalls: args.maxCallsPerQuery }), ...(args.maxUsdPerQuery === undefined ? {} : { maxUsd: args.maxUsdPerQuery }) },
        spentUsd: 0,
        startedAt: Date.now(),
      };
      const stored: StoredSearch = { summary, space: parsed.data, trials: [], stopped: false, ...(args.maxCallsPerQuery === undefined ? {} : { maxCalls: args.maxCallsPerQuery }) };
      searches.set(searchId, stored);
      drive(stored);
      return ok({ searchId });
    },
    "search.stop": async ({ searchId }) => {
      const stored = searches.get(searchId);
      if (stored === undefined || stored.summary.status !== "running") return ok({ searchId, stopped: false });
      stored.stopped = true;
      return ok({ searchId, stopped: true });
    },
    "search.list": async (args) => {
      const file = args?.file;
      return ok([...searches.values()].filter((s) => file === undefined || s.summary.file === file).map((s) => s.summary).reverse());
    },
    "search.get": async ({ searchId }) => {
      const stored = searches.get(searchId);
      return stored === undefined ? err("not-found", `no search "${searchId}"`) : ok({ report: reportOf(stored, stored.summary.status), trials: [...stored.trials] });
    },
    "search.trial-architecture": async ({ searchId, index }) => {
      const stored = searches.get(searchId);
      const trial = stored?.trials.find((t) => t.index === index);
      if (stored === undefined || trial === undefined) return err("not-found", `no trial ${index} of search "${searchId}"`);
      const architecture = materialize(stored.space, trial.config);
      return architecture === undefined ? err("unsupported", "the in-memory host materialises only inline templates") : ok(architecture);
    },
  };

  return {
    answers,
    subscribe: (listener: (event: SearchEvent) => void): (() => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
