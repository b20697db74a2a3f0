/** Generic JSONL / JSON / CSV files: the field mapping says which field is what (with common defaults). */
import type { DatasetFormat } from "../../../api/eval-types";
import type { Container } from "../records";
import type { EvalItem } from "../types";
import { baseItem } from "./common";
import type { FormatDef } from "./types";

const NUMBER = /^[-\u2212]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
const LETTER = /^\(?[A-Ea-e]\)?$/;

/** The scorer a generic dataset's items suggest: code with tests, numeric for numbers, choice for letters, else exact. */
export function guessScorer(items: readonly EvalItem[]): string {
  if (items.length > 0 && items.every((i) => i.tests !== undefined)) return "code";
  const references = items.map((i) => i.reference);
  if (references.length === 0 || references.some((r) => r === undefined)) return "judge";
  if (references.every((r) => NUMBER.test(r ?? ""))) return "numeric";
  if (references.every((r) => LETTER.test(r ?? ""))) return "choice";
  return "exact";
}

function genericFormat(format: DatasetFormat & Container, description: string): FormatDef {
  return {
    format,
    description,
    container: format,
    fields: {
      input: { names: ["input", "question", "prompt", "problem"], required: true },
      reference: { names: ["reference", "answer", "target"], required: false },
      tests: { names: ["tests", "test"], required: false },
      entryPoint: { names: ["entry_point", "entryPoint"], required: false },
      id: { names: ["id"], required: false },
    },
    fits: () => true,
    toItem(record, resolved, ctx) {
      const item = baseItem(record, resolved, ctx);
      // A code prompt the candidate completes, HumanEval style.
      if (item.entryPoint !== undefined && new RegExp(`\\bdef\\s+${item.entryPoint}\\s*\\(`).test(item.input)) item.codePrefix = item.input;
      return item;
    },
    defaultScorer: guessScorer,
  };
}

export const jsonlFormat = genericFormat("jsonl", "JSON Lines: one object a line; fields by the mapping (input, reference, tests, entry point, id)");
export const jsonFormat = genericFormat("json", "JSON: one array of objects; fields by the mapping");
export const csvFormat = genericFormat("csv", "CSV with a header row; columns by the mapping");
