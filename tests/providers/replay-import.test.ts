import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatReplayRecord, parseReplayJsonl } from "../../core/providers/replay-format";
import { apportion } from "../../core/providers/replay-import/apportion";
import { convertGame24, parseGame24Puzzles } from "../../core/providers/replay-import/game24";
import { convertGsm8k } from "../../core/providers/replay-import/gsm8k";
import { RawFormatError } from "../../core/providers/replay-import/raw-error";
import { ROOT } from "../helpers/architectures";
import { readFixture } from "../helpers/fixtures";

const COT = "replay/raw/game24-gpt4-cot-100samples.json";
const STANDARD = "replay/raw/game24-gpt4-standard-100samples.json";
const GSM8K = "replay/raw/gsm8k-example-model-solutions.jsonl";
const PUZZLES = readFixture("replay/game24-puzzles-excerpt.csv");

/** The first lines of a shipped slice. */
function shippedLines(file: string, count: number): string[] {
  return readFileSync(`${ROOT}presets/replay/${file}`, "utf8").split("\n").slice(0, count);
}

const game24 = (fixture: string, options: { limit?: number } = {}) => convertGame24(readFixture(fixture), PUZZLES, { rawFile: fixture, puzzlesFile: "puzzles.csv", ...options });

describe("game24 converter", () => {
  it("reproduces the first records of the shipped slice from the raw excerpt", () => {
    const records = game24(COT);
    expect(records.map(formatReplayRecord)).toEqual(shippedLines("game24-gpt4-cot.jsonl", 3));
  });

  it("prompts are the puzzles' numbers (idx + 1 = Rank), labels come from infos[i].r", () => {
    const raw = JSON.parse(readFixture(COT)) as { idx: number; infos: { r: number }[] }[];
    const records = game24(COT);
    expect(records.map((r) => [r.id, r.model, r.prompt])).toEqual([
      ["game24-900", "gpt-4", "4 5 6 10"],
      ["game24-901", "gpt-4", "1 2 4 7"],
      ["game24-902", "gpt-4", "2 5 8 11"],
    ]);
    records.forEach((record, i) => {
      expect(record.samples).toHaveLength(100);
      expect(record.samples.filter((s) => s.label?.correct).length).toBe(raw[i]?.infos.filter((info) => info.r === 1).length);
    });
  });

  it("derives tokens from the cumulative usage: exact prompt tokens per call, completions split to the recorded total", () => {
    const [first, second] = game24(COT);
    // 2,185 prompt tokens over 5 calls of 20 choices; 6,960 and 13,512 - 6,960 completion tokens.
    expect(first?.samples.every((s) => s.inputTokens === 437)).toBe(true);
    expect(first?.samples.reduce((sum, s) => sum + (s.outputTokens ?? 0), 0)).toBe(6960);
    expect(second?.samples.reduce((sum, s) => sum + (s.outputTokens ?? 0), 0)).toBe(13512 - 6960);
    expect(first?.usageEstimated).toBe(true);
    expect(first?.meta).toEqual({ rank: 901, source: "game24-gpt4-cot-100samples.json", apiCalls: 5, promptTokens: 2185, completionTokens: 6960, costUsd: 0.48315 });
  });

  it("reads standard-prompt logs (accs labels) and honours --limit", () => {
    const raw = JSON.parse(readFixture(STANDARD)) as { accs: boolean[] }[];
    const records = game24(STANDARD, { limit: 1 });
    expect(records).toHaveLength(1);
    expect(records[0]?.prompt).toBe("4 5 6 10");
    expect(records[0]?.samples.map((s) => s.label?.correct)).toEqual(raw[0]?.accs);
    expect(records[0]?.samples[0]?.inputTokens).toBe(200);
  });

  it("every converted record passes the replay schema", () => {
    const text = game24(COT).map(formatReplayRecord).join("\n");
    expect(parseReplayJsonl(text, "out.jsonl").errors).toEqual([]);
  });

  it("names the file when the raw log, a label count or a puzzle is wrong", () => {
    expect(() => convertGame24("{", PUZZLES, { rawFile: "log.json", puzzlesFile: "p.csv" })).toThrow(/^log\.json: not valid JSON/);
    expect(() => convertGame24('[{"idx": 1}]', PUZZLES, { rawFile: "log.json", puzzlesFile: "p.csv" })).toThrow(new RawFormatError("log.json: not a Tree-of-Thoughts Game-of-24 log (a JSON array of {idx, ys, infos | accs, usage_so_far}): [0].ys: Invalid input: expected array, received undefined"));
    expect(() => convertGame24('[{"idx": 900, "ys": ["a", "b"], "accs": [true]}]', PUZZLES, { rawFile: "log.json", puzzlesFile: "p.csv" })).toThrow("log.json: puzzle idx 900 has 2 samples but 1 correctness labels");
    expect(() => convertGame24('[{"idx": 5, "ys": ["a"]}]', PUZZLES, { rawFile: "log.json", puzzlesFile: "p.csv" })).toThrow("log.json: puzzle idx 5 has no row with Rank 6 in p.csv");
    expect(() => parseGame24Puzzles("a,b\n1,2", "p.csv")).toThrow(/^p\.csv: not a Game-of-24 puzzles CSV/);
  });
});

describe("gsm8k converter", () => {
  it("reproduces the first records of the shipped slice from the raw excerpt", () => {
    const records = convertGsm8k(readFixture(GSM8K), { rawFile: GSM8K });
    expect(records.map(formatReplayRecord)).toEqual(shippedLines("gsm8k-solutions.jsonl", 12));
  });

  it("one record per problem and system, labelled, with the reference answer in meta", () => {
    const records = convertGsm8k(readFixture(GSM8K), { rawFile: GSM8K, limit: 1 });
    expect(records.map((r) => [r.id, r.model, r.samples[0]?.label])).toEqual([
      ["gsm8k-0", "6b_finetuning", { correct: false, answer: "26" }],
      ["gsm8k-0", "6b_verification", { correct: false, answer: "224" }],
      ["gsm8k-0", "175b_finetuning", { correct: false, answer: "4" }],
      ["gsm8k-0", "175b_verification", { correct: true, answer: "18" }],
    ]);
    expect(records[0]?.prompt).toMatch(/^Janet’s ducks lay 16 eggs per day\./);
    expect(records[0]?.meta).toEqual({ answer: "18", source: "gsm8k-example-model-solutions.jsonl" });
    expect(records[0]?.samples[0]?.inputTokens).toBeUndefined();
  });

  it("names the file and line of a bad line", () => {
    expect(() => convertGsm8k('\n{"question": "q"}', { rawFile: "s.jsonl" })).toThrow(/^s\.jsonl:2: not a GSM8K model-solutions line .*: ground_truth: /);
    expect(() => convertGsm8k('{"question": "q", "ground_truth": "A: 1"}', { rawFile: "s.jsonl" })).toThrow("s.jsonl:1: the line holds no system solutions");
    expect(() => convertGsm8k("nope", { rawFile: "s.jsonl" })).toThrow(/^s\.jsonl:1: not valid JSON/);
  });
});

describe("apportion", () => {
  it("splits a total by weight, summing exactly", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(100, [10, 30, 60])).toEqual([10, 30, 60]);
    expect(apportion(5, [])).toEqual([]);
  });
});
