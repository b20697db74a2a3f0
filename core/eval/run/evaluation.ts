/**
 * Batch evaluation: an architecture over a dataset's items, concurrently under the engine's
 * global and per-model limits, each item scored and written to SQLite the moment it
 * completes. A resumed evaluation repeats no completed item, and the call cache covers the
 * calls of items that were half done when the process died.
 */
import { setMaxListeners } from "node:events";
import type { DatasetFormat, EvalEvent, EvalItemRecord, EvalProgress, EvalReport, EvalSplit, EvalUsage } from "../../api/eval-types";
import type { Budget } from "../../api/run-types";
import type { Engine } from "../../engine/executor";
import type { CodeSandbox } from "../../nodes/sandbox-types";
import type { SqliteDatabase } from "../../store/database";
import type { CheckedArchitecture } from "../../validation/validate";
import type { Dataset, EvalItem, FieldMapping } from "../datasets/types";
import type { Scorer } from "../scorers/types";
import { EvalInputError } from "./errors";
import { EvalStore, type EvalRow } from "./eval-store";
import { addUsageCounts } from "../../api/run-types";
import { EMPTY_EVAL_USAGE } from "./report";
import { prepareEvaluation } from "./prepare";
import { runItem } from "./run-item";

/** What an evaluation runs on: the engine (its cache and limits), the database and, for code, the sandbox. */
export interface EvalServices {
  engine: Engine;
  db: SqliteDatabase;
  /** Needed by the code scorer (and by architectures that execute code; pass it to the engine too). */
  sandbox?: CodeSandbox;
}

export interface EvaluationRequest {
  /** The architecture: parsed JSON or its text. */
  architecture: unknown;
  /** Where it was read from (recorded; `eval list --arch` filters on it). */
  file?: string;
  /** A preset slice name (`gsm8k`, `game24`, ...) or a dataset file. */
  dataset: string;
  /** Where a relative dataset path is resolved from. @default process.cwd() */
  cwd?: string;
  /** Which source fields hold the input, reference, tests, entry point and id (generic files). @default the format's */
  mapping?: FieldMapping;
  /** @default detected from the preset or the file extension */
  format?: DatasetFormat;
  /** @default "all" */
  split?: EvalSplit;
  /** Seed of the dev/test split. @default 0 */
  seed?: number;
  /** Share of the items in the dev split. @default 0.2 */
  devFraction?: number;
  /** Only the first N items of the split (in dataset order). @default all */
  limit?: number;
  /** Items in flight at once (calls are further limited per model by the engine). @default 8 */
  concurrency?: number;
  /** @default the dataset's default scorer */
  scorer?: string;
  /** Options of the scorer, e.g. `{ model: "openai/gpt-4o-mini" }` for the judge. */
  scorerOptions?: Record<string, unknown>;
  /** Stop starting items once this many dollars are spent (in-flight items finish). @default no limit */
  maxUsd?: number;
  /**
   * Per-query limits every item's run is held to (calls, tokens, dollars; cache hits are free).
   * An item whose run hits them is recorded as an error. Kept with the evaluation: a resume uses
   * the stored one unless the request gives another. @default no limits
   */
  budget?: Budget;
  /** Continue this evaluation: same architecture, dataset and items; completed items are skipped. */
  resume?: string;
}

export interface EvaluationHandle {
  evalId: string;
  /** Items in the evaluation. */
  total: number;
  /** Items already complete when it started (a resume). */
  resumed: number;
  /** Settles with the report when the evaluation ends, whatever the outcome; never rejects. */
  done: Promise<EvalReport>;
  /** Stops starting items and cancels the in-flight ones; completed items are kept. */
  cancel(reason?: string): void;
}

export interface EvaluationOptions {
  /** Every event of the evaluation, in order. */
  onEvent?: (event: EvalEvent) => void;
}

/** The running totals of one evaluation session (resumed items included). */
class Progress {
  private readonly startedAt = Date.now();
  private doneThisSession = 0;
  done = 0;
  scored = 0;
  correct = 0;
  errors = 0;
  usage: EvalUsage = EMPTY_EVAL_USAGE;

  constructor(private readonly total: number) {}

  add(item: EvalItemRecord, thisSession: boolean): void {
    this.done++;
    if (thisSession) this.doneThisSession++;
    if (item.status === "scored") this.scored++;
    else this.errors++;
    if (item.correct === true) this.correct++;
    this.usage = addUsageCounts(this.usage, item.usage);
  }

  snapshot(): EvalProgress {
    const elapsedMs = Date.now() - this.startedAt;
    const left = this.total - this.done;
    const etaMs = this.doneThisSession === 0 ? undefined : Math.round((elapsedMs / this.doneThisSession) * left);
    return { done: this.done, total: this.total, scored: this.scored, correct: this.correct, errors: this.errors, usage: this.usage, elapsedMs, ...(etaMs === undefined ? {} : { etaMs }) };
  }
}

/**
 * Starts (or resumes) an evaluation. Rejects with `EvalInputError` (or the engine's
 * `ValidationFailedError`) before anything runs when the request cannot be evaluated.
 */
export async function startEvaluation(services: EvalServices, request: EvaluationRequest, options: EvaluationOptions = {}): Promise<EvaluationHandle> {
  const store = new EvalStore(services.db);
  const prepared = await prepareEvaluation(services, store, request);
  const { row, checked, dataset, items, scorer } = prepared;
  if (scorer.needs === "sandbox" && services.sandbox === undefined) throw new EvalInputError(`the "${scorer.name}" scorer runs code and this host has no sandbox`);

  const completed = new Map(store.items(row.id).filter((item) => item.status === "scored").map((item) => [item.itemId, item]));
  const pending = items.map((item, index) => ({ item, index })).filter(({ item }) => !completed.has(item.id));
  const progress = new Progress(items.length);
  for (const item of completed.values()) progress.add(item, false);

  const controller = new AbortController();
  // Every in-flight item's run listens on the evaluation's signal.
  setMaxListeners(0, controller.signal);
  const emit = (event: EvalEvent) => options.onEvent?.(event);
  store.setStatus(row.id, "running");
  emit({ type: "eval.started", evalId: row.id, total: items.length, resumed: completed.size });

  const done = (async (): Promise<EvalReport> => {
    let stop: { status: "budget" | "failed"; reason: string } | undefined;
    try {
      stop = await runPending({ services, store, row, checked, dataset, scorer, pending, progress, signal: controller.signal, maxUsd: row.settings.maxUsd, emit });
    } catch (error) {
      stop = { status: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
    const status = controller.signal.aborted ? "cancelled" : (stop?.status ?? "completed");
    const reason = controller.signal.aborted ? String((controller.signal.reason as Error | undefined)?.message ?? "cancelled") : stop?.reason;
    store.setStatus(row.id, status, reason);
    const report = store.get(row.id)?.report as EvalReport;
    emit({ type: "eval.finished", evalId: row.id, report });
    return report;
  })();

  return {
    evalId: row.id,
    total: items.length,
    resumed: completed.size,
    done,
    cancel: (reason = "cancelled by the user") => controller.abort(new Error(reason)),
  };
}

interface RunPendingInput {
  services: EvalServices;
  store: EvalStore;
  row: EvalRow;
  checked: CheckedArchitecture;
  dataset: Dataset;
  scorer: Scorer;
  pending: { item: EvalItem; index: number }[];
  progress: Progress;
  signal: AbortSignal;
  maxUsd: number | undefined;
  emit: (event: EvalEvent) => void;
}

/** Runs the pending items with at most `concurrency` in flight; resolves with why it stopped early, if it did. */
async function runPending(input: RunPendingInput): Promise<{ status: "budget"; reason: string } | undefined> {
  const { store, row, progress, signal, maxUsd, emit } = input;
  let next = 0;
  let budgetStop: { status: "budget"; reason: string } | undefined;
  const worker = async () => {
    while (!signal.aborted && budgetStop === undefined) {
      const entry = input.pending[next++];
      if (entry === undefined) return;
      const spent = progress.usage.costUsd;
      if (maxUsd !== undefined && spent >= maxUsd) {
        budgetStop = { status: "budget", reason: `the evaluation's limit of $${maxUsd} is spent ($${spent.toFixed(4)}); resume with a higher --max-usd` };
        return;
      }
      const record = await runItem({
        engine: input.services.engine,
        sandbox: input.services.sandbox,
        checked: input.checked,
        scorer: input.scorer,
        item: entry.item,
        index: entry.index,
        evalId: row.id,
        signal,
        ...(maxUsd === undefined ? {} : { maxUsd: maxUsd - spent }),
        ...(row.settings.budget === undefined ? {} : { budget: row.settings.budget }),
      });
      // Cancelled or out of budget mid-item: not an outcome; the call cache keeps its calls for the resume.
      if (record === undefined) {
        if (!signal.aborted && maxUsd !== undefined) budgetStop = { status: "budget", reason: `the evaluation's limit of $${maxUsd} was reached during an item; resume with a higher --max-usd` };
        continue;
      }
      store.writeItem(record);
      progress.add(record, true);
      emit({ type: "eval.item", evalId: row.id, item: record, progress: progress.snapshot() });
    }
  };
  const workers = Math.max(1, Math.min(row.settings.concurrency, input.pending.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return budgetStop;
}
