/** What every format does the same way: id, input, reference, tests, entry point and meta of a record. */
import { DatasetError } from "../errors";
import { fieldText, unusedFields, type ResolvedFields } from "../fields";
import type { SourceRecord } from "../records";
import type { EvalItem } from "../types";
import type { FormatContext } from "./types";

/** The mapped fields of a record as an item; `consumed` names extra source fields not to copy into meta. */
export function baseItem(record: SourceRecord, resolved: ResolvedFields, ctx: FormatContext, consumed: readonly string[] = []): EvalItem {
  const input = fieldText(record, resolved, "input", ctx.file);
  if (input === undefined) throw new DatasetError("missing-field", ctx.file, record.line, "the format maps no input field; map it with --input-field <name>");
  const item: EvalItem = { id: fieldText(record, resolved, "id", ctx.file)?.trim() ?? `${ctx.idPrefix}-${record.index}`, input };
  const reference = fieldText(record, resolved, "reference", ctx.file);
  if (reference !== undefined) item.reference = reference.trim();
  const tests = fieldText(record, resolved, "tests", ctx.file);
  if (tests !== undefined) item.tests = tests;
  const entryPoint = fieldText(record, resolved, "entryPoint", ctx.file);
  if (entryPoint !== undefined) item.entryPoint = entryPoint.trim();
  const meta = unusedFields(record, [...Object.values(resolved), ...consumed]);
  if (meta !== undefined) item.meta = meta;
  return item;
}

/** The value of an unmapped source field as text, when it is text or a number. */
export function rawText(record: SourceRecord, name: string): string | undefined {
  const value = record.fields[name];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}
