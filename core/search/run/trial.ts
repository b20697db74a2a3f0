/**
 * One trial: a suggestion materialised into an architecture, checked by the engine, estimated
 * and, when it fits the per-query limits, scored by an evaluation on the first `fidelity`
 * items of the split. The evaluation shares the engine's call cache, so a promoted
 * configuration pays only for its new items and trials sharing a graph prefix pay nothing twice.
 */
import type { EvalEvent, EvalReport } from "../../api/eval-types";
import type { SearchConfig, TrialRecord } from "../../api/search-types";
import { estimateArchitecture } from "../../cost/estimate";
import { serializeArchitecture } from "../../graph/serialize";
import type { Architecture } from "../../graph/schema";
import { startEvaluation, type EvalStore, type EvaluationHandle, type EvaluationRequest } from "../../eval/run";
import type { CheckedArchitecture } from "../../validation/validate";
import type { TrialSuggestion } from "./backend-types";
import { overBudget, runBudgetOf, type TotalSpend } from "./budget";
import { SearchInputError } from "./errors";
import { measureCost } from "./measure";
import { sha256, type PreparedSearch, type SearchServices } from "./prepare";
import type { SearchStore, StoredTrial } from "./search-store";

/** A trial's end: its record, or nothing to record (the search was cancelled or its total budget stopped it mid-evaluation). */
export type TrialEnd = { record: TrialRecord; replayed: boolean } | { incomplete: true };

export interface TrialContext {
  services: SearchServices;
  prepared: PreparedSearch;
  store: SearchStore;
  evalStore: EvalStore;
  totals: TotalSpend;
  /** The evaluations in flight, by trial index (the search cancels them when it stops). */
  inflight: Map<number, EvaluationHandle>;
  /** Checked after each item: stops the search when a total limit is reached. */
  onSpend: () => void;
  /** Why the search is stopping, once it is: a trial starting then is cancelled at once. */
  stopping: () => string | undefined;
}

/** Canonical JSON (sorted keys), so two configurations compare by content. */
export function canonicalConfig(config: SearchConfig): string {
  return JSON.stringify(Object.keys(config).sort().map((key) => [key, config[key]]));
}

const NO_ESTIMATE = { calls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };

type Materialised = { checked: CheckedArchitecture; architecture: Architecture; hash: string } | { error: string };

function materialise(ctx: TrialContext, config: SearchConfig): Materialised {
  const { backend, space } = ctx.prepared;
  let architecture: Architecture;
  try {
    architecture = backend.materialize(space, config);
  } catch (error) {
    return { error: `the configuration does not make an architecture: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const checked = ctx.services.engine.check(architecture);
    return { checked, architecture, hash: sha256(serializeArchitecture(checked)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runTrial(ctx: TrialContext, suggestion: TrialSuggestion, index: number, stored: StoredTrial | undefined): Promise<TrialEnd> {
  const { row } = ctx.prepared;
  if (stored?.status === "done") return { record: replay(ctx, suggestion, stored.record), replayed: true };
  if (stored !== undefined) checkSame(row.id, index, suggestion, stored.config, stored.fidelity);
  const base = { searchId: row.id, index, config: suggestion.config, fidelity: suggestion.fidelity, spentUsd: 0 };
  const made = materialise(ctx, suggestion.config);
  if ("error" in made) return { record: { ...base, status: "failed", estimate: NO_ESTIMATE, reason: made.error, architectureHash: "" }, replayed: false };

  const cost = estimateArchitecture(made.checked, ctx.services.engine.models.list(), { queryTokens: row.settings.queryTokens });
  const estimate = { calls: cost.calls, inputTokens: cost.inputTokens, outputTokens: cost.outputTokens, usd: cost.usd };
  const withEstimate = { ...base, estimate, architectureHash: made.hash };
  const excluded = overBudget(cost, row.settings.perQuery);
  if (excluded !== undefined) return { record: { ...withEstimate, status: "excluded", reason: excluded }, replayed: false };

  const handle = await startTrialEvaluation(ctx, made.checked, suggestion.fidelity, stored?.status === "running" ? stored.evalId : undefined, index);
  ctx.store.trialStarted(row.id, index, suggestion.config, suggestion.fidelity, handle.evalId);
  ctx.inflight.set(index, handle);
  const stopping = ctx.stopping();
  if (stopping !== undefined) handle.cancel(stopping);
  let report: EvalReport;
  try {
    report = await handle.done;
  } finally {
    ctx.inflight.delete(index);
  }
  // Cancelled after its last item: every item has its outcome, so the trial is complete.
  if (report.status === "cancelled" && report.scored + report.errors < report.items) {
    ctx.totals.forget(index);
    return { incomplete: true };
  }
  const spent = { spentUsd: report.usage.costUsd, spentCalls: report.usage.calls, evalId: report.evalId };
  if (report.status !== "completed" && report.status !== "cancelled") return { record: { ...withEstimate, ...spent, status: "failed", reason: `evaluation ${report.evalId} ${report.status}${report.stopReason ? `: ${report.stopReason}` : ""}` }, replayed: false };
  const items = ctx.evalStore.items(report.evalId);
  const firstError = items.find((item) => item.status === "error")?.error;
  if (report.scored === 0) return { record: { ...withEstimate, ...spent, status: "failed", reason: `every item failed${firstError ? `: ${firstError}` : ""}` }, replayed: false };
  const measured = measureCost(ctx.services.db, ctx.services.engine.models, items);
  return {
    record: {
      ...withEstimate,
      ...spent,
      status: "scored",
      // Items whose run failed (or hit the per-query budget) count as wrong: a trial does not score better by failing on hard items.
      score: report.correct / report.items,
      costPerQueryUsd: measured.costPerQueryUsd,
      callsPerQuery: measured.callsPerQuery,
      ...(report.errors > 0 ? { reason: `${report.errors} of ${report.items} items failed and count as wrong${firstError ? ` (first: ${firstError})` : ""}` } : {}),
    },
    replayed: false,
  };
}

async function startTrialEvaluation(ctx: TrialContext, checked: CheckedArchitecture, fidelity: number, resumeEvalId: string | undefined, index: number): Promise<EvaluationHandle> {
  const { row } = ctx.prepared;
  const budget = runBudgetOf(row.settings.perQuery);
  const request: EvaluationRequest = {
    architecture: checked,
    dataset: row.dataset,
    ...(row.settings.format === undefined ? {} : { format: row.settings.format }),
    ...(row.settings.mapping === undefined ? {} : { mapping: row.settings.mapping }),
    split: row.split,
    seed: row.settings.splitSeed,
    devFraction: row.settings.devFraction,
    limit: fidelity,
    concurrency: row.settings.evalConcurrency,
    ...(row.settings.scorer === undefined ? {} : { scorer: row.settings.scorer }),
    ...(budget === undefined ? {} : { budget }),
  };
  const options = {
    onEvent: (event: EvalEvent) => {
      if (event.type !== "eval.item") return;
      ctx.totals.update(index, { usd: event.progress.usage.costUsd, calls: event.progress.usage.calls });
      ctx.onSpend();
    },
  };
  if (resumeEvalId !== undefined && ctx.evalStore.row(resumeEvalId) !== undefined) {
    try {
      return await startEvaluation(ctx.services, { ...request, resume: resumeEvalId }, options);
    } catch {
      // The stored evaluation cannot be continued (its architecture no longer matches): start afresh; the cache still covers its calls.
    }
  }
  return startEvaluation(ctx.services, request, options);
}

function checkSame(searchId: string, index: number, suggestion: TrialSuggestion, config: SearchConfig, fidelity: number): void {
  if (canonicalConfig(suggestion.config) !== canonicalConfig(config) || suggestion.fidelity !== fidelity) {
    throw new SearchInputError(
      `search ${searchId}: on resume the algorithm suggested ${canonicalConfig(suggestion.config)} at ${suggestion.fidelity} items for trial ${index}, but the stored trial is ${canonicalConfig(config)} at ${fidelity} items; the algorithm or the space has changed since the search started: start a new search`,
    );
  }
}

/** A stored trial, checked against what the algorithm suggests now (the same seed and outcomes must give the same trials). */
function replay(ctx: TrialContext, suggestion: TrialSuggestion, record: TrialRecord): TrialRecord {
  checkSame(record.searchId, record.index, suggestion, record.config, record.fidelity);
  if (record.status === "scored") {
    const made = materialise(ctx, record.config);
    if ("error" in made || made.hash !== record.architectureHash) {
      throw new SearchInputError(`search ${record.searchId}: trial ${record.index}'s configuration now makes a different architecture (the space's template has changed since the search started); start a new search`);
    }
  }
  return record;
}
