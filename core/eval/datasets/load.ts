/**
 * Loads a dataset file: picks the container (by extension) and the format (explicit, else by
 * the file's name and first record), maps every record to an item, checks ids are unique, and
 * hashes the bytes so an evaluation can record exactly what it ran on.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { DatasetFormat } from "../../api/eval-types";
import { DatasetError } from "./errors";
import { resolveFields } from "./fields";
import { detectBuiltIn, FORMATS } from "./formats/index";
import { hashBytes } from "./hash";
import { readRecords, type Container } from "./records";
import type { Dataset, EvalItem, FieldMapping } from "./types";

export interface LoadOptions {
  /** The format; detected from the file's name, extension and first record when absent. */
  format?: DatasetFormat;
  /** Which source field feeds each item field (overrides the format's names). */
  mapping?: FieldMapping;
  /** The name recorded in the dataset. @default the path as given */
  name?: string;
}

const EXTENSIONS: Readonly<Record<string, Container>> = { ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv" };
const FORMAT_LIST = Object.keys(FORMATS).join("|");

function isContainer(format: DatasetFormat): format is Container {
  return format === "jsonl" || format === "json" || format === "csv";
}

function containerOf(file: string, format: DatasetFormat | undefined): Container {
  if (format !== undefined && isContainer(format)) return format;
  const byExtension = EXTENSIONS[extname(file).toLowerCase()];
  if (byExtension !== undefined) return byExtension;
  if (format !== undefined) return FORMATS[format].container;
  throw new DatasetError("unknown-format", file, undefined, `cannot tell the format from the extension "${extname(file)}" (.jsonl, .json or .csv); pass --format ${FORMAT_LIST}`);
}

function decode(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new DatasetError("unreadable", file, undefined, "is not UTF-8 text; save it as UTF-8", { cause: error });
  }
}

/**
 * A dataset from a file's bytes (the pure part of loading).
 * @param file The path as the user gave it: error messages and the default name use it.
 * @throws DatasetError naming the file, the line and the fix.
 */
export function parseDataset(bytes: Uint8Array, file: string, options: LoadOptions = {}): Dataset {
  const container = containerOf(file, options.format);
  const records = readRecords(decode(bytes, file), container, file);
  const first = records[0];
  if (first === undefined) throw new DatasetError("empty", file, undefined, "has no items; a dataset needs at least one record");
  const stem = basename(file, extname(file));
  const format = options.format ?? detectBuiltIn(basename(file), first.fields) ?? container;
  const def = FORMATS[format];
  const mapping = options.mapping ?? {};
  const resolved = resolveFields(first, def.fields, mapping, file, isContainer(format) ? "" : ` (format ${format})`);
  const ctx = { file, idPrefix: isContainer(format) ? stem : format, mapping };
  const items: EvalItem[] = [];
  const lines = new Map<string, number>();
  for (const record of records) {
    const item = def.toItem(record, resolved, ctx);
    const earlier = lines.get(item.id);
    if (earlier !== undefined) {
      throw new DatasetError("duplicate-id", file, record.line, `id "${item.id}" is also on line ${earlier}; ids must be unique (map another field with --id-field <name>)`);
    }
    lines.set(item.id, record.line);
    items.push(item);
  }
  return { name: options.name ?? file, format, hash: hashBytes(bytes), items, defaultScorer: def.defaultScorer(items) };
}

function readError(error: unknown, file: string): DatasetError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new DatasetError("not-found", file, undefined, "does not exist; give a dataset file (.jsonl, .json, .csv) or a preset name", { cause: error });
  return new DatasetError("unreadable", file, undefined, `cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
}

/**
 * Reads and parses a dataset file.
 * @param path Read as given (relative to the working directory); also the name recorded by default.
 */
export async function loadDataset(path: string, options: LoadOptions = {}): Promise<Dataset> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw readError(error, path);
  }
  return parseDataset(bytes, path, options);
}

/** {@link loadDataset}, synchronously (for listing the small preset slices). */
export function loadDatasetSync(path: string, options: LoadOptions = {}): Dataset {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw readError(error, path);
  }
  return parseDataset(bytes, path, options);
}
