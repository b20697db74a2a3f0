/** The seam of a built-in dataset format: its field names, how it is detected, how a record becomes an item. */
import type { DatasetFormat } from "../../../api/eval-types";
import type { FieldSpecs, ResolvedFields } from "../fields";
import type { Container, SourceRecord } from "../records";
import type { EvalItem, FieldMapping } from "../types";

export interface FormatContext {
  /** The file as the user named it (for error messages). */
  file: string;
  /** Ids of records without an id field are `<idPrefix>-<0-based record index>`. */
  idPrefix: string;
  mapping: FieldMapping;
}

export interface FormatDef {
  format: DatasetFormat;
  /** One line for `itasca eval --help`. */
  description: string;
  /** The container read when the file's extension says nothing. */
  container: Container;
  fields: FieldSpecs;
  /** Whether a record's fields look like this format (format detection). */
  fits(fields: Record<string, unknown>): boolean;
  /** One item from one record; the fields were settled on the first record. */
  toItem(record: SourceRecord, resolved: ResolvedFields, ctx: FormatContext): EvalItem;
  /** The scorer used when the user names none. */
  defaultScorer(items: readonly EvalItem[]): string;
}
