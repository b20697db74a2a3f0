/** MATH / MATH500: `problem` and `answer` (else the last `\boxed{}` of `solution`), `unique_id`. */
import { extractBoxed } from "../../../nodes/extract";
import { DatasetError } from "../errors";
import { baseItem, rawText } from "./common";
import type { FormatDef } from "./types";

export const mathFormat: FormatDef = {
  format: "math",
  description: "MATH / MATH500: problem, answer (LaTeX), unique_id",
  container: "jsonl",
  fields: {
    input: { names: ["problem"], required: true },
    reference: { names: ["answer"], required: false },
    id: { names: ["unique_id", "id"], required: false },
  },
  fits: (fields) => typeof fields["problem"] === "string" && (typeof fields["answer"] === "string" || typeof fields["solution"] === "string"),
  toItem(record, resolved, ctx) {
    const item = baseItem(record, resolved, ctx);
    if (item.reference === undefined) {
      // The original MATH files carry only the worked solution: its last box is the answer.
      const boxed = extractBoxed(rawText(record, "solution") ?? "");
      if (boxed === null) {
        throw new DatasetError("missing-field", ctx.file, record.line, `no "answer" field and no \\boxed{} answer in "solution"; map the reference with --reference-field <name>`);
      }
      item.reference = boxed;
    }
    return item;
  },
  defaultScorer: () => "math",
};
