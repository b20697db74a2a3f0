import { resolve } from "node:path";
import { DATASET_FORMATS } from "../../api/eval-types";
import { SEARCH_ALGORITHMS, type SearchAlgorithmName } from "../../api/search-types";
import { dataDir } from "../../paths/data-dir";
import { bestUnderBudget, buildSearchReport, planSearch, runPreparedSearch, SearchStore, writeSearchOutputs, type PerQueryLimits, type SearchRequest, type TotalLimits } from "../../search/run";
import { openEngineStorage } from "../../store/open-engine";
import { openCliEngine } from "../open-cli-engine";
import type { CliIo } from "../io";
import { DATASET_OPTIONS, readDatasetFlags } from "../dataset-flags";
import { asInputError } from "../input-errors";
import { registryFor } from "../read-architecture";
import { confirmSpend, DEFAULT_CONFIRM_OVER_USD } from "../search-confirm";
import { searchProgress } from "../search-progress";
import { formatSearchEstimate, formatSearchList, formatSearchReport } from "../search-text";
import { choiceOption, EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const searchHelp = `Usage: itasca search <space.json> --dataset <preset|file> [options]
       itasca search --resume <searchId> [--max-total-usd X] [...]
       itasca search list [--json]
       itasca search show <searchId> [--under-usd B] [--json]

Searches a space of architectures (a *.space.json: a template plus dimensions) for the best
score on a dataset. Each trial is an evaluation on the first items of the split (multi-fidelity
algorithms start with fewer), sharing the call cache, so promoted configurations pay only for
their new items and trials sharing a graph prefix pay nothing twice. Configurations over the
per-query budget are never evaluated (the estimator excludes them). Trials are saved as they
end: an interrupted search continues with --resume and pays for nothing twice.

Writes into --out: best.itasca.json, pareto-<k>.itasca.json (one per point of the front of
score vs cost per query, cheapest first), trials.csv and pareto.svg.

Options:
  --dataset <name|file>          the items trials are scored on (default: the space file's)
  --split <s>                    dev (20%, seeded; default), test or all
  --split-seed <N>               seed of the dev/test split (default: 0)
  --limit <N>                    items at full fidelity: the first N of the split
  --format <f>                   ${DATASET_FORMATS.join("|")} (default: from the preset or the extension)
  --scorer <name>                (default: the dataset's)
  --algorithm <a>                ${SEARCH_ALGORITHMS.join("|")} (default: bayes)
  --trials <N>                   trials the algorithm may suggest (default: 20)
  --seed <S>                     seed of the algorithm (default: 0); same seed, same trials
  --concurrency <C>              trials in flight at once (default: 2)
  --eval-concurrency <C>         items of one trial in flight at once (default: 4)
  --min-fidelity <N>             items of successive halving's first rung
  --eta <N>                      successive halving's reduction factor
  Per-query budget (configurations the estimator puts over it are excluded, never evaluated;
  every run of a trial is held to it):
  --max-calls-per-query <N>
  --max-input-tokens-per-query <N>
  --max-output-tokens-per-query <N>
  --max-usd-per-query <X>
  Total budget (the search stops cleanly with its best so far; --resume with more continues):
  --max-total-usd <X>            dollars spent
  --max-total-calls <N>          provider calls made (cache hits are free)
  --max-minutes <M>              wall time, over all sessions
  --resume <searchId>            continue a stopped, cancelled or killed search (total limits may be raised)
  --out <dir>                    where the files go (default: ./<searchId>, e.g. ./search-1a2b3c4d)
  --confirm-over-usd <X>         on a terminal, ask before a worst case above X dollars (default: ${DEFAULT_CONFIRM_OVER_USD})
  --yes                          do not ask
  --json                         print {searchId, status, best: {file, score, costPerQueryUsd, callsPerQuery, ...}, trials, excluded, pareto: [{score, costPerQueryUsd, file}], ...}
  -h, --help

Exit codes: 0 completed, 1 invalid input, 2 usage error, 3 stopped by a total budget, cancelled or failed.
`;

const SUBCOMMANDS = new Set(["list", "show"]);

export async function searchCommand(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first !== undefined && SUBCOMMANDS.has(first)) return historyCommand(first, rest, io);
    return await search(argv, io);
  } catch (error) {
    throw asInputError(error);
  }
}

const positive = (value: string | undefined, flag: string, integer: boolean): number | undefined => numberOption(value, flag, { integer, positive: true });

function defined<T extends object>(entries: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as T;
}

async function search(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...DATASET_OPTIONS,
      "split-seed": { type: "string" },
      scorer: { type: "string" },
      algorithm: { type: "string" },
      trials: { type: "string" },
      seed: { type: "string" },
      concurrency: { type: "string" },
      "eval-concurrency": { type: "string" },
      "min-fidelity": { type: "string" },
      eta: { type: "string" },
      "max-calls-per-query": { type: "string" },
      "max-input-tokens-per-query": { type: "string" },
      "max-output-tokens-per-query": { type: "string" },
      "max-usd-per-query": { type: "string" },
      "max-total-usd": { type: "string" },
      "max-total-calls": { type: "string" },
      "max-minutes": { type: "string" },
      resume: { type: "string" },
      out: { type: "string" },
      "confirm-over-usd": { type: "string" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(searchHelp);
    return EXIT.ok;
  }
  const [spaceArg, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError("search takes one search space file (or list, show)");
  if (spaceArg === undefined && values.resume === undefined) throw new UsageError("give the search space file: itasca search <space.json> --dataset <preset|file> (or --resume <searchId>)");
  const perQuery: PerQueryLimits = defined({
    maxCalls: positive(values["max-calls-per-query"], "--max-calls-per-query", true),
    maxInputTokens: positive(values["max-input-tokens-per-query"], "--max-input-tokens-per-query", true),
    maxOutputTokens: positive(values["max-output-tokens-per-query"], "--max-output-tokens-per-query", true),
    maxUsd: positive(values["max-usd-per-query"], "--max-usd-per-query", false),
  });
  const total: TotalLimits = defined({
    maxUsd: positive(values["max-total-usd"], "--max-total-usd", false),
    maxCalls: positive(values["max-total-calls"], "--max-total-calls", true),
    maxMinutes: positive(values["max-minutes"], "--max-minutes", false),
  });
  const { format, split, limit, mapping } = readDatasetFlags(values);
  const algorithm: SearchAlgorithmName | undefined = choiceOption(values.algorithm, SEARCH_ALGORITHMS, "--algorithm");
  const overUsd = numberOption(values["confirm-over-usd"], "--confirm-over-usd") ?? DEFAULT_CONFIRM_OVER_USD;
  if (values.resume !== undefined) {
    const fixed = ["dataset", "format", "split", "split-seed", "limit", "scorer", "algorithm", "trials", "seed", "concurrency", "eval-concurrency", "min-fidelity", "eta", "max-calls-per-query", "max-input-tokens-per-query", "max-output-tokens-per-query", "max-usd-per-query"].filter((flag) => values[flag as keyof typeof values] !== undefined);
    if (fixed.length > 0) throw new UsageError(`a resumed search keeps its settings (they decide its trials); drop ${fixed.map((f) => `--${f}`).join(", ")} (only --max-total-usd, --max-total-calls and --max-minutes may change)`);
  }
  const request: SearchRequest = {
    ...defined<Partial<SearchRequest>>({
      space: spaceArg,
      dataset: values.dataset,
      format,
      split,
      splitSeed: numberOption(values["split-seed"], "--split-seed", { integer: true }),
      limit,
      scorer: values.scorer,
      algorithm,
      trials: positive(values.trials, "--trials", true),
      seed: numberOption(values.seed, "--seed", { integer: true }),
      concurrency: positive(values.concurrency, "--concurrency", true),
      evalConcurrency: positive(values["eval-concurrency"], "--eval-concurrency", true),
      minFidelity: positive(values["min-fidelity"], "--min-fidelity", true),
      eta: positive(values.eta, "--eta", false),
      resume: values.resume,
      mapping,
    }),
    cwd: io.cwd,
    ...(Object.keys(perQuery).length > 0 ? { perQuery } : {}),
    ...(Object.keys(total).length > 0 ? { total } : {}),
  };

  const spaceFile = spaceArg ?? storedSpaceFile(io, values.resume as string);
  const models = registryFor(io, spaceFile);
  const cli = openCliEngine(io.env, models);
  try {
    const services = { engine: cli.engine, db: cli.db, sandbox: cli.sandbox };
    const prepared = await planSearch(services, request);
    const go = await confirmSpend(io, { line: formatSearchEstimate(prepared.worstCase), worstCaseUsd: prepared.worstCase.totalUsd, overUsd, yes: values.yes === true });
    if (!go) {
      io.stderr("itasca: not started\n");
      return EXIT.runIncomplete;
    }
    const progress = searchProgress(io);
    const handle = runPreparedSearch(services, prepared, { onEvent: progress.onEvent });
    const onInterrupt = () => handle.cancel("interrupted (Ctrl-C)");
    process.once("SIGINT", onInterrupt);
    const result = await handle.done;
    process.off("SIGINT", onInterrupt);
    progress.stop();
    const outDir = resolve(io.cwd, values.out ?? `search-${result.report.searchId.replace(/^search-/, "")}`);
    const report = writeSearchOutputs(result, outDir, { perQuery: prepared.row.settings.perQuery });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatSearchReport(report, outDir));
    if (report.status !== "completed") {
      io.stderr(`itasca: search ${report.searchId} ${report.status}${report.stopReason ? ` (${report.stopReason})` : ""}; continue it with: itasca search --resume ${report.searchId}${report.status === "stopped" ? " --max-total-usd <more>" : ""}\n`);
    }
    return report.status === "completed" ? EXIT.ok : EXIT.runIncomplete;
  } finally {
    await cli.close();
  }
}

/** The space file a stored search was run on (a resume without the file on the command line). */
function storedSpaceFile(io: CliIo, searchId: string): string {
  const storage = openEngineStorage(dataDir(io.env));
  try {
    const row = new SearchStore(storage.db).row(searchId);
    if (row === undefined) throw new InputError(`no search "${searchId}"; "itasca search list" shows the stored ones`);
    return row.spaceFile;
  } finally {
    storage.close();
  }
}

function historyCommand(name: string, argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: { "under-usd": { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.stdout(searchHelp);
    return EXIT.ok;
  }
  const storage = openEngineStorage(dataDir(io.env));
  try {
    const store = new SearchStore(storage.db);
    if (name === "list") {
      if (positionals.length > 0) throw new UsageError("search list takes no arguments");
      const searches = store.list();
      io.stdout(values.json ? `${JSON.stringify(searches, null, 2)}\n` : formatSearchList(searches));
      return EXIT.ok;
    }
    const [searchId, ...extra] = positionals;
    if (searchId === undefined || extra.length > 0) throw new UsageError("search show takes one search id");
    const row = store.row(searchId);
    if (row === undefined) throw new InputError(`no search "${searchId}"; "itasca search list" shows the stored ones`);
    const trials = store.trials(searchId);
    const report = buildSearchReport(row, trials, row.dataset);
    const underUsd = numberOption(values["under-usd"], "--under-usd");
    if (underUsd === undefined) {
      io.stdout(values.json ? `${JSON.stringify({ ...report, trialRecords: trials }, null, 2)}\n` : formatSearchReport(report));
      return EXIT.ok;
    }
    const under = bestUnderBudget(trials, underUsd);
    const answer = under === undefined ? null : { trialIndex: under.index, score: under.score, costPerQueryUsd: under.costPerQueryUsd, callsPerQuery: under.callsPerQuery, config: under.config, evalId: under.evalId };
    if (values.json) io.stdout(`${JSON.stringify({ searchId, maxCostPerQueryUsd: underUsd, best: answer }, null, 2)}\n`);
    else io.stdout(answer === null ? `no scored trial of ${searchId} costs at most $${underUsd} per query\n` : `best under $${underUsd} per query: trial ${answer.trialIndex}, ${(answer.score * 100).toFixed(1)}% at $${answer.costPerQueryUsd.toFixed(4)} and ${answer.callsPerQuery.toFixed(1)} calls per query\n  ${JSON.stringify(answer.config)}\n`);
    return EXIT.ok;
  } finally {
    storage.close();
  }
}
