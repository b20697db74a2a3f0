import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDataset } from "../../../core/eval/datasets/index";
import { extractFinalNumber, scorerFor } from "../../../core/eval/scorers/index";
import { installRoot } from "../../../core/paths/install-root";
import { context } from "./context";

const numeric = scorerFor("numeric");

describe("extractFinalNumber", () => {
  it.each([
    ["She makes 9 * 2 = $18 every day.\n#### 18", "18"],
    ["The answer is $1,000.00.", "1000"],
    ["She earns 18 dollars.", "18"],
    ["So \\boxed{18} eggs, not 20 later on", "18"],
    ["Answer: 18.0\nThat took 3 steps.", "18"],
    ["It drops to -4 degrees", "-4"],
    ["no digits", null],
  ])("%j -> %j", (text, expected) => {
    expect(extractFinalNumber(text)).toBe(expected);
  });
});

describe("numeric scorer on GSM8K", () => {
  it("every reference solution of the shipped slice scores correct against its reference", async () => {
    const { items } = await resolveDataset("gsm8k");
    for (const item of items) {
      const result = await numeric.score(String(item.meta?.["solution"]), item, context());
      expect(result, item.id).toMatchObject({ correct: true, extracted: item.reference });
    }
  });

  it("agrees with the labels of the recorded GSM8K solutions (presets/replay, 4 systems x 20 problems)", async () => {
    const records = readFileSync(join(installRoot(), "presets", "replay", "gsm8k-solutions.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { id: string; prompt: string; samples: { text: string; label: { correct: boolean } }[]; meta: { answer: string } });
    expect(records).toHaveLength(80);
    let correct = 0;
    for (const record of records) {
      for (const sample of record.samples) {
        const result = await numeric.score(sample.text, { id: record.id, input: record.prompt, reference: record.meta.answer }, context());
        expect(result.correct, `${record.id}: ${sample.text.slice(-60)}`).toBe(sample.label.correct);
        if (result.correct) correct++;
      }
    }
    expect(correct).toBeGreaterThan(0);
  });

  it("ignores commas, $, units and a trailing .0 on either side", async () => {
    const item = { id: "t", input: "q", reference: "$1,000" };
    for (const answer of ["1000", "$1,000.00", "1,000 dollars", "#### 1000.0"]) expect((await numeric.score(answer, item, context())).correct, answer).toBe(true);
  });

  it("says what it expected and what it read", async () => {
    expect(await numeric.score("A: 26", { id: "t", input: "q", reference: "18" }, context())).toEqual({ correct: false, score: 0, extracted: "26", reason: "expected 18, got 26" });
    expect(await numeric.score("no idea", { id: "t", input: "q", reference: "18" }, context())).toEqual({ correct: false, score: 0, reason: "no number found in the answer" });
  });

  it("refuses a reference that is not a number", async () => {
    await expect(numeric.score("5", { id: "t", input: "q", reference: "Paris" }, context())).rejects.toThrow(/needs a numeric reference/);
  });
});
