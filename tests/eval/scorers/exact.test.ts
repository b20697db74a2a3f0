import { describe, expect, it } from "vitest";
import { normalizeText, scorerFor, ScorerSetupError } from "../../../core/eval/scorers/index";
import { context } from "./context";

const exact = scorerFor("exact");
const item = (reference: string) => ({ id: "t", input: "q", reference });

describe("normalizeText", () => {
  it.each([
    ["  The Eiffel   Tower. ", "the eiffel tower"],
    ["New-York!", "newyork"],
    ["3.5", "3.5"],
    ["1,000", "1000"],
    ["don't", "dont"],
    ["ＡＢＣ", "abc"],
  ])("%j -> %j", (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });
});

describe("exact scorer", () => {
  it("ignores case, whitespace and punctuation", async () => {
    expect((await exact.score("  paris. ", item("Paris"), context())).correct).toBe(true);
    expect((await exact.score("\"PARIS!\"", item("Paris"), context())).correct).toBe(true);
  });

  it("accepts the final answer line or the last box", async () => {
    expect(await exact.score("Thinking about Europe...\nAnswer: Paris", item("Paris"), context())).toMatchObject({ correct: true, extracted: "Paris" });
    expect((await exact.score("The final answer is Paris.", item("Paris"), context())).correct).toBe(true);
    expect((await exact.score("so \\boxed{Paris}", item("Paris"), context())).correct).toBe(true);
  });

  it("keeps decimal points: 3.5 is not 35", async () => {
    expect((await exact.score("35", item("3.5"), context())).correct).toBe(false);
  });

  it("gives the expected answer as the reason", async () => {
    expect(await exact.score("Lyon", item("Paris"), context())).toEqual({ correct: false, score: 0, extracted: "Lyon", reason: 'expected "Paris"' });
  });

  it("refuses an item without a reference", async () => {
    await expect(exact.score("x", { id: "n", input: "q" }, context())).rejects.toThrow(ScorerSetupError);
  });
});
