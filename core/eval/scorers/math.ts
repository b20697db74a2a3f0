/**
 * `math` (MATH / MATH500): the answer's last `\boxed{}` (nested braces kept; else its final
 * "Answer: ..." line, else its last `$...$`, else the whole short answer) is equivalent to
 * the reference: `\frac{1}{2}` = `0.5` = `\dfrac12`, `\left( 3, \frac{\pi}{2} \right)` =
 * `(3,\frac{\pi}{2})`, `30^\circ` = `30`, `\text{(C)}` = `C`.
 */
import { extractBoxed, extractRegex } from "../../nodes/extract";
import { ANSWER_LINE } from "./exact";
import { isMathEquivalent } from "./math-equivalence";
import { needReference } from "./need";
import type { Scorer } from "./types";

/** The final answer of a worked maths solution; null when nothing answer-like is found. */
export function extractMathAnswer(text: string): string | null {
  const boxed = extractBoxed(text);
  if (boxed !== null) return boxed;
  const labelled = extractRegex(text, ANSWER_LINE);
  if (labelled !== null) return labelled.replace(/^\$+|\$+\.?$/g, "").trim();
  const inline = [...text.matchAll(/\$([^$\n]+)\$/g)].at(-1)?.[1];
  if (inline !== undefined) return inline.trim();
  const trimmed = text.trim();
  return trimmed !== "" && trimmed.length <= 60 && !trimmed.includes("\n") ? trimmed : null;
}

export const mathScorer: Scorer = {
  name: "math",
  description: "maths equivalence: the last \\boxed{} (or Answer: line) equals the reference after LaTeX normalisation or in exact value (\\frac{1}{2} = 0.5)",
  async score(answer, item) {
    const reference = needReference("math", item);
    const extracted = extractMathAnswer(answer);
    if (extracted === null) return { correct: false, score: 0, reason: "no \\boxed{} or final answer found" };
    const correct = isMathEquivalent(extracted, reference);
    return correct ? { correct, score: 1, extracted } : { correct, score: 0, extracted, reason: `expected ${reference}` };
  },
};
