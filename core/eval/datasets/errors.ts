/** The one error type of dataset loading: a stable code plus the file and line it concerns. */

export const DATASET_ERROR_CODES = [
  "not-found",
  "unreadable",
  "unknown-format",
  "bad-json",
  "bad-csv",
  "missing-field",
  "bad-field",
  "duplicate-id",
  "empty",
] as const;
export type DatasetErrorCode = (typeof DATASET_ERROR_CODES)[number];

/**
 * A dataset that cannot be loaded. The message always starts with `<file>` or `<file>:<line>`
 * and ends with what to do, e.g.
 * `data.jsonl:12: no "question" field; map the input with --input-field <name>`.
 */
export class DatasetError extends Error {
  override readonly name = "DatasetError";
  readonly code: DatasetErrorCode;
  /** The file as the user named it. */
  readonly file: string;
  /** 1-based line of the offending record, when there is one. */
  readonly line: number | undefined;

  constructor(code: DatasetErrorCode, file: string, line: number | undefined, message: string, options?: ErrorOptions) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${message}`, options);
    this.code = code;
    this.file = file;
    this.line = line;
  }
}
