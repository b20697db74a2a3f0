import { describe, expect, it } from "vitest";
import { resolveDataset } from "../../../core/eval/datasets/index";
import { checkScorer, SCORER_NAMES, SCORERS, scorerFor, ScorerSetupError } from "../../../core/eval/scorers/index";

describe("scorer registry", () => {
  it("knows the seven scorers, each with a one-line description", () => {
    expect(SCORER_NAMES).toEqual(["exact", "numeric", "math", "choice", "game24", "code", "judge"]);
    for (const name of SCORER_NAMES) {
      expect(SCORERS[name].description).not.toMatch(/\n/);
      if (name !== "judge") expect(scorerFor(name).name).toBe(name);
    }
    expect(SCORERS.code.needs).toBe("sandbox");
    expect(SCORERS.judge.needs).toBe("model");
  });

  it("names the known scorers for an unknown one", () => {
    expect(() => scorerFor("exactt")).toThrow(ScorerSetupError);
    expect(() => scorerFor("exactt")).toThrow('unknown scorer "exactt"; known scorers: exact, numeric, math, choice, game24, code, judge');
  });

  it("checks untyped options (from the CLI or a stored evaluation)", () => {
    expect(scorerFor("judge", { model: "openai/gpt-4o-mini" } as Record<string, unknown>).name).toBe("judge");
    expect(() => scorerFor("code", { timeoutMs: "soon" })).toThrow('scorer option "timeoutMs" must be a number, got "soon"');
    expect(() => scorerFor("judge", { modle: "x" })).toThrow(/unknown scorer option "modle"; known options: model, rubric, threshold, timeoutMs, memoryMb/);
  });

  it("each preset's default scorer fits its items; a mismatched scorer is refused before an evaluation starts", async () => {
    for (const name of ["gsm8k", "math500", "humaneval", "mbpp", "game24"]) {
      const dataset = await resolveDataset(name);
      expect(checkScorer(dataset.defaultScorer, dataset.items), name).toBeNull();
    }
    const game24 = await resolveDataset("game24");
    expect(checkScorer("numeric", game24.items)).toBe('scorer "numeric" needs a reference answer and item "game24-900" has none');
    const gsm8k = await resolveDataset("gsm8k");
    expect(checkScorer("code", gsm8k.items)).toBe('scorer "code" needs tests and item "gsm8k-0" has none');
    expect(checkScorer("choice", gsm8k.items)).toMatch(/needs an option letter as the reference; item "gsm8k-0" has "18"/);
    expect(checkScorer("judge", gsm8k.items)).toMatch(/needs a judge model/);
    expect(checkScorer("judge", game24.items, { model: "m" })).toMatch(/needs a reference or a rubric; item "game24-900"/);
    expect(checkScorer("judge", game24.items, { model: "m", rubric: "valid" })).toBeNull();
  });
});
