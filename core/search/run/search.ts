/**
 * The search runner: asks the algorithm for suggestions in fixed batches (the concurrency),
 * runs each batch's trials in parallel, and feeds the outcomes back in suggestion order, so the
 * same seed gives the same trials however the evaluations interleave. Each trial is written to
 * SQLite as it ends; a resumed search rebuilds the algorithm and replays the stored trials
 * (suggest, check the configuration matches, observe the stored outcome) before it continues,
 * so it equals an uninterrupted search with the same seed and pays for nothing twice.
 */
import { setMaxListeners } from "node:events";
import type { SearchEvent, SearchReport, SearchStatus, TrialRecord } from "../../api/search-types";
import { EvalStore, type EvaluationHandle } from "../../eval/run";
import type { Architecture } from "../../graph/schema";
import type { SearchBackend, TrialOutcome } from "./backend-types";
import { TotalSpend } from "./budget";
import { prepareSearch, type PreparedSearch, type SearchRequest, type SearchServices } from "./prepare";
import { buildSearchReport, progressOf } from "./report";
import { SearchStore } from "./search-store";
import { runTrial, type TrialContext, type TrialEnd } from "./trial";

export interface SearchOptions {
  /** Every event of the search, in order. */
  onEvent?: (event: SearchEvent) => void;
}

/** A finished search: its report, its trials and the architecture of any trial. */
export interface SearchResult {
  report: SearchReport;
  trials: TrialRecord[];
  /** The architecture a trial's configuration makes (for `best.itasca.json` and the Pareto files). */
  architectureOf(trial: TrialRecord): Architecture;
}

export interface SearchHandle {
  searchId: string;
  /** Trials planned. */
  total: number;
  /** Trials already stored when it started (a resume). */
  resumed: number;
  /** Settles with the result when the search ends, whatever the outcome; never rejects. */
  done: Promise<SearchResult>;
  /** Stops suggesting and cancels the trials in flight; finished trials are kept (status `cancelled`, resumable). */
  cancel(reason?: string): void;
}

/** How many suggestions past `--trials` the runner allows before it calls an algorithm runaway. */
const RUNAWAY_FACTOR = 100;

async function defaultBackend(): Promise<SearchBackend> {
  return (await import("./backend")).realBackend;
}

/** Reads the space and dataset and computes the worst-case spend, writing nothing: show it, then {@link runPreparedSearch}. */
export async function planSearch(services: SearchServices, request: SearchRequest): Promise<PreparedSearch> {
  return prepareSearch(services, new SearchStore(services.db), request, services.backend ?? (await defaultBackend()));
}

/** Starts (or resumes) a search. Rejects with `SearchInputError` (or the space's error) before anything runs when the request cannot be searched. */
export async function startSearch(services: SearchServices, request: SearchRequest, options: SearchOptions = {}): Promise<SearchHandle> {
  return runPreparedSearch(services, await planSearch(services, request), options);
}

export function runPreparedSearch(services: SearchServices, prepared: PreparedSearch, options: SearchOptions = {}): SearchHandle {
  const store = new SearchStore(services.db);
  const { row } = prepared;
  if (prepared.resuming) store.setSettings(row.id, row.settings);
  else store.create(row);
  store.setStatus(row.id, "running");
  const storedTrials = store.stored(row.id);
  const resumed = [...storedTrials.values()].filter((t) => t.status === "done").length;

  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const sessionStart = Date.now();
  const elapsedMs = () => row.elapsedMs + (Date.now() - sessionStart);
  const totals = new TotalSpend(row.settings.total, elapsedMs);
  const inflight = new Map<number, EvaluationHandle>();
  let stop: { status: SearchStatus; reason: string } | undefined;
  const halt = (status: SearchStatus, reason: string) => {
    stop ??= { status, reason };
    for (const handle of inflight.values()) handle.cancel(reason);
  };
  const checkTotals = () => {
    const reason = totals.exhausted();
    if (reason !== undefined) halt("stopped", reason);
  };
  const ctx: TrialContext = { services, prepared, store, evalStore: new EvalStore(services.db), totals, inflight, onSpend: checkTotals, stopping: () => stop?.reason };
  controller.signal.addEventListener("abort", () => halt("cancelled", String((controller.signal.reason as Error | undefined)?.message ?? "cancelled")), { once: true });
  const maxMinutes = row.settings.total.maxMinutes;
  const timer = maxMinutes === undefined ? undefined : setTimeout(checkTotals, Math.max(0, maxMinutes * 60_000 - row.elapsedMs) + 5);

  const emit = (event: SearchEvent) => options.onEvent?.(event);
  emit({ type: "search.started", searchId: row.id, total: prepared.total, resumed });
  const finished: TrialRecord[] = [];

  const loop = async (): Promise<void> => {
    const algorithm = prepared.backend.createAlgorithm(row.algorithm, prepared.space, {
      seed: row.seed,
      maxTrials: row.settings.maxTrials,
      maxFidelity: row.settings.items,
      ...(row.settings.minFidelity === undefined ? {} : { minFidelity: row.settings.minFidelity }),
      ...(row.settings.eta === undefined ? {} : { eta: row.settings.eta }),
    });
    let index = 0;
    while (!algorithm.done && stop === undefined) {
      checkTotals();
      if (stop !== undefined) return;
      if (index >= RUNAWAY_FACTOR * row.settings.maxTrials + 1000) {
        stop = { status: "failed", reason: `the ${row.algorithm} algorithm made ${index} suggestions for ${row.settings.maxTrials} trials without finishing` };
        return;
      }
      const batch = algorithm.suggest(row.settings.concurrency);
      if (batch.length === 0) return;
      const settled = await Promise.allSettled(
        batch.map(async (suggestion, k): Promise<TrialEnd> => {
          const end = await runTrial(ctx, suggestion, index + k, storedTrials.get(index + k));
          if ("incomplete" in end) return end;
          totals.settle(end.record.index, { usd: end.record.spentUsd, calls: end.record.spentCalls ?? 0 });
          finished.push(end.record);
          if (!end.replayed) {
            store.writeTrial(end.record);
            store.setElapsed(row.id, elapsedMs());
            emit({ type: "search.trial", searchId: row.id, trial: end.record, progress: progressOf(finished, prepared.total, elapsedMs(), totals) });
          }
          return end;
        }),
      );
      // Every trial of the batch has settled (none is still writing) before an error ends the search.
      const rejected = settled.find((result) => result.status === "rejected");
      if (rejected !== undefined) throw rejected.reason;
      const ends = settled.map((result) => (result as PromiseFulfilledResult<TrialEnd>).value);
      index += batch.length;
      // An unfinished batch is not observed: the resume replays it and runs what is missing.
      if (ends.some((end) => "incomplete" in end)) return;
      batch.forEach((suggestion, k) => algorithm.observe(suggestion, outcomeOf((ends[k] as { record: TrialRecord }).record)));
    }
  };

  const done = (async (): Promise<SearchResult> => {
    try {
      await loop();
    } catch (error) {
      halt("failed", error instanceof Error ? error.message : String(error));
      // Let the trials in flight settle before the search is reported.
      await Promise.all([...inflight.values()].map((handle) => handle.done));
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    const status = stop?.status ?? "completed";
    store.setElapsed(row.id, elapsedMs());
    store.setStatus(row.id, status, stop?.reason);
    const trials = store.trials(row.id);
    const report = buildSearchReport(store.row(row.id) ?? row, trials, row.dataset, unfinishedSpend(store, ctx.evalStore, row.id));
    emit({ type: "search.finished", searchId: row.id, report });
    return { report, trials, architectureOf: (trial) => prepared.backend.materialize(prepared.space, trial.config) };
  })();

  return {
    searchId: row.id,
    total: prepared.total,
    resumed,
    done,
    cancel: (reason = "cancelled by the user") => controller.abort(new Error(reason)),
  };
}

/** Dollars the evaluations of unfinished trials paid (a stopped or cancelled search paid them too). */
function unfinishedSpend(store: SearchStore, evalStore: EvalStore, searchId: string): number {
  let usd = 0;
  for (const trial of store.stored(searchId).values()) {
    if (trial.status === "running") usd += evalStore.get(trial.evalId)?.report.usage.costUsd ?? 0;
  }
  return usd;
}

function outcomeOf(record: TrialRecord): TrialOutcome {
  if (record.status === "scored") return { score: record.score ?? 0 };
  if (record.status === "excluded") return { excluded: true };
  return { failed: true };
}
