/** How `itasca search` and `itasca sweep` print for people (the `--json` shapes are the types themselves). */
import type { SearchReport } from "../api/search-types";
import type { SearchSummary, SpendEstimate, SweepPlan, SweepResult } from "../search/run";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => `$${x.toFixed(4)}`;

function table(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join("\n");
}

/** `worst case: 30 trials x 10 items x $0.0120 per query = $3.6000 (...)`. */
export function formatSearchEstimate(e: SpendEstimate): string {
  const unpriced = e.unpriced.length > 0 ? ` + unpriced (${e.unpriced.join(", ")})` : "";
  return `estimated worst-case spend: ${e.trials} trials x ${e.items} items x ${usd(e.perQueryUsd)} per query = ${usd(e.totalUsd)}${unpriced} (the dearest of ${e.sampled} sampled configurations within the per-query limits; cached calls and early rungs cost less)`;
}

export function formatSweepEstimate(plan: SweepPlan): string {
  const unpriced = plan.unpriced.length > 0 ? ` + unpriced (${plan.unpriced.join(", ")})` : "";
  return `estimated worst-case spend: ${usd(plan.worstCaseUsd)}${unpriced} for ${plan.runOrder.length} values x ${plan.items} items; the largest value alone ${usd(plan.largestUsd)} (smaller sample counts reuse its cached samples)`;
}

export function formatSearchReport(r: SearchReport, outDir?: string): string {
  const lines = [`search ${r.searchId} ${r.status}: ${r.algorithm} (seed ${r.seed}) on ${r.dataset.name} (${r.dataset.split}, ${r.dataset.items} items)`];
  lines.push(`  trials    ${r.trials} run, ${r.excluded} excluded by the per-query budget; spent ${usd(r.spentUsd)}`);
  if (r.best === null) lines.push("  best      none (no trial was scored)");
  else {
    lines.push(`  best      trial ${r.best.trialIndex}: ${pct(r.best.score)}, ${usd(r.best.costPerQueryUsd)} and ${r.best.callsPerQuery.toFixed(1)} calls per query${r.best.file ? `  -> ${r.best.file}` : ""}`);
    lines.push(`            ${JSON.stringify(r.best.config)}`);
  }
  if (r.pareto.length > 0) {
    const free = r.pareto.every((p) => p.costPerQueryUsd === 0);
    if (free) lines.push("  Pareto front (score vs calls per query: every trial cost $0)");
    else lines.push("  Pareto front (score vs cost per query)");
    lines.push(table(["trial", "score", "$/query", "calls/q", "file"], r.pareto.map((p) => [`#${p.trialIndex}`, pct(p.score), usd(p.costPerQueryUsd), p.callsPerQuery === undefined ? "" : p.callsPerQuery.toFixed(1), p.file ?? ""]), new Set([1, 2, 3])));
  }
  if (r.stopReason !== undefined) lines.push(`  stopped: ${r.stopReason}`);
  if (outDir !== undefined) lines.push(`  wrote best.itasca.json, pareto-*.itasca.json, trials.csv and pareto.svg into ${outDir}`);
  return `${lines.join("\n")}\n`;
}

export function formatSearchList(searches: readonly SearchSummary[]): string {
  if (searches.length === 0) return "no searches yet; start one with: itasca search <space.json> --dataset <preset or file>\n";
  const rows = searches.map((s) => [s.searchId, s.status, s.algorithm, String(s.seed), `${s.dataset}:${s.split}`, String(s.trials), s.spaceFile, new Date(s.startedAt).toISOString().slice(0, 16).replace("T", " ")]);
  return `${table(["id", "status", "algorithm", "seed", "dataset", "trials", "space", "started"], rows).replace(/^ {2}/gm, "")}\n`;
}

export function formatSweep(result: SweepResult): string {
  const name = result.param;
  const rows = result.points.map((p) => [String(p.value), pct(p.accuracy), p.coverage === null ? "n/a" : pct(p.coverage), usd(p.costPerQueryUsd), p.callsPerQuery.toFixed(1), String(p.calls), String(p.cachedCalls), p.evalId, p.status === "completed" ? "" : p.status]);
  const header = [name, "accuracy", "coverage", "$/query", "calls/q", "calls", "cached", "eval", ""];
  const paid = result.points.reduce((sum, p) => sum + p.calls, 0);
  return `sweep of ${name} on ${result.items} items of ${result.dataset.name} (${result.dataset.split}); values ran largest first\n${table(header, rows, new Set([1, 2, 3, 4, 5, 6]))}\n  ${paid} provider calls in all (cache hits are free)\n`;
}
