/**
 * The flags every command that reads a dataset shares (`--dataset`, `--format`, `--split`,
 * `--limit`, and the field mapping of generic files: `--input-field question` and friends),
 * read and checked in one place.
 */
import { DATASET_FORMATS, EVAL_SPLITS, type DatasetFormat, type EvalSplit } from "../api/eval-types";
import { ITEM_FIELDS, MAPPING_FLAGS, type FieldMapping } from "../eval/datasets";
import { choiceOption, numberOption } from "./usage-error";

/** The `parseArgs` options of the field-mapping flags. */
export const MAPPING_OPTIONS = Object.fromEntries(ITEM_FIELDS.map((field) => [MAPPING_FLAGS[field].slice(2), { type: "string" as const }]));

/** The `parseArgs` options of the dataset flags (the split's seed is left to each command: search's `--seed` seeds the algorithm). */
export const DATASET_OPTIONS = {
  dataset: { type: "string" as const },
  format: { type: "string" as const },
  split: { type: "string" as const },
  limit: { type: "string" as const },
  ...MAPPING_OPTIONS,
};

/** The field mapping the flags give, if any. */
export function mappingOf(values: Record<string, string | boolean | undefined>): { mapping?: FieldMapping } {
  const mapping: FieldMapping = {};
  for (const field of ITEM_FIELDS) {
    const value = values[MAPPING_FLAGS[field].slice(2)];
    if (typeof value === "string") mapping[field] = value;
  }
  return Object.keys(mapping).length === 0 ? {} : { mapping };
}

export interface DatasetFlags {
  format?: DatasetFormat;
  split?: EvalSplit;
  /** At least 1. */
  limit?: number;
  mapping?: FieldMapping;
}

/** The dataset flags, checked: a usage error names the flag and what it takes. */
export function readDatasetFlags(values: Record<string, string | boolean | undefined>): DatasetFlags {
  const format = choiceOption(values["format"] as string | undefined, DATASET_FORMATS, "--format");
  const split = choiceOption(values["split"] as string | undefined, EVAL_SPLITS, "--split");
  const limit = numberOption(values["limit"] as string | undefined, "--limit", { integer: true, positive: true });
  return { ...(format === undefined ? {} : { format }), ...(split === undefined ? {} : { split }), ...(limit === undefined ? {} : { limit }), ...mappingOf(values) };
}
