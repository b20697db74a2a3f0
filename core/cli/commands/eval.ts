import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { DATASET_FORMATS } from "../../api/eval-types";
import { compareEvaluations, EvalStore, exportItems, startEvaluation, type EvaluationRequest } from "../../eval/run";
import { dataDir } from "../../paths/data-dir";
import { openEngineStorage } from "../../store/open-engine";
import { openCliEngine } from "../open-cli-engine";
import { DATASET_OPTIONS, readDatasetFlags } from "../dataset-flags";
import { evalProgress } from "../eval-progress";
import { formatComparison, formatList, formatReport } from "../eval-text";
import { asInputError } from "../input-errors";
import type { CliIo } from "../io";
import { printDiagnostics, readArchitectureFile, registryFor } from "../read-architecture";
import { EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const evalHelp = `Usage: itasca eval <architecture> --dataset <preset|file> [options]
       itasca eval list [--arch <file>] [--json]
       itasca eval export <evalId> (--csv | --jsonl) [--out <file>]
       itasca eval compare <evalIdA> <evalIdB> [--json]

Scores an architecture on a dataset: every item runs (concurrently, under each model's
limits), is scored and is saved in the data dir the moment it completes, so an interrupted
evaluation continues with --resume and pays for nothing twice. Prints accuracy with a 95%
Wilson interval, coverage (items where any candidate was correct), cost per item, latency.

Datasets: a preset slice (gsm8k, math500, humaneval, mbpp, game24: about 50 items each) or a
JSONL, JSON or CSV file.

Options:
  --dataset <name|file>     the items to evaluate on
  --format <f>              ${DATASET_FORMATS.join("|")} (default: from the preset or the extension)
  --split <s>               dev (20%, seeded), test (the rest) or all (default: all)
  --seed <N>                seed of the dev/test split (default: 0)
  --limit <N>               only the first N items of the split
  --concurrency <C>         items in flight at once (default: 8)
  --input-field <name>      the field holding the input (generic files; also --reference-field,
                            --tests-field, --entry-point-field, --id-field)
  --scorer <name>           exact, numeric, math, choice, game24, code or judge (default: the dataset's)
  --judge-model <id>        the model the judge scorer asks
  --rubric <text>           what the judge looks for (instead of, or besides, a reference)
  --max-usd <X>             stop starting items once X dollars are spent
  --resume <evalId>         continue an interrupted evaluation (same architecture and dataset)
  --json                    print {evalId, accuracy, ci95, coverage, items, scored, usage, costPerItemUsd, p50Ms, p95Ms, ...}
  -h, --help

Exit codes: 0 completed, 1 invalid input, 2 usage error, 3 cancelled, stopped by --max-usd or failed.
`;

const SUBCOMMANDS = new Set(["list", "export", "compare"]);

export async function evalCommand(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first !== undefined && SUBCOMMANDS.has(first)) return historyCommand(first, rest, io);
    return await evaluate(argv, io);
  } catch (error) {
    throw asInputError(error);
  }
}

async function evaluate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...DATASET_OPTIONS,
      seed: { type: "string" },
      concurrency: { type: "string" },
      scorer: { type: "string" },
      "judge-model": { type: "string" },
      rubric: { type: "string" },
      "max-usd": { type: "string" },
      resume: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(evalHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("eval takes exactly one architecture file (or list, export, compare)");
  if (values.dataset === undefined && values.resume === undefined) throw new UsageError("give the items with --dataset <preset|file> (or --resume <evalId>)");
  const datasetFlags = readDatasetFlags(values);
  const concurrency = numberOption(values.concurrency, "--concurrency", { integer: true, positive: true });
  const seed = numberOption(values.seed, "--seed", { integer: true });
  const maxUsd = numberOption(values["max-usd"], "--max-usd");

  const models = registryFor(io, file);
  const { checked, diagnostics, valid } = readArchitectureFile(io, file, models);
  printDiagnostics(io, file, diagnostics, "stderr");
  if (!valid || !checked) return EXIT.invalidInput;

  const request: EvaluationRequest = {
    architecture: checked,
    file: resolve(io.cwd, file),
    dataset: values.dataset ?? "",
    cwd: io.cwd,
    ...datasetFlags,
    ...(seed === undefined ? {} : { seed }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(values.scorer === undefined ? {} : { scorer: values.scorer }),
    ...judgeOptions(values["judge-model"], values.rubric),
    ...(maxUsd === undefined ? {} : { maxUsd }),
    ...(values.resume === undefined ? {} : { resume: values.resume }),
  };

  const cli = openCliEngine(io.env, models);
  try {
    const progress = evalProgress(io);
    const handle = await startEvaluation({ engine: cli.engine, db: cli.db, sandbox: cli.sandbox }, request, { onEvent: progress.onEvent });
    const onInterrupt = () => handle.cancel("interrupted (Ctrl-C)");
    process.once("SIGINT", onInterrupt);
    const report = await handle.done;
    process.off("SIGINT", onInterrupt);
    progress.stop();
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(formatReport(report));
    if (report.status !== "completed") io.stderr(`itasca: evaluation ${report.evalId} ${report.status}${report.stopReason ? ` (${report.stopReason})` : ""}; continue it with: itasca eval ${file} --resume ${report.evalId}\n`);
    return report.status === "completed" ? EXIT.ok : EXIT.runIncomplete;
  } finally {
    await cli.close();
  }
}

/** The judge scorer's options from its flags. */
function judgeOptions(model: string | undefined, rubric: string | undefined): { scorerOptions?: Record<string, unknown> } {
  if (model === undefined && rubric === undefined) return {};
  return { scorerOptions: { ...(model === undefined ? {} : { model }), ...(rubric === undefined ? {} : { rubric }) } };
}

function historyCommand(name: string, argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      arch: { type: "string" },
      csv: { type: "boolean" },
      jsonl: { type: "boolean" },
      out: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(evalHelp);
    return EXIT.ok;
  }
  const storage = openEngineStorage(dataDir(io.env));
  try {
    const store = new EvalStore(storage.db);
    if (name === "list") {
      if (positionals.length > 0) throw new UsageError("eval list takes no arguments besides --arch <file>");
      const evals = store.list(values.arch === undefined ? {} : { file: resolve(io.cwd, values.arch) });
      io.stdout(values.json ? `${JSON.stringify(evals, null, 2)}\n` : formatList(evals));
      return EXIT.ok;
    }
    if (name === "compare") {
      const [a, b, ...extra] = positionals;
      if (a === undefined || b === undefined || extra.length > 0) throw new UsageError("eval compare takes two evaluation ids");
      const comparison = compareEvaluations(store, a, b);
      io.stdout(values.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison));
      return EXIT.ok;
    }
    const [evalId, ...extra] = positionals;
    if (evalId === undefined || extra.length > 0) throw new UsageError("eval export takes one evaluation id");
    if (values.csv === values.jsonl) throw new UsageError("eval export takes exactly one of --csv or --jsonl");
    const stored = store.get(evalId);
    if (stored === undefined) throw new InputError(`no evaluation "${evalId}"; "itasca eval list" shows the stored ones`);
    const text = exportItems(stored.items, values.csv ? "csv" : "jsonl");
    if (values.out === undefined) io.stdout(text);
    else writeFileSync(resolve(io.cwd, values.out), text);
    return EXIT.ok;
  } finally {
    storage.close();
  }
}
