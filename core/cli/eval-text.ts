/** How `itasca eval` prints a report, the history and a comparison for people (the `--json` shapes are the types themselves). */
import type { EvalComparison, EvalReport, EvalSummary } from "../api/eval-types";
import { formatMs } from "./progress";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => `$${x.toFixed(4)}`;

export function formatReport(r: EvalReport): string {
  const lines = [
    `eval ${r.evalId} ${r.status}: ${r.architecture.name} on ${r.dataset.name} (${r.dataset.split}${r.dataset.limit === undefined ? "" : `, first ${r.dataset.limit}`}), scorer ${r.scorer}`,
    `  accuracy  ${pct(r.accuracy)} (${r.correct}/${r.scored})  95% CI [${pct(r.ci95[0])}, ${pct(r.ci95[1])}]${r.errors > 0 ? `  ${r.errors} items failed` : ""}${r.scored + r.errors < r.items ? `  ${r.items - r.scored - r.errors} not run` : ""}`,
    `  coverage  ${r.coverage === null ? "n/a (no candidates scored)" : `${pct(r.coverage)} (any candidate correct)`}`,
    `  cost      ${usd(r.costPerItemUsd)} per item, ${usd(r.usage.costUsd)} total; ${r.usage.calls} calls (${r.usage.cachedCalls} cached), ${r.usage.inputTokens} input / ${r.usage.outputTokens} output tokens`,
    `  latency   p50 ${formatMs(r.p50Ms)}, p95 ${formatMs(r.p95Ms)}`,
  ];
  const nodes = Object.entries(r.perNode);
  if (nodes.length > 0) {
    lines.push("  per node");
    for (const [node, u] of nodes) lines.push(`    ${node.padEnd(16)} ${String(u.calls).padStart(6)} calls ${String(u.cachedCalls).padStart(6)} cached ${String(u.inputTokens).padStart(9)} in ${String(u.outputTokens).padStart(8)} out  ${usd(u.costUsd)}`);
  }
  if (r.stopReason !== undefined) lines.push(`  stopped: ${r.stopReason}`);
  return `${lines.join("\n")}\n`;
}

export function formatList(evals: readonly EvalSummary[]): string {
  if (evals.length === 0) return "no evaluations yet; run one with: itasca eval <architecture> --dataset <preset or file>\n";
  const rows = evals.map((e) => [e.evalId, e.status, e.architectureName, `${e.dataset}:${e.split}`, e.scorer, `${e.scored}/${e.items}`, pct(e.accuracy), usd(e.costUsd), new Date(e.startedAt).toISOString().slice(0, 16).replace("T", " ")]);
  const header = ["id", "status", "architecture", "dataset", "scorer", "scored", "accuracy", "cost", "started"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

export function formatComparison(c: EvalComparison): string {
  const signed = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}`;
  return [
    `compare ${c.a} (A) vs ${c.b} (B) on ${c.items} shared items`,
    `  accuracy    A ${pct(c.accuracyA)}  B ${pct(c.accuracyB)}  B - A ${signed(c.difference)} points, 95% CI [${signed(c.ci95[0])}, ${signed(c.ci95[1])}] (paired bootstrap, ${c.bootstrap.resamples} resamples, seed ${c.bootstrap.seed})`,
    `  per item    B wins ${c.wins}, loses ${c.losses}, ties ${c.ties}`,
    `  cost        A ${usd(c.costPerItemUsdA)}/item  B ${usd(c.costPerItemUsdB)}/item  ratio ${c.costRatio === null ? "n/a (A cost nothing)" : `${c.costRatio.toFixed(2)}x`}`,
    "",
  ].join("\n");
}
