/**
 * What `itasca search` leaves in `--out`: the best architecture (`best.itasca.json`), one file
 * per Pareto point (`pareto-<k>.itasca.json`, cheapest first), every trial (`trials.csv`) and
 * the Pareto plot (`pareto.svg`: score vs cost per query, the front highlighted, the per-query
 * budget as a line).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { SearchReport, TrialRecord } from "../../api/search-types";
import { serializeArchitecture } from "../../graph/serialize";
import type { Architecture } from "../../graph/schema";
import { resolveFromInstall } from "../../paths/install-root";
import type { PerQueryLimits } from "./budget";
import { comparableTrials, paretoTrials } from "./report";
import type { SearchResult } from "./search";
import { renderPlot, type ReferenceLine } from "./svg-plot";

export const BEST_FILE = "best.itasca.json";
export const TRIALS_FILE = "trials.csv";
export const PARETO_PLOT = "pareto.svg";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** RFC 4180 quoting. */
function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function configValue(value: TrialRecord["config"][string] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join("+") : String(value);
}

/** One row per trial: its outcome, the estimator's and the measured figures, then one column per dimension. */
export function trialsCsv(trials: readonly TrialRecord[]): string {
  const dimensions = [...new Set(trials.flatMap((t) => Object.keys(t.config)))].sort();
  const columns: [string, (t: TrialRecord) => string | number | undefined][] = [
    ["index", (t) => t.index],
    ["status", (t) => t.status],
    ["fidelity", (t) => t.fidelity],
    ["score", (t) => t.score],
    ["cost_per_query_usd", (t) => t.costPerQueryUsd],
    ["calls_per_query", (t) => t.callsPerQuery],
    ["estimated_calls", (t) => t.estimate.calls],
    ["estimated_input_tokens", (t) => t.estimate.inputTokens],
    ["estimated_output_tokens", (t) => t.estimate.outputTokens],
    ["estimated_usd", (t) => t.estimate.usd],
    ["spent_usd", (t) => t.spentUsd],
    ["spent_calls", (t) => t.spentCalls],
    ["eval_id", (t) => t.evalId],
    ["architecture_hash", (t) => t.architectureHash],
    ["reason", (t) => t.reason],
    ...dimensions.map((d): [string, (t: TrialRecord) => string | undefined] => [d, (t) => configValue(t.config[d])]),
  ];
  const header = columns.map(([name]) => csvField(name)).join(",");
  const rows = trials.map((t) => columns.map(([, get]) => csvField(get(t))).join(","));
  return `${[header, ...rows].join("\r\n")}\r\n`;
}

/** The architecture file of a trial, with a description saying where it came from and a `$schema` that resolves from `dir`. */
function architectureText(architecture: Architecture, trial: TrialRecord, report: SearchReport, dir: string): string {
  const schema = relative(dir, resolveFromInstall("presets/itasca.schema.json")).split(sep).join("/");
  const description = `Found by itasca search ${report.searchId} (${report.algorithm}, seed ${report.seed}), trial ${trial.index}: ${pct(trial.score ?? 0)} on ${trial.fidelity} items of ${report.dataset.name} (${report.dataset.split}), $${(trial.costPerQueryUsd ?? 0).toFixed(6)} and ${(trial.callsPerQuery ?? 0).toFixed(1)} calls per query. Configuration: ${JSON.stringify(trial.config)}`;
  return serializeArchitecture({ ...architecture, $schema: schema, description });
}

export interface OutputOptions {
  /** The per-query limits (the plot draws the dollar one, or the calls one on a $0 plot). */
  perQuery?: PerQueryLimits;
}

/** Writes the search's files into `dir` (created if needed) and returns the report with their paths. */
export function writeSearchOutputs(result: SearchResult, dir: string, options: OutputOptions = {}): SearchReport {
  mkdirSync(dir, { recursive: true });
  const { report, trials } = result;
  const byIndex = new Map(trials.map((t) => [t.index, t]));
  const front = paretoTrials(trials);
  const pareto = report.pareto.map((point) => {
    const k = front.findIndex((t) => t.index === point.trialIndex) + 1;
    const file = join(dir, `pareto-${k}.itasca.json`);
    writeFileSync(file, architectureText(result.architectureOf(byIndex.get(point.trialIndex) as TrialRecord), byIndex.get(point.trialIndex) as TrialRecord, report, dir));
    return { ...point, file };
  });
  let best = report.best;
  if (best !== null) {
    const file = join(dir, BEST_FILE);
    const trial = byIndex.get(best.trialIndex) as TrialRecord;
    writeFileSync(file, architectureText(result.architectureOf(trial), trial, report, dir));
    best = { ...best, file };
  }
  writeFileSync(join(dir, TRIALS_FILE), trialsCsv(trials));
  writeFileSync(join(dir, PARETO_PLOT), paretoSvg(report, trials, options.perQuery ?? {}));
  return { ...report, best, pareto };
}

/** Score vs cost per query of the comparable trials, the front joined and highlighted, the best ringed. */
export function paretoSvg(report: SearchReport, trials: readonly TrialRecord[], perQuery: PerQueryLimits): string {
  const comparable = comparableTrials(trials);
  const front = new Set(paretoTrials(trials).map((t) => t.index));
  const free = comparable.length > 0 && comparable.every((t) => t.costPerQueryUsd === 0);
  const x = (t: (typeof comparable)[number]) => (free ? t.callsPerQuery : t.costPerQueryUsd);
  const references: ReferenceLine[] = [];
  if (!free && perQuery.maxUsd !== undefined) references.push({ axis: "x", value: perQuery.maxUsd, label: `budget $${perQuery.maxUsd}/query` });
  if (free && perQuery.maxCalls !== undefined) references.push({ axis: "x", value: perQuery.maxCalls, label: `budget ${perQuery.maxCalls} calls/query` });
  const best = report.best === null ? [] : comparable.filter((t) => t.index === report.best?.trialIndex);
  const items = comparable[0]?.fidelity ?? report.dataset.items;
  return renderPlot({
    title: `Search ${report.searchId}: score vs ${free ? "calls" : "cost"} per query (${items} items of ${report.dataset.name}, ${report.dataset.split})`,
    xLabel: free ? "calls per query (every trial cost $0: local or replayed models)" : "cost per query (USD, list prices, cache hits included)",
    yLabel: "score (accuracy)",
    yRange: [0, 1],
    yFormat: (y) => `${Math.round(y * 100)}%`,
    ...(free ? {} : { xFormat: (v: number) => `$${v < 0.01 ? v.toPrecision(2) : v.toFixed(3)}` }),
    references,
    series: [
      { name: "trials", color: "#9aa5b1", hollow: true, points: comparable.filter((t) => !front.has(t.index)).map((t) => ({ x: x(t), y: t.score })) },
      { name: "Pareto front", color: "#1f6feb", line: true, step: true, radius: 4.5, points: comparable.filter((t) => front.has(t.index)).map((t) => ({ x: x(t), y: t.score, label: `#${t.index}` })) },
      { name: "best", color: "#d97706", radius: 7, hollow: true, points: best.map((t) => ({ x: x(t), y: t.score })) },
    ],
  });
}
