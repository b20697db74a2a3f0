/** The field-mapping flags of generic dataset files (`--input-field question` and friends), for every command that reads a dataset. */
import { ITEM_FIELDS, MAPPING_FLAGS, type FieldMapping } from "../eval/datasets";

/** The `parseArgs` options of the mapping flags. */
export const MAPPING_OPTIONS = Object.fromEntries(ITEM_FIELDS.map((field) => [MAPPING_FLAGS[field].slice(2), { type: "string" as const }]));

/** The field mapping the flags give, if any. */
export function mappingOf(values: Record<string, string | boolean | undefined>): { mapping?: FieldMapping } {
  const mapping: FieldMapping = {};
  for (const field of ITEM_FIELDS) {
    const value = values[MAPPING_FLAGS[field].slice(2)];
    if (typeof value === "string") mapping[field] = value;
  }
  return Object.keys(mapping).length === 0 ? {} : { mapping };
}
