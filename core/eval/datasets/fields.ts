/**
 * Field mapping: which source field feeds each item field. A format lists candidate names per
 * item field; the user's mapping replaces them. The names are settled on the first record and
 * every later record must carry them, so a typo fails on the line it is on.
 */
import { DatasetError } from "./errors";
import type { SourceRecord } from "./records";
import type { FieldMapping } from "./types";

export type ItemField = keyof Required<FieldMapping>;
export const ITEM_FIELDS: readonly ItemField[] = ["input", "reference", "tests", "entryPoint", "id"];

/** The CLI flag that maps each item field (what error messages tell the user to pass). */
export const MAPPING_FLAGS: Readonly<Record<ItemField, string>> = {
  input: "--input-field",
  reference: "--reference-field",
  tests: "--tests-field",
  entryPoint: "--entry-point-field",
  id: "--id-field",
};

const FIELD_LABELS: Readonly<Record<ItemField, string>> = {
  input: "input",
  reference: "reference",
  tests: "tests",
  entryPoint: "entry point",
  id: "id",
};

/** How a format finds one item field. */
export interface FieldSpec {
  /** Source field names tried in order on the first record. */
  names: readonly string[];
  /** Whether every record must have it. */
  required: boolean;
}

export type FieldSpecs = Partial<Record<ItemField, FieldSpec>>;

/** The source field settled for each item field; absent when the dataset has none. */
export type ResolvedFields = Partial<Record<ItemField, string>>;

function present(fields: Record<string, unknown>, name: string): boolean {
  const value = fields[name];
  return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
}

function missingMessage(field: ItemField, names: readonly string[], formatNote: string): string {
  const [first, ...others] = names;
  const nor = others.length === 0 ? "" : ` (nor ${others.map((n) => `"${n}"`).join(", ")})`;
  return `no "${first ?? field}" field${nor}${formatNote}; map the ${FIELD_LABELS[field]} with ${MAPPING_FLAGS[field]} <name>`;
}

/**
 * Settles the source field of each item field on the first record. The user's mapping wins
 * and makes the field required.
 * @throws DatasetError (`missing-field`) when a required field is absent from the first record.
 */
export function resolveFields(first: SourceRecord, specs: FieldSpecs, mapping: FieldMapping, file: string, formatNote: string): ResolvedFields {
  const resolved: ResolvedFields = {};
  for (const field of ITEM_FIELDS) {
    const explicit = mapping[field];
    const spec = specs[field];
    const names = explicit !== undefined ? [explicit] : (spec?.names ?? []);
    if (names.length === 0) continue;
    const found = names.find((name) => present(first.fields, name));
    if (found !== undefined) resolved[field] = found;
    else if (explicit !== undefined || spec?.required === true) {
      throw new DatasetError("missing-field", file, first.line, missingMessage(field, names, explicit !== undefined ? "" : formatNote));
    }
  }
  return resolved;
}

/**
 * The text of a settled field on one record: strings as they are, numbers and booleans
 * printed; undefined when the dataset has no such field.
 * @throws DatasetError (`missing-field`, `bad-field`) naming the line.
 */
export function fieldText(record: SourceRecord, resolved: ResolvedFields, field: ItemField, file: string): string | undefined {
  const name = resolved[field];
  if (name === undefined) return undefined;
  const value = record.fields[name];
  if (!present(record.fields, name)) {
    throw new DatasetError("missing-field", file, record.line, `no "${name}" field (the first record has one); give every record a "${name}" or map the ${FIELD_LABELS[field]} with ${MAPPING_FLAGS[field]} <name>`);
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  throw new DatasetError("bad-field", file, record.line, `field "${name}" is ${Array.isArray(value) ? "an array" : "an object"}; the ${FIELD_LABELS[field]} must be text or a number`);
}

/** The record's fields that no mapping consumed, kept as the item's meta. */
export function unusedFields(record: SourceRecord, used: Iterable<string | undefined>): Record<string, unknown> | undefined {
  const skip = new Set([...used].filter((name): name is string => name !== undefined));
  const rest = Object.entries(record.fields).filter(([name]) => !skip.has(name));
  return rest.length === 0 ? undefined : Object.fromEntries(rest);
}
