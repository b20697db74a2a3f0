/** An evaluation's report, computed from its stored items (so a resumed one reports like an uninterrupted one). */
import type { EvalItemRecord, EvalReport, EvalUsage, NodeUsage } from "../../api/eval-types";
import { addUsageCounts } from "../../api/run-types";
import type { EvalRow } from "./eval-store";
import { percentile, wilsonInterval } from "./stats";

export const EMPTY_EVAL_USAGE: Readonly<EvalUsage> = Object.freeze({ calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });


function addNodeUsage(total: Record<string, NodeUsage>, item: Record<string, NodeUsage>): void {
  for (const [node, usage] of Object.entries(item)) {
    total[node] = addUsageCounts(total[node] ?? EMPTY_EVAL_USAGE, usage);
  }
}

/**
 * Coverage: among scored items whose run had candidates reaching the selection step, the
 * share where at least one of them was correct (what a perfect selector would score). Null
 * when no item had candidates to score.
 */
function coverageOf(scored: readonly EvalItemRecord[]): number | null {
  const withCandidates = scored.filter((item) => item.candidates.length > 0);
  if (withCandidates.length === 0) return null;
  return withCandidates.filter((item) => item.candidates.some((c) => c.correct)).length / withCandidates.length;
}

export function buildReport(row: EvalRow, items: readonly EvalItemRecord[]): EvalReport {
  const scored = items.filter((item) => item.status === "scored");
  const correct = scored.filter((item) => item.correct === true).length;
  let usage: EvalUsage = EMPTY_EVAL_USAGE;
  const perNode: Record<string, NodeUsage> = {};
  for (const item of items) {
    usage = addUsageCounts(usage, item.usage);
    addNodeUsage(perNode, item.perNode);
  }
  const latencies = items.filter((item) => item.status === "scored").map((item) => item.latencyMs);
  return {
    evalId: row.id,
    status: row.status,
    accuracy: scored.length === 0 ? 0 : correct / scored.length,
    ci95: wilsonInterval(correct, scored.length),
    coverage: coverageOf(scored),
    items: row.itemIds.length,
    scored: scored.length,
    correct,
    errors: items.length - scored.length,
    usage,
    costPerItemUsd: items.length === 0 ? 0 : usage.costUsd / items.length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    perNode,
    architecture: { name: row.architectureName, ...(row.file === undefined ? {} : { file: row.file }), hash: row.architectureHash },
    dataset: { name: row.dataset, format: row.datasetFormat, hash: row.datasetHash, split: row.split, seed: row.seed, ...(row.limit === undefined ? {} : { limit: row.limit }) },
    scorer: row.scorer,
    startedAt: row.startedAt,
    ...(row.endedAt === undefined ? {} : { endedAt: row.endedAt }),
    ...(row.stopReason === undefined ? {} : { stopReason: row.stopReason }),
  };
}
