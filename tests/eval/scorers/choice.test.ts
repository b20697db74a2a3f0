import { describe, expect, it } from "vitest";
import { scorerFor } from "../../../core/eval/scorers/index";
import { context } from "./context";

const choice = scorerFor("choice");

describe("choice scorer", () => {
  it.each([
    ["The answer is (C).", "C", true],
    ["Answer: c", "C", false],
    ["C", "(C)", true],
    ["I would pick B.", "\\text{(B)}", true],
    ["A train leaves at noon... so the answer is D", "D", true],
    ["The answer is (A)", "B", false],
  ])("%j against %j", async (answer, reference, correct) => {
    expect((await choice.score(answer, { id: "t", input: "q", reference }, context())).correct).toBe(correct);
  });

  it("reports a missing letter and refuses a reference that is not a letter", async () => {
    expect(await choice.score("none of them", { id: "t", input: "q", reference: "A" }, context())).toEqual({ correct: false, score: 0, reason: "no option letter found in the answer" });
    await expect(choice.score("A", { id: "t", input: "q", reference: "Paris" }, context())).rejects.toThrow(/needs an option letter/);
  });
});
