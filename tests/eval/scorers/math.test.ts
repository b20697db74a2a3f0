import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDataset } from "../../../core/eval/datasets/index";
import { isMathEquivalent, scorerFor } from "../../../core/eval/scorers/index";
import { context } from "./context";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "datasets", "scorers");
const table = JSON.parse(readFileSync(join(FIXTURES, "math-equivalence.json"), "utf8")) as { equivalent: [string, string, string][]; not_equivalent: [string, string, string][] };
const answers = JSON.parse(readFileSync(join(FIXTURES, "math-answers.json"), "utf8")) as { reference: string; answer: string; correct: boolean; note: string }[];
const math = scorerFor("math");

describe("math equivalence (fixture table)", () => {
  it.each(table.equivalent)("%s = %s (%s)", (a, b) => {
    expect(isMathEquivalent(a, b)).toBe(true);
    expect(isMathEquivalent(b, a)).toBe(true);
  });

  it.each(table.not_equivalent)("%s != %s (%s)", (a, b) => {
    expect(isMathEquivalent(a, b)).toBe(false);
    expect(isMathEquivalent(b, a)).toBe(false);
  });

  it("\\frac{1}{2} = 0.5 = \\dfrac12", () => {
    expect(isMathEquivalent("\\frac{1}{2}", "0.5")).toBe(true);
    expect(isMathEquivalent("0.5", "\\dfrac12")).toBe(true);
    expect(isMathEquivalent("\\dfrac12", "\\frac{1}{2}")).toBe(true);
  });
});

describe("math scorer", () => {
  it.each(answers.map((a) => [a.note, a] as const))("%s", async (_note, { reference, answer, correct }) => {
    expect((await math.score(answer, { id: "t", input: "q", reference }, context())).correct).toBe(correct);
  });

  it("extracts a box with nested braces whole", async () => {
    const result = await math.score("Thus $\\boxed{\\frac{\\sqrt{\\frac{1}{2}}}{2}}$.", { id: "t", input: "q", reference: "\\frac{\\sqrt{2}}{4}" }, context());
    expect(result).toMatchObject({ correct: true, extracted: "\\frac{\\sqrt{\\frac{1}{2}}}{2}" });
  });

  it("on MATH500: every worked solution of the shipped slice scores correct against its answer", async () => {
    const { items } = await resolveDataset("math500");
    expect(items).toHaveLength(50);
    for (const item of items) {
      expect((await math.score(String(item.meta?.["solution"]), item, context())).correct, item.id).toBe(true);
    }
  });

  it("on MATH500: a solution scored against another problem's answer is wrong", async () => {
    const { items } = await resolveDataset("math500");
    // Answers of neighbouring problems differ in this slice, so a shifted pairing is all wrong.
    for (let i = 0; i < items.length - 1; i++) {
      const item = items[i] as (typeof items)[number];
      const next = items[i + 1] as (typeof items)[number];
      if (isMathEquivalent(item.reference ?? "", next.reference ?? "")) continue;
      expect((await math.score(String(next.meta?.["solution"]), item, context())).correct, item.id).toBe(false);
    }
  });
});
