import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RunResult } from "../../api/run-types";
import { estimateArchitecture } from "../../cost/estimate";
import { BUDGET_OPTIONS, readBudget } from "../budget-flags";
import type { CliIo } from "../io";
import { openCliEngine } from "../open-cli-engine";
import { attachProgress, formatMs } from "../progress";
import { printDiagnostics, readArchitectureFile, registryFor } from "../read-architecture";
import { EXIT, InputError, parseCommandArgs, UsageError } from "../usage-error";

export const runHelp = `Usage: itasca run <file> (--input <text> | --input-file <file>) [options]

Runs an architecture on one query. Live per-node progress goes to stderr, the answer to stdout.
Calls are cached in the data dir (ITASCA_HOME): a rerun pays only for what changed.

Options:
  --input <text>             the query text
  --input-file <file>        read the query text from a file
  --system <text>            system prompt for nodes that do not set their own
  --max-calls <N>            stop before the call that would exceed N provider calls
  --max-input-tokens <N>     stop once N prompt tokens are used
  --max-output-tokens <N>    stop once N completion tokens are used
  --max-usd <X>              stop once X dollars are spent
  --json                     print {runId, status, answer, usage, nodes} on stdout
  -h, --help

Exit codes: 0 completed, 1 invalid input, 2 usage error, 3 failed, cancelled or over budget.
`;

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: "string" },
      "input-file": { type: "string" },
      system: { type: "string" },
      ...BUDGET_OPTIONS,
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(runHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("run takes exactly one architecture file");
  if ((values.input === undefined) === (values["input-file"] === undefined)) throw new UsageError("give the query with exactly one of --input <text> or --input-file <file>");
  const budget = readBudget(values);
  const text = values.input ?? readQueryFile(io, values["input-file"] as string);

  const models = registryFor(io, file);
  const { checked, diagnostics, valid } = readArchitectureFile(io, file, models);
  if (!valid || !checked) {
    printDiagnostics(io, file, diagnostics, "stderr");
    return EXIT.invalidInput;
  }
  printDiagnostics(io, file, diagnostics, "stderr"); // warnings only at this point
  io.stderr(`itasca: ${describeEstimate(estimateArchitecture(checked, models.list()))}\n`);

  const cli = openCliEngine(io.env, models);
  try {
    const run = cli.engine.start(checked, { text, ...(values.system ? { system: values.system } : {}) }, { budget });
    const stopProgress = attachProgress(run, io, checked.nodes);
    const onInterrupt = () => run.cancel("interrupted (Ctrl-C)");
    process.once("SIGINT", onInterrupt);
    const result = await run.result;
    process.off("SIGINT", onInterrupt);
    stopProgress();
    report(io, result, values.json === true);
    return result.status === "completed" ? EXIT.ok : EXIT.runIncomplete;
  } finally {
    await cli.close();
  }
}

/** The budget meter's figures, as one line: `estimated per query: 7 calls, ≈ 2686 input / ≤ 416 output tokens, $0.0000`. */
function describeEstimate(cost: ReturnType<typeof estimateArchitecture>): string {
  const unpriced = cost.unpriced.length > 0 ? ` + unpriced (${cost.unpriced.join(", ")})` : "";
  return `estimated per query: ${cost.calls} calls, ≈ ${cost.inputTokens} input / ≤ ${cost.outputTokens} output tokens, $${cost.usd.toFixed(4)}${unpriced}`;
}

function readQueryFile(io: CliIo, file: string): string {
  try {
    return readFileSync(resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the query file (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The `--json` shape of a run (a contract: extend, never rename). */
export function runJson(result: RunResult) {
  const { calls, cachedCalls, inputTokens, outputTokens, costUsd } = result.usage;
  return {
    runId: result.runId,
    status: result.status,
    answer: result.answer?.text ?? null,
    usage: { calls, cachedCalls, inputTokens, outputTokens, costUsd, estimated: result.usage.estimated },
    nodes: result.nodes.map((n) => ({ id: n.id, type: n.type, status: n.status, calls: n.calls, cachedCalls: n.cachedCalls, ms: n.ms })),
    ...(result.error ? { error: result.error } : {}),
  };
}

function report(io: CliIo, result: RunResult, json: boolean): void {
  if (json) io.stdout(`${JSON.stringify(runJson(result), null, 2)}\n`);
  else if (result.answer) io.stdout(`${result.answer.text}\n`);
  const u = result.usage;
  const summary = `${u.calls} calls (${u.cachedCalls} cached), ${u.inputTokens} input / ${u.outputTokens} output tokens${u.estimated ? " (estimated)" : ""}, $${u.costUsd.toFixed(4)}`;
  io.stderr(`itasca: run ${result.runId} ${result.status} in ${formatMs(result.ms)}: ${summary}\n`);
  if (result.error) io.stderr(`itasca: ${result.error.message}\n`);
}
