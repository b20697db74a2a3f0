/**
 * `game24`: the answer's expression (its last "Answer: ..." line, else its last line) uses each
 * of the puzzle's four numbers exactly once and equals 24 in exact rational arithmetic. The
 * checker is the verify node's (core/nodes/game24-check.ts): one implementation.
 */
import { checkGame24Response, extractGame24Expression, parsePuzzleNumbers } from "../../nodes/game24-check";
import { ScorerSetupError } from "./need";
import type { Scorer } from "./types";

export const game24Scorer: Scorer = {
  name: "game24",
  description: "Game of 24: the expression of the last Answer: line uses each of the four numbers once and equals 24 (exact arithmetic)",
  async score(answer, item) {
    const numbers = parsePuzzleNumbers(item.input);
    if (numbers === null) throw new ScorerSetupError(`scorer "game24" needs the puzzle's four numbers as the input; item "${item.id}" has ${JSON.stringify(item.input.slice(0, 80))}`);
    const extracted = extractGame24Expression(answer) ?? undefined;
    const result = checkGame24Response(answer, numbers);
    const base = extracted === undefined ? {} : { extracted };
    return result.ok ? { ...base, correct: true, score: 1 } : { ...base, correct: false, score: 0, reason: result.reason };
  },
};
