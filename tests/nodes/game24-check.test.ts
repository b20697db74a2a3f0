import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGame24, checkGame24Response, extractGame24Expression, parsePuzzleNumbers } from "../../core/nodes/game24-check";
import { readFixture } from "../helpers/fixtures";
import { skipNotice } from "../helpers/skip";

interface CheckCase {
  expression: string;
  numbers: number[];
  ok: boolean;
  reason?: string;
}

const cases = JSON.parse(readFixture("nodes/game24/check-cases.json")) as CheckCase[];
const responses = JSON.parse(readFixture("nodes/game24/responses.json")) as { response: string; expression: string | null }[];
const puzzles = JSON.parse(readFixture("nodes/game24/puzzles.json")) as { text: string; numbers: number[] | null }[];

describe("checkGame24", () => {
  it.each(cases)("$expression with $numbers", ({ expression, numbers, ok, reason }) => {
    expect(checkGame24(expression, numbers)).toEqual(ok ? { ok: true } : { ok: false, reason });
  });
  it("uses exact rationals, not floating point", () => {
    // 8 / (3 - 8/3) is 23.999999999999996 in floating point.
    expect(8 / (3 - 8 / 3)).not.toBe(24);
    expect(checkGame24("8 / (3 - 8 / 3)", [3, 3, 8, 8])).toEqual({ ok: true });
    expect(checkGame24("(1 / 3 + 1 / 3 + 1 / 3) * 24", [1, 1, 1, 3])).toMatchObject({ ok: false });
  });
  it("rejects a reused number whatever the order of the puzzle", () => {
    expect(checkGame24("6 * 4 * (6 - 5)", [10, 6, 5, 4])).toEqual({ ok: false, reason: "uses 6 twice" });
  });
  it("rejects division by zero", () => {
    expect(checkGame24("(4 + 6) / (10 - 10) + 24", [4, 6, 10, 10])).toMatchObject({ ok: false });
    expect(checkGame24("4 * 6 / (10 - 10)", [4, 6, 10, 10])).toEqual({ ok: false, reason: "divides by zero" });
  });
});

describe("extractGame24Expression", () => {
  it.each(responses)("reads $expression", ({ response, expression }) => {
    expect(extractGame24Expression(response)).toBe(expression);
  });
  it("checks a whole response", () => {
    expect(checkGame24Response("Steps:\n...\nAnswer: (10 - 4) * 5 - 6 = 24", [4, 5, 6, 10])).toEqual({ ok: true });
    expect(checkGame24Response("", [4, 5, 6, 10])).toEqual({ ok: false, reason: "not an expression: the response has no answer" });
  });
});

describe("parsePuzzleNumbers", () => {
  it.each(puzzles)("$text", ({ text, numbers }) => {
    expect(parsePuzzleNumbers(text)).toEqual(numbers);
  });
});

const SHARED = new URL("../../../shared/", import.meta.url);
const COT = new URL("replay/raw/game24-gpt4-cot-100samples.json", SHARED);
const noShared = !existsSync(COT);

describe.skipIf(skipNotice(noShared, "game24 checker vs Tree-of-Thoughts labels", "../shared/replay/raw is absent"))("game24 checker vs Tree-of-Thoughts labels", () => {
  it("agrees with the reference checker's r label on all 10,000 GPT-4 CoT samples", () => {
    const puzzlesCsv = readFileSync(new URL("datasets/game24.csv", SHARED), "utf8").trim().split("\n").slice(1);
    const data = JSON.parse(readFileSync(COT, "utf8")) as { idx: number; ys: string[]; infos: { r: number }[] }[];
    let agree = 0;
    let total = 0;
    for (const item of data) {
      const numbers = parsePuzzleNumbers(puzzlesCsv[item.idx]?.split(",")[1] ?? "");
      expect(numbers).not.toBeNull();
      item.ys.forEach((response, i) => {
        total++;
        if ((checkGame24Response(response, numbers ?? []).ok ? 1 : 0) === item.infos[i]?.r) agree++;
      });
    }
    expect(total).toBe(10_000);
    expect(agree).toBe(total);
  });
});
