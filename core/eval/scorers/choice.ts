/** `choice`: multiple choice, the answer's option letter (A-E) equals the reference letter. */
import { extractOptionLetter } from "../../nodes/extract";
import { needReference, ScorerSetupError } from "./need";
import type { Scorer } from "./types";

/** The letter of a reference written "C", "(c)", "\text{(C)}" or "Option C". */
export function referenceLetter(reference: string): string | null {
  const bare = reference.replace(/\\text\{([^}]*)\}/g, "$1").trim();
  const letter = /^(?:option\s+)?\(?([A-Za-z])\)?\.?$/i.exec(bare)?.[1];
  return letter === undefined ? null : letter.toUpperCase();
}

export const choiceScorer: Scorer = {
  name: "choice",
  description: "multiple choice: the option letter the answer picks (Answer: C, (C), a lone C) equals the reference letter",
  async score(answer, item) {
    const raw = needReference("choice", item);
    const reference = referenceLetter(raw);
    if (reference === null) throw new ScorerSetupError(`scorer "choice" needs an option letter as the reference; item "${item.id}" has "${raw}"`);
    const extracted = extractOptionLetter(answer);
    if (extracted === null) return { correct: false, score: 0, reason: "no option letter found in the answer" };
    const correct = extracted === reference;
    return correct ? { correct, score: 1, extracted } : { correct, score: 0, extracted, reason: `expected ${reference}, got ${extracted}` };
  },
};
