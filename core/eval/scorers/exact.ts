/**
 * `exact`: the answer equals the reference up to case, whitespace and punctuation. The whole
 * answer counts, and so does its final "Answer: ..." line or last `\boxed{}`.
 */
import { extractBoxed, extractRegex } from "../../nodes/extract";
import { needReference } from "./need";
import type { Scorer } from "./types";

/** "Answer: x", "The final answer is x", "answer is: x" (the rest of the line; the last one counts). */
export const ANSWER_LINE = "\\b[Aa]nswer\\b(?:\\s+is\\b\\s*[:：]?|\\s*[:：])[ \\t*_]*([^\\n]+)";

/**
 * Case-folded, punctuation removed (a decimal point between digits is kept, thousands
 * commas dropped), whitespace collapsed: "The Eiffel Tower." -> "the eiffel tower".
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(?<=\d),(?=\d{3}\b)/g, "")
    .replace(/(?<=\d)\.(?=\d)/g, "\uE000")
    .replace(/\p{P}/gu, "")
    .replace(/\uE000/g, ".")
    .replace(/\s+/g, " ")
    .trim();
}

/** The texts of an answer that may be compared: the whole, its final answer line, its last box. */
export function answerCandidates(answer: string): string[] {
  const texts = [answer, extractRegex(answer, ANSWER_LINE), extractBoxed(answer)];
  return texts.filter((t): t is string => t !== null && t.trim() !== "");
}

export const exactScorer: Scorer = {
  name: "exact",
  description: "the answer (or its final Answer: line or \\boxed{}) equals the reference, ignoring case, whitespace and punctuation",
  async score(answer, item) {
    const reference = normalizeText(needReference("exact", item));
    const candidates = answerCandidates(answer);
    const match = candidates.find((c) => normalizeText(c) === reference);
    const extracted = match ?? candidates.at(-1) ?? answer;
    return match !== undefined
      ? { correct: true, score: 1, extracted: match.trim() }
      : { correct: false, score: 0, extracted: extracted.trim(), reason: `expected "${item.reference}"` };
  },
};
