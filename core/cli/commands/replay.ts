import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatReplayRecord, parseReplayJsonl, type ReplayRecord } from "../../providers/replay-format";
import { convertGame24 } from "../../providers/replay-import/game24";
import { convertGsm8k } from "../../providers/replay-import/gsm8k";
import { RawFormatError } from "../../providers/replay-import/raw-error";
import type { CliIo } from "../io";
import { EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const replayHelp = `Usage: itasca replay import <kind> <raw file> [options]
       itasca replay check <replay file> [--json]

Replay files (JSONL, one record per problem and model with its recorded samples) let the
"replay" provider serve real generations at zero cost; presets/replay/README.md has the format.

import converts a raw data set into a replay file. Kinds:
  game24   Tree-of-Thoughts Game-of-24 logs (JSON array of {idx, ys, infos | accs, usage_so_far});
           prompts are the puzzles' four numbers, taken from a game24.csv
  gsm8k    GSM8K example model solutions (JSONL: question, ground_truth, one {solution,
           is_correct} per system); one record per problem and system

check validates a replay file and summarises it.

Options:
  --out <file>        write the replay file here (default: JSONL on stdout, summary on stderr)
  --limit <N>         convert only the first N puzzles or problems
  --puzzles <csv>     game24: the puzzles CSV (default: <raw dir>/../../datasets/game24.csv)
  --model <name>      game24: the recorded model's name (default: gpt-4)
  --json              print the summary as {kind, raw, out, records, samples, models} (needs --out)
  -h, --help

Exit codes: 0 written (or valid), 1 missing or invalid raw or replay file, 2 usage error.
`;

const KINDS = ["game24", "gsm8k"] as const;
type Kind = (typeof KINDS)[number];

export function replayCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      limit: { type: "string" },
      puzzles: { type: "string" },
      model: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(replayHelp);
    return EXIT.ok;
  }
  const [action, ...rest] = positionals;
  if (action === "check") {
    const [file, ...extra] = rest;
    if (!file || extra.length > 0) throw new UsageError("replay check takes exactly one replay file");
    return check(io, file, values.json === true);
  }
  if (action !== "import") throw new UsageError(action === undefined ? "replay needs an action: import or check" : `unknown replay action "${action}"; actions: import, check`);
  const [kind, raw, ...extra] = rest;
  if (!kind || !raw || extra.length > 0) throw new UsageError("replay import takes a kind and one raw file");
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown replay import kind "${kind}"; kinds: ${KINDS.join(", ")}`);
  if (values.json && !values.out) throw new UsageError("--json prints the summary on stdout, so it needs --out for the replay file");
  if (kind !== "game24" && (values.puzzles !== undefined || values.model !== undefined)) throw new UsageError("--puzzles and --model apply to the game24 kind only");
  const limit = numberOption(values.limit, "--limit", { integer: true });
  if (limit === 0) throw new UsageError("--limit takes a whole number >= 1");

  const rawPath = resolve(io.cwd, raw);
  const records = convert(kind as Kind, raw, rawPath, { limit, puzzles: values.puzzles, model: values.model }, io.cwd);
  const text = records.map((r) => `${formatReplayRecord(r)}\n`).join("");
  const summary = summarize(records);
  if (values.out) {
    const outPath = resolve(io.cwd, values.out);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, text);
  } else {
    io.stdout(text);
  }
  const target = values.out ?? "stdout";
  if (values.json) io.stdout(`${JSON.stringify({ kind, raw, out: values.out, ...summary }, null, 2)}\n`);
  else (values.out ? io.stdout : io.stderr)(`${kind}: ${summary.records} records, ${summary.samples} samples (models: ${summary.models.join(", ")}) from ${raw} written to ${target}\n`);
  return EXIT.ok;
}

interface ConvertOptions {
  limit: number | undefined;
  puzzles: string | undefined;
  model: string | undefined;
}

function convert(kind: Kind, raw: string, rawPath: string, options: ConvertOptions, cwd: string): ReplayRecord[] {
  const rawText = readInput(raw, rawPath, "raw file");
  try {
    if (kind === "gsm8k") return convertGsm8k(rawText, { rawFile: raw, limit: options.limit });
    // The ../shared layout keeps datasets/ two levels above replay/raw/.
    const puzzlesPath = options.puzzles ? resolve(cwd, options.puzzles) : resolve(dirname(rawPath), "../../datasets/game24.csv");
    const puzzlesName = options.puzzles ?? puzzlesPath;
    const csv = readInput(puzzlesName, puzzlesPath, "Game-of-24 puzzles CSV (set it with --puzzles)");
    return convertGame24(rawText, csv, { rawFile: raw, puzzlesFile: puzzlesName, model: options.model, limit: options.limit });
  } catch (error) {
    if (error instanceof RawFormatError) throw new InputError(error.message);
    throw error;
  }
}

function readInput(name: string, path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${name}: cannot read the ${what}${code === "ENOENT" ? ": no such file" : ` (${error instanceof Error ? error.message : String(error)})`}`);
  }
}

function summarize(records: readonly ReplayRecord[]) {
  return {
    records: records.length,
    samples: records.reduce((sum, r) => sum + r.samples.length, 0),
    models: [...new Set(records.map((r) => r.model))],
  };
}

function check(io: CliIo, file: string, json: boolean): number {
  const text = readInput(file, resolve(io.cwd, file), "replay file");
  const { records, errors } = parseReplayJsonl(text, file);
  const summary = summarize(records.map((r) => r.record));
  if (json) io.stdout(`${JSON.stringify({ valid: errors.length === 0, errors, ...summary }, null, 2)}\n`);
  else if (errors.length > 0) io.stdout(`${errors.join("\n")}\n`);
  else io.stdout(`${file}: valid, ${summary.records} records, ${summary.samples} samples (models: ${summary.models.join(", ")})\n`);
  return errors.length === 0 ? EXIT.ok : EXIT.invalidInput;
}
