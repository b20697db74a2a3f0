import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDataset } from "../../../core/eval/datasets/index";
import { scorerFor } from "../../../core/eval/scorers/index";
import { installRoot } from "../../../core/paths/install-root";
import { context } from "./context";

const game24 = scorerFor("game24");
const puzzle = (input: string) => ({ id: "t", input });

describe("game24 scorer", () => {
  it("accepts an expression using each number once that equals 24", async () => {
    expect(await game24.score("Steps:\n10 - 4 = 6 (left: 5 6 6)\n6 * 5 = 30 (left: 6 30)\n30 - 6 = 24 (left: 24)\nAnswer: (10 - 4) * 5 - 6 = 24", puzzle("4 5 6 10"), context())).toEqual({
      correct: true,
      score: 1,
      extracted: "(10 - 4) * 5 - 6",
    });
  });

  it("uses exact rational arithmetic: 8 / (3 - 8 / 3) is 24", async () => {
    expect((await game24.score("Answer: 8 / (3 - 8 / 3) = 24", puzzle("3 3 8 8"), context())).correct).toBe(true);
  });

  it("rejects an expression that reuses a number", async () => {
    const result = await game24.score("Answer: (6 - 4) * 5 * (10 - 10) = 24", puzzle("4 5 6 10"), context());
    expect(result.correct).toBe(false);
    expect(result.reason).toMatch(/uses 10 twice/);
  });

  it("rejects a wrong value, a missing number and no answer", async () => {
    expect((await game24.score("Answer: (6 - 4) * 5 = 24", puzzle("4 5 6 10"), context())).reason).toMatch(/does not use 10|evaluates to/);
    expect((await game24.score("Answer: 4 + 5 + 6 + 10 = 24", puzzle("4 5 6 10"), context())).reason).toBe("evaluates to 25");
    expect((await game24.score("Answer: None", puzzle("4 5 6 10"), context())).correct).toBe(false);
  });

  it("agrees with the labels of all 1,000 recorded GPT-4 samples on the shipped slice's first 10 puzzles", async () => {
    const { items } = await resolveDataset("game24");
    const records = readFileSync(join(installRoot(), "presets", "replay", "game24-gpt4-cot.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { id: string; samples: { text: string; label: { correct: boolean } }[] });
    let samples = 0;
    let correct = 0;
    for (const record of records) {
      const item = items.find((i) => i.id === record.id);
      expect(item, record.id).toBeDefined();
      for (const sample of record.samples) {
        const result = await game24.score(sample.text, item ?? puzzle(""), context());
        expect(result.correct, `${record.id}: ${sample.text.split("\n").at(-1)}`).toBe(sample.label.correct);
        samples++;
        if (result.correct) correct++;
      }
    }
    expect(samples).toBe(1000);
    expect(correct).toBeGreaterThan(0);
  });

  it("refuses an item whose input holds no puzzle", async () => {
    await expect(game24.score("Answer: 1", puzzle("no numbers"), context())).rejects.toThrow(/needs the puzzle's four numbers/);
  });
});
