/**
 * Cuts the preset dataset slices (presets/datasets) and the full HumanEval test fixture from
 * the full sets beside the project (../shared/datasets, ARCHITECTURE.md section 8).
 * Reproducible: rerunning it rewrites the same bytes.
 *
 *   npx tsx scripts/cut-dataset-slices.ts [--shared <dir with the full sets>]
 *
 * The GSM8K and Game-of-24 slices start with the items the shipped replay files cover
 * (presets/replay: GSM8K test problems 0-19, Game-of-24 puzzles ranked 901-910), so evaluations
 * on the replay provider run offline.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SLICE = 50;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const flag = process.argv.indexOf("--shared");
const shared = flag >= 0 && process.argv[flag + 1] !== undefined ? resolve(process.argv[flag + 1] as string) : resolve(root, "..", "shared", "datasets");
if (!existsSync(shared)) {
  console.error(`no full datasets at ${shared}; pass --shared <dir> (the folder holding gsm8k-test.jsonl, math500.jsonl, ...)`);
  process.exit(1);
}

function lines(name: string): string[] {
  return readFileSync(join(shared, name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

function write(path: string, rows: readonly string[]): void {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, rows.map((row) => `${row}\n`).join(""));
  console.log(`${path}: ${rows.length} lines`);
}

// GSM8K: test problems 0-49, each given the id the replay files use (gsm8k-<0-based line>).
write(
  "presets/datasets/gsm8k.jsonl",
  lines("gsm8k-test.jsonl")
    .slice(0, SLICE)
    .map((line, i) => JSON.stringify({ id: `gsm8k-${i}`, ...(JSON.parse(line) as object) })),
);
// MATH500, HumanEval and MBPP: the first 50 records, verbatim (they carry their own ids).
write("presets/datasets/math500.jsonl", lines("math500.jsonl").slice(0, SLICE));
write("presets/datasets/humaneval.jsonl", lines("humaneval.jsonl").slice(0, SLICE));
write("presets/datasets/mbpp.jsonl", lines("mbpp-sanitized.jsonl").slice(0, SLICE));
// Game of 24: the header and ranks 901-950 (ids game24-900 ... game24-949, as in the replay files).
const [header = "", ...puzzles] = lines("game24.csv");
const hard = puzzles.filter((row) => {
  const rank = Number(row.split(",")[0]);
  return rank >= 901 && rank < 901 + SLICE;
});
write("presets/datasets/game24.csv", [header, ...hard]);
// The full HumanEval, for the test that every canonical solution passes in the sandbox.
write("tests/fixtures/datasets/humaneval.jsonl", lines("humaneval.jsonl"));
