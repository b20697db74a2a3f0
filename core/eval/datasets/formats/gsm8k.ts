/** GSM8K: `question`, and an `answer` whose solution ends `#### N`; the reference is N without commas. */
import { normalizeNumber } from "../../../nodes/extract";
import { DatasetError } from "../errors";
import { baseItem } from "./common";
import type { FormatDef } from "./types";

const FINAL = /####\s*([^\n]*?)\s*$/;
const PLAIN_NUMBER = /^[-\u2212]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * The reference number of a GSM8K answer: the text after the last `#### `, commas removed
 * ("#### 1,000" -> "1000"); a bare number is taken as it is.
 * @returns null when there is neither.
 */
export function gsm8kReference(answer: string): string | null {
  const final = FINAL.exec(answer.trim())?.[1]?.trim();
  const value = final ?? answer.trim();
  if (PLAIN_NUMBER.test(value)) return normalizeNumber(value.replace(/^([-\u2212]?)\$/, "$1"));
  // A final line that is not a plain number ("#### 5 apples") is kept as written, commas aside.
  return final === undefined ? null : value.replace(/,/g, "");
}

export const gsm8kFormat: FormatDef = {
  format: "gsm8k",
  description: "GSM8K: question, answer ending #### N (the reference is N)",
  container: "jsonl",
  fields: {
    input: { names: ["question"], required: true },
    reference: { names: ["answer"], required: true },
    id: { names: ["id"], required: false },
  },
  fits: (fields) => typeof fields["question"] === "string" && typeof fields["answer"] === "string" && fields["answer"].includes("####"),
  toItem(record, resolved, ctx) {
    const item = baseItem(record, resolved, ctx);
    const solution = item.reference ?? "";
    const reference = gsm8kReference(solution);
    if (reference === null) {
      throw new DatasetError("bad-field", ctx.file, record.line, `the "${resolved.reference}" field has no "#### N" final line; GSM8K answers end with one (use --format jsonl for a plain reference)`);
    }
    item.reference = reference;
    // The worked solution is worth keeping beside the bare number (exports show it).
    if (solution !== reference) item.meta = { ...item.meta, solution };
    return item;
  },
  defaultScorer: () => "numeric",
};
