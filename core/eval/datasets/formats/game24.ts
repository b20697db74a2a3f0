/**
 * Game of 24: the puzzle's four numbers (game24.csv's `Puzzles` column, e.g. "4 5 6 10").
 * No reference: any expression using each number once that equals 24 is right, and the
 * game24 scorer checks it. Ids follow the replay files: `game24-<Rank - 1>`.
 */
import { parsePuzzleNumbers } from "../../../nodes/game24-check";
import { DatasetError } from "../errors";
import { baseItem, rawText } from "./common";
import type { FormatDef } from "./types";

export const game24Format: FormatDef = {
  format: "game24",
  description: "Game of 24: four numbers a row (game24.csv column Puzzles); the scorer checks the expression",
  container: "csv",
  fields: {
    input: { names: ["Puzzles", "puzzle", "puzzles", "input", "numbers"], required: true },
    id: { names: ["id"], required: false },
  },
  fits: (fields) => typeof fields["Puzzles"] === "string" || typeof fields["puzzle"] === "string",
  toItem(record, resolved, ctx) {
    const item = baseItem(record, resolved, ctx);
    const numbers = parsePuzzleNumbers(item.input);
    if (numbers === null || numbers.length !== 4) {
      throw new DatasetError("bad-field", ctx.file, record.line, `${JSON.stringify(item.input)} is not a Game-of-24 puzzle; write its four numbers, e.g. "4 5 6 10"`);
    }
    item.input = item.input.trim().replace(/\s+/g, " ");
    // game24.csv numbers puzzles by Rank from 1; the replay files and ToT logs use Rank - 1.
    const rank = Number(rawText(record, "Rank"));
    if (resolved.id === undefined && Number.isInteger(rank) && rank >= 1) item.id = `game24-${rank - 1}`;
    return item;
  },
  defaultScorer: () => "game24",
};
