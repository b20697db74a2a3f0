import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DATASET_FORMATS } from "../../api/eval-types";
import { parseParamAddress, parseSweepValues, planSweep, runSweep, sweepSvg, type SweepResult } from "../../search/run";
import { openCliEngine } from "../open-cli-engine";
import { DATASET_OPTIONS, readDatasetFlags } from "../dataset-flags";
import { evalProgress } from "../eval-progress";
import { asInputError } from "../input-errors";
import type { CliIo } from "../io";
import { printDiagnostics, readArchitectureFile, registryFor } from "../read-architecture";
import { confirmSpend, DEFAULT_CONFIRM_OVER_USD } from "../search-confirm";
import { formatSweep, formatSweepEstimate } from "../search-text";
import { EXIT, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const sweepHelp = `Usage: itasca sweep <architecture> --param <node>.<param>=<v1,v2,...> --dataset <preset|file> [options]

Evaluates one architecture at each value of one node param, e.g. a scaling curve:
  itasca sweep arch.itasca.json --param generate.samples=1,2,4,8,16,32,64 --dataset game24
Numeric values run largest first: sample i is its own cache entry, so every smaller value
reuses the largest one's samples and the curve costs the calls of its largest value.
Prints a table and writes sweep.svg (accuracy and coverage vs cost per query) and sweep.json
into --out.

Options:
  --param <node>.<param>=<values>   the param and its comma-separated values
  --dataset <name|file>              the items to evaluate on
  --split <s>                        dev, test or all (default: all)
  --seed <N>                         seed of the dev/test split (default: 0)
  --limit <N>                        only the first N items of the split
  --format <f>                       ${DATASET_FORMATS.join("|")}
  --scorer <name>                    (default: the dataset's)
  --concurrency <C>                  items in flight at once (default: 8)
  --max-calls-per-query <N>          every run is held to this budget (also --max-usd-per-query)
  --max-usd-per-query <X>
  --out <dir>                        where sweep.svg and sweep.json go (default: ./sweep-<node>-<param>)
  --confirm-over-usd <X>             on a terminal, ask before a worst case above X dollars (default: ${DEFAULT_CONFIRM_OVER_USD})
  --yes                              do not ask
  --json                             print {points: [{value, accuracy, coverage, costPerQueryUsd, calls, cachedCalls, evalId}], ...}
  -h, --help

Exit codes: 0 completed, 1 invalid input, 2 usage error, 3 cancelled or an evaluation did not complete.
`;

export async function sweepCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await sweep(argv, io);
  } catch (error) {
    throw asInputError(error);
  }
}

async function sweep(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      param: { type: "string" },
      ...DATASET_OPTIONS,
      seed: { type: "string" },
      scorer: { type: "string" },
      concurrency: { type: "string" },
      "max-calls-per-query": { type: "string" },
      "max-usd-per-query": { type: "string" },
      out: { type: "string" },
      "confirm-over-usd": { type: "string" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(sweepHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("sweep takes exactly one architecture file");
  if (values.param === undefined) throw new UsageError("give the param and its values with --param <node>.<param>=<v1,v2,...>");
  if (values.dataset === undefined) throw new UsageError("give the items with --dataset <preset|file>");
  const eq = values.param.indexOf("=");
  if (eq <= 0) throw new UsageError(`--param takes <node>.<param>=<v1,v2,...>, got "${values.param}"`);
  const address = values.param.slice(0, eq);
  const sweepValues = parseSweepValues(values.param.slice(eq + 1));
  const { nodeId, param } = parseParamAddress(address);
  const datasetFlags = readDatasetFlags(values);
  const concurrency = numberOption(values.concurrency, "--concurrency", { integer: true, positive: true });
  const seed = numberOption(values.seed, "--seed", { integer: true });
  const maxCalls = numberOption(values["max-calls-per-query"], "--max-calls-per-query", { integer: true });
  const maxUsd = numberOption(values["max-usd-per-query"], "--max-usd-per-query");
  const overUsd = numberOption(values["confirm-over-usd"], "--confirm-over-usd") ?? DEFAULT_CONFIRM_OVER_USD;

  const models = registryFor(io, file);
  const { checked, diagnostics, valid } = readArchitectureFile(io, file, models);
  printDiagnostics(io, file, diagnostics, "stderr");
  if (!valid || !checked) return EXIT.invalidInput;

  const cli = openCliEngine(io.env, models);
  try {
    const services = { engine: cli.engine, db: cli.db, sandbox: cli.sandbox };
    const budget = { ...(maxCalls === undefined ? {} : { maxCalls }), ...(maxUsd === undefined ? {} : { maxUsd }) };
    const plan = await planSweep(services, {
      architecture: checked,
      file: resolve(io.cwd, file),
      param: address,
      values: sweepValues,
      dataset: values.dataset,
      cwd: io.cwd,
      ...datasetFlags,
      ...(seed === undefined ? {} : { seed }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(values.scorer === undefined ? {} : { scorer: values.scorer }),
      ...(Object.keys(budget).length === 0 ? {} : { budget }),
    });
    const go = await confirmSpend(io, { line: formatSweepEstimate(plan), worstCaseUsd: plan.worstCaseUsd, overUsd, yes: values.yes === true });
    if (!go) {
      io.stderr("itasca: not started\n");
      return EXIT.runIncomplete;
    }
    let progress: ReturnType<typeof evalProgress> | undefined;
    const handle = runSweep(services, plan, {
      onEvent: (event) => {
        if (event.type === "sweep.value.started") {
          io.stderr(`itasca: ${address}=${String(event.value)} (${event.position + 1}/${event.total})\n`);
        } else {
          progress?.stop();
          progress = undefined;
        }
      },
      onEval: (event) => {
        if (event.type === "eval.started") progress = evalProgress(io);
        progress?.onEvent(event);
      },
    });
    const onInterrupt = () => handle.cancel("interrupted (Ctrl-C)");
    process.once("SIGINT", onInterrupt);
    const result = await handle.done;
    process.off("SIGINT", onInterrupt);
    progress?.stop();
    const outDir = resolve(io.cwd, values.out ?? `sweep-${nodeId}-${param}`);
    writeSweepOutputs(result, outDir);
    io.stdout(values.json ? `${JSON.stringify({ ...result, svg: join(outDir, "sweep.svg") }, null, 2)}\n` : `${formatSweep(result)}  wrote sweep.svg and sweep.json into ${outDir}\n`);
    return result.completed ? EXIT.ok : EXIT.runIncomplete;
  } finally {
    await cli.close();
  }
}

function writeSweepOutputs(result: SweepResult, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sweep.svg"), sweepSvg(result));
  writeFileSync(join(dir, "sweep.json"), `${JSON.stringify(result, null, 2)}\n`);
}
