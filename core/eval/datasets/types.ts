/** A dataset as the evaluation sees it: items with an input, a reference and (for code) tests. */
import type { DatasetFormat } from "../../api/eval-types";

/** One item of a dataset, whatever its file format. */
export interface EvalItem {
  /** Stable id (the file's id field, else `<dataset>-<line index>`): splits and resume key on it. */
  id: string;
  /** What the architecture receives as the query text. */
  input: string;
  /** The expected answer (a number, a LaTeX expression, an option letter, ...); absent for code and Game of 24. */
  reference?: string;
  /** Test code for code datasets (HumanEval's `check` function, MBPP's asserts). */
  tests?: string;
  /** The function the tests call (HumanEval `entry_point`). */
  entryPoint?: string;
  /** Text the candidate's code is appended to before testing (HumanEval's prompt), when the candidate gives only a body. */
  codePrefix?: string;
  /** A known-good solution, when the dataset has one (HumanEval's canonical solution). */
  solution?: string;
  /** Extra fields the file carried (kept for export, never used for scoring). */
  meta?: Record<string, unknown>;
}

/** Which source field feeds each item field (generic JSONL / JSON / CSV files). */
export interface FieldMapping {
  /** @default "input" (also tried: "question", "prompt", "problem") */
  input?: string;
  /** @default "reference" (also tried: "answer", "target") */
  reference?: string;
  tests?: string;
  entryPoint?: string;
  /** @default "id" (else the row index) */
  id?: string;
}

export interface Dataset {
  /** Preset name or the file path as given. */
  name: string;
  format: DatasetFormat;
  /** SHA-256 of the file's bytes: an evaluation records it so any number can be reproduced. */
  hash: string;
  items: EvalItem[];
  /** The scorer used when the user names none (e.g. `numeric` for GSM8K, `code` for HumanEval). */
  defaultScorer: string;
}
