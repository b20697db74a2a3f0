import { existsSync } from "node:fs";
import { join } from "node:path";
import { DATASET_FORMATS, type DatasetFormat, type EvalSplit } from "../../api/eval-types";
import type { ModelEntry } from "../../api/schemas";
import { estimateArchitecture, estimateNodes, DEFAULT_QUERY_TOKENS, type CostEstimate, type EstimateAssumptions } from "../../cost/estimate";
import { latencyProfile, type LatencyProfile } from "../../cost/latency";
import { NO_OBSERVATIONS, indexObservations, type ObservedUsage } from "../../cost/observed";
import { resolveDataset, splitItems, type Dataset, type FieldMapping } from "../../eval/datasets";
import { estimateTokens } from "../../nodes/estimate-tokens";
import { dataDir } from "../../paths/data-dir";
import { DATABASE_FILE, openDatabase } from "../../store/database";
import { DEFAULT_OBSERVED_RUNS, readObservedUsage } from "../../store/observed-usage";
import type { CheckedArchitecture } from "../../validation/validate";
import { DATASET_OPTIONS, readDatasetFlags } from "../dataset-flags";
import { asInputError } from "../input-errors";
import type { CliIo } from "../io";
import { formatMs } from "../progress";
import { printDiagnostics, readArchitectureFile, registryFor } from "../read-architecture";
import { EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const estimateHelp = `Usage: itasca estimate <file> [--dataset <preset|file>] [options]

Estimates one query through an architecture before it runs: model calls, input and output
tokens, dollars (the registry's prices) and latency along the DAG's longest path, per node and
in total. Prompt lengths come from the dataset's items (their mean), --input, --query-tokens or
a default of ${DEFAULT_QUERY_TOKENS} tokens. Averages observed in earlier runs in the data dir (ITASCA_HOME), per
node type and model, correct the figures: output tokens per call, the tokenizer's count of a
prompt, how many candidates a node passes on, and measured against modelled wall time. Without
them output is every call's max_tokens and latency the model's profile (measured ttftMs and
decodeTokensPerSecond in the registry, a roofline from paramsB and hardware, or a default).

Options:
  --dataset <name|file>     a preset slice (gsm8k, math500, humaneval, mbpp, game24) or a dataset file
  --format <f>              ${DATASET_FORMATS.join("|")} (default: from the preset or the extension)
  --split <s>               dev, test or all (default: all), as itasca eval splits
  --seed <N>                seed of the dev/test split (default: 0)
  --limit <N>               only the first N items of the split
  --input-field <name>      the field holding the input (generic files)
  --input <text>            a typical query (instead of a dataset)
  --query-tokens <N>        a typical query length in tokens (instead of a dataset)
  --ignore-runs             leave out the averages observed in earlier runs
  --observed-runs <N>       the most recent runs to average (default: ${DEFAULT_OBSERVED_RUNS})
  --json                    print {calls, inputTokens, outputTokens, usd, unpriced, latencyMs, nodes, assumptions}
  -h, --help

Exit codes: 0 estimated, 1 invalid input (a missing or invalid file, an unknown dataset), 2 usage error.
`;

/** Where the query length came from. */
type QuerySource = { kind: "default" } | { kind: "query-tokens" } | { kind: "input" } | { kind: "dataset"; name: string; format: DatasetFormat; split: EvalSplit; items: number };

/** One model's latency figures as the JSON's assumptions report them. */
function latencyJson(profile: LatencyProfile, observedRatio: number | undefined) {
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return {
    ttftMs: profile.ttftMs,
    prefillTokensPerSecond: finite(profile.prefillTokensPerSecond),
    decodeTokensPerSecond: finite(profile.decodeTokensPerSecond),
    concurrency: profile.concurrency,
    sources: profile.sources,
    /** Measured / modelled wall time in earlier runs (the estimate is scaled by it); null when none was observed. */
    observedRatio: observedRatio ?? null,
  };
}

/** The `--json` shape (a contract: extend, never rename). */
export function estimateJson(architecture: CheckedArchitecture, cost: CostEstimate, assumptions: Record<string, unknown>) {
  return {
    calls: cost.calls,
    inputTokens: cost.inputTokens,
    outputTokens: cost.outputTokens,
    usd: cost.usd,
    unpriced: cost.unpriced,
    latencyMs: Math.round(cost.latencyMs),
    nodes: architecture.nodes.flatMap((node) => {
      const n = cost.nodes.get(node.id);
      if (n === undefined) return [];
      return [{ id: node.id, type: node.type, ...(n.model === undefined ? {} : { model: n.model }), calls: n.calls, inputTokens: n.inputTokens, outputTokens: n.outputTokens, usd: n.usd, latencyMs: Math.round(n.latencyMs) }];
    }),
    assumptions,
  };
}

export async function estimateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...DATASET_OPTIONS,
      seed: { type: "string" },
      input: { type: "string" },
      "query-tokens": { type: "string" },
      "ignore-runs": { type: "boolean" },
      "observed-runs": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(estimateHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("estimate takes exactly one architecture file");
  const given = [values.dataset, values.input, values["query-tokens"]].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError("give the query length with at most one of --dataset, --input and --query-tokens");
  const { format, split = "all", limit, mapping } = readDatasetFlags(values);
  if (values.dataset === undefined && (format !== undefined || values.split !== undefined || values.seed !== undefined || limit !== undefined || mapping !== undefined)) {
    throw new UsageError("--format, --split, --seed, --limit and the field flags apply to --dataset");
  }
  const queryTokensFlag = numberOption(values["query-tokens"], "--query-tokens");
  const seed = numberOption(values.seed, "--seed", { integer: true });
  const observedRuns = numberOption(values["observed-runs"], "--observed-runs", { integer: true });

  const registry = registryFor(io, file);
  const { checked, diagnostics, valid } = readArchitectureFile(io, file, registry);
  printDiagnostics(io, file, diagnostics, "stderr");
  if (!valid || !checked) return EXIT.invalidInput;

  let queryTokens = DEFAULT_QUERY_TOKENS;
  let source: QuerySource = { kind: "default" };
  if (values.dataset !== undefined) {
    const dataset = await loadItems(io, values.dataset, format, mapping);
    const items = splitItems(dataset.items, split, seed === undefined ? {} : { seed }).slice(0, limit);
    if (items.length === 0) throw new InputError(`${values.dataset}: the ${split} split has no items, so there is no prompt length to estimate from`);
    queryTokens = items.reduce((sum, item) => sum + estimateTokens(item.input), 0) / items.length;
    source = { kind: "dataset", name: values.dataset, format: dataset.format, split, items: items.length };
  } else if (values.input !== undefined) {
    queryTokens = estimateTokens(values.input);
    source = { kind: "input" };
  } else if (queryTokensFlag !== undefined) {
    queryTokens = queryTokensFlag;
    source = { kind: "query-tokens" };
  }

  const modelIds = [...new Set([...estimateNodes(checked).values()].flatMap((node) => (node.model === undefined ? [] : [node.model])))];
  const models = registry.list();
  const observed = values["ignore-runs"] === true ? NO_OBSERVATIONS : readObserved(io, modelIds, observedRuns ?? DEFAULT_OBSERVED_RUNS, models);
  const assumptions: EstimateAssumptions = { queryTokens, observed };
  const cost = estimateArchitecture(checked, models, assumptions);

  const entries = new Map(models.map((model) => [model.id, model] as const));
  const index = indexObservations(observed);
  const latency = Object.fromEntries(modelIds.map((id) => [id, latencyProfile(entries.get(id))] as const));
  const assumed = {
    queryTokens,
    query: source,
    itemTokens: "derived per producer: observed item sizes, else expected output tokens per item",
    outputTokens: observed.runs > 0 ? "observed means per (node type, model) where there are any, else max_tokens" : "max_tokens (no earlier runs observed)",
    outputTokensMax: cost.outputTokensMax,
    observed: { runs: observed.runs, kinds: observed.calls.map((s) => ({ nodeType: s.nodeType, model: s.model, calls: s.calls })) },
    latency: Object.fromEntries(Object.entries(latency).map(([id, profile]) => [id, latencyJson(profile, index.modelLatencyRatio(id))])),
    criticalPath: cost.criticalPath,
  };

  if (values.json) io.stdout(`${JSON.stringify(estimateJson(checked, cost, assumed), null, 2)}\n`);
  else io.stdout(formatEstimate(checked, cost, { queryTokens, source, observed, latency, entries, ratio: (id) => index.modelLatencyRatio(id) }));
  return EXIT.ok;
}

async function loadItems(io: CliIo, name: string, format: DatasetFormat | undefined, mapping: FieldMapping | undefined): Promise<Dataset> {
  try {
    return await resolveDataset(name, { cwd: io.cwd, ...(format === undefined ? {} : { format }), ...(mapping === undefined ? {} : { mapping }) });
  } catch (error) {
    throw asInputError(error);
  }
}

/** Observed averages from the data dir's database; none when it does not exist yet (nothing is created). */
function readObserved(io: CliIo, models: readonly string[], limit: number, registry: readonly ModelEntry[]): ObservedUsage {
  const file = join(dataDir(io.env), DATABASE_FILE);
  if (!existsSync(file)) return NO_OBSERVATIONS;
  const db = openDatabase(file);
  try {
    return readObservedUsage(db, { limit, models, registry });
  } finally {
    db.close();
  }
}

function formatCalls(calls: number): string {
  return Number.isInteger(calls) ? String(calls) : calls.toFixed(2);
}

function formatUsd(usd: number): string {
  return usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(5)}` : `$${usd.toFixed(3)}`;
}

function describeQuery(queryTokens: number, source: QuerySource): string {
  const tokens = `${Math.round(queryTokens * 10) / 10} tokens`;
  switch (source.kind) {
    case "dataset":
      return `query ${tokens}: the mean of ${source.items} ${source.split === "all" ? "" : `${source.split} `}items of ${source.name}`;
    case "input":
      return `query ${tokens}, from --input`;
    case "query-tokens":
      return `query ${tokens}, from --query-tokens`;
    default:
      return `query ${tokens} (the default; give --dataset, --input or --query-tokens)`;
  }
}

function describeProfile(id: string, profile: LatencyProfile, entry: ModelEntry | undefined): string {
  if (profile.sources.decode === "replay") return `${id}: replay (no model time)`;
  const speed = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString("en-US")}` : "∞");
  const sources = [...new Set(Object.values(profile.sources))].join(" + ");
  const provider = entry === undefined ? "not in the registry" : entry.provider;
  return `${id}: ${sources} (${provider}): ${Math.round(profile.ttftMs)} ms to first token, ${speed(profile.prefillTokensPerSecond)} prompt / ${speed(profile.decodeTokensPerSecond)} output tokens/s, ${profile.concurrency} at once`;
}

function formatEstimate(
  architecture: CheckedArchitecture,
  cost: CostEstimate,
  context: { queryTokens: number; source: QuerySource; observed: ObservedUsage; latency: Record<string, LatencyProfile>; entries: ReadonlyMap<string, ModelEntry>; ratio: (id: string) => number | undefined },
): string {
  const header = ["node", "type", "model", "calls", "input", "output", "usd", "latency"];
  const rows: string[][] = [];
  for (const node of architecture.nodes) {
    const n = cost.nodes.get(node.id);
    if (n === undefined) continue;
    rows.push([node.id, node.type, n.model ?? "-", formatCalls(n.calls), String(n.inputTokens), String(n.outputTokens), n.calls === 0 ? "-" : formatUsd(n.usd), n.calls === 0 ? "-" : formatMs(n.latencyMs)]);
  }
  const total = ["total", "", "", formatCalls(cost.calls), String(cost.inputTokens), String(cost.outputTokens), `${formatUsd(cost.usd)}${cost.unpriced.length > 0 ? "+" : ""}`, formatMs(cost.latencyMs)];
  const table = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const numeric = new Set([3, 4, 5, 6, 7]);
  const line = (row: string[]) => `  ${row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ")}`.trimEnd();

  const observedNote = context.observed.runs > 0 ? `averages observed in ${context.observed.runs} earlier run${context.observed.runs === 1 ? "" : "s"}` : "no earlier runs observed";
  const out = [`${architecture.name}: estimated per query (${describeQuery(context.queryTokens, context.source)}; ${observedNote})`, "", ...table.map(line), ""];
  out.push(`critical path: ${cost.criticalPath.join(" → ")} (${formatMs(cost.latencyMs)})`);
  out.push(`output tokens: ${cost.outputTokens} expected, ${cost.outputTokensMax} at most (every call's max_tokens)`);
  if (cost.unpriced.length > 0) out.push(`no price known for ${cost.unpriced.join(", ")}: dollars are a lower bound`);
  const profiles = Object.entries(context.latency);
  if (profiles.length > 0) {
    out.push("latency per model:");
    for (const [id, profile] of profiles) {
      const ratio = context.ratio(id);
      const observedNote = ratio === undefined ? "" : `; earlier runs took ${ratio.toFixed(2)}x that, so the estimate is scaled by it`;
      out.push(`  ${describeProfile(id, profile, context.entries.get(id))}${observedNote}`);
    }
  }
  return `${out.join("\n")}\n`;
}
