/**
 * `numeric` (GSM8K style): the answer's final number equals the reference number. Reads, in
 * order, the `#### N` line, the last `\boxed{}`, the last "answer is N" / "Answer: N" line,
 * else the last number in the text; commas, `$`, units and trailing `.0` do not matter.
 */
import { extractBoxed, extractLastNumber, extractRegex, normalizeAnswer } from "../../nodes/extract";
import { ANSWER_LINE } from "./exact";
import { needReference, ScorerSetupError } from "./need";
import type { Scorer } from "./types";

/** The final number of a worked answer (see the file comment), normalised; null when it has none. */
export function extractFinalNumber(text: string): string | null {
  const marked = extractRegex(text, "####\\s*([^\\n]+)");
  const boxed = extractBoxed(text);
  const labelled = extractRegex(text, ANSWER_LINE);
  for (const part of [marked, boxed, labelled]) {
    const number = part === null ? null : extractLastNumber(part);
    if (number !== null) return number;
  }
  return extractLastNumber(text);
}

/** The reference as a normalised number ("$1,000" -> "1000"). */
export function referenceNumber(reference: string): string | null {
  return extractLastNumber(normalizeAnswer(reference));
}

export const numericScorer: Scorer = {
  name: "numeric",
  description: "the final number of the answer (#### N, \\boxed{}, Answer: N, else the last number) equals the reference; commas, $, units and .0 ignored",
  async score(answer, item) {
    const raw = needReference("numeric", item);
    const reference = referenceNumber(raw);
    if (reference === null) throw new ScorerSetupError(`scorer "numeric" needs a numeric reference; item "${item.id}" has "${raw}" (try the exact or math scorer)`);
    const extracted = extractFinalNumber(answer);
    if (extracted === null) return { correct: false, score: 0, reason: "no number found in the answer" };
    const correct = extracted === reference;
    return correct ? { correct, score: 1, extracted } : { correct, score: 0, extracted, reason: `expected ${reference}, got ${extracted}` };
  },
};
