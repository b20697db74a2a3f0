/**
 * Which items an evaluation or a search runs on: the fields the Evaluate and the Search forms
 * share, so the dataset picker and the split field edit either form.
 */
import type { DatasetFormat, EvalSplit } from "../../../core/api/eval-types";

/** The fields of a form that say which dataset. */
export interface DatasetChoice {
  /** A preset slice of `datasets.list`, or a dataset file. */
  source: "preset" | "file";
  /** The preset's name; empty until the host listed its presets. */
  preset: string;
  /** The dataset file (JSONL, JSON or CSV). */
  filePath: string;
  /** The file's format; undefined lets the host tell from the file. */
  format?: DatasetFormat;
}

/** A dataset, its split, and how many of the split's items. */
export interface DatasetSelection extends DatasetChoice {
  split: EvalSplit;
  /** Most items of the split (the first ones, in file order); undefined: all of it. */
  limit?: number;
}
