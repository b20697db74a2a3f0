/**
 * Reads a dataset file's text into records (one object per item) with the line each starts
 * on, whatever the container: JSON Lines, a JSON array, or CSV with a header.
 */
import { parseCsv } from "./csv";
import { DatasetError } from "./errors";

export const CONTAINERS = ["jsonl", "json", "csv"] as const;
export type Container = (typeof CONTAINERS)[number];

export interface SourceRecord {
  /** 1-based line where the record starts. */
  line: number;
  /** 0-based position of the record in the file. */
  index: number;
  fields: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function jsonMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^JSON\.parse: /, "");
}

/** JSON.parse's message with its character offset (into `text`) restated as a column of its line. */
function jsonSyntax(error: unknown, text: string): { message: string; line?: number } {
  const message = jsonMessage(error);
  const position = /\s*in JSON at position (\d+)/.exec(message);
  const offset = position === null ? undefined : Number(position[1]);
  if (position === null || offset === undefined) {
    const line = /\(line (\d+) column/.exec(message)?.[1];
    return line === undefined ? { message } : { message, line: Number(line) };
  }
  const column = offset - text.lastIndexOf("\n", offset - 1);
  return { message: `${message.slice(0, position.index)} at column ${column}${message.slice(position.index + position[0].length)}`, line: lineAt(text, offset) };
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** @throws DatasetError (`bad-json`) naming the line of the first bad one. */
export function readJsonl(text: string, file: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const body = (i === 0 ? raw.replace(/^\uFEFF/, "") : raw).trim();
    if (body === "") return;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      throw new DatasetError("bad-json", file, i + 1, `not valid JSON (${jsonSyntax(error, body).message}); each line must be one JSON object`, { cause: error });
    }
    if (!isObject(value)) throw new DatasetError("bad-json", file, i + 1, `expected a JSON object, got ${kindOf(value)}; each line must be one JSON object`);
    records.push({ line: i + 1, index: records.length, fields: value });
  });
  return records;
}

/** Offsets where the top-level elements of a JSON array text start (the text is valid JSON). */
function elementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectValue && ch !== "]") {
      offsets.push(i);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expectValue = true;
  }
  return offsets;
}

/** @throws DatasetError (`bad-json`) naming the line of a syntax error or of a non-object element. */
export function readJsonArray(text: string, file: string): SourceRecord[] {
  const body = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const syntax = jsonSyntax(error, body);
    throw new DatasetError("bad-json", file, syntax.line, `not valid JSON (${syntax.message}); a .json dataset is one array of objects (use .jsonl for one object a line)`, { cause: error });
  }
  if (!Array.isArray(value)) throw new DatasetError("bad-json", file, undefined, `expected a JSON array of objects, got ${kindOf(value)}`);
  const offsets = elementOffsets(body);
  return value.map((element: unknown, index) => {
    const line = lineAt(body, offsets[index] ?? 0);
    if (!isObject(element)) throw new DatasetError("bad-json", file, line, `item ${index} is ${kindOf(element)}; expected a JSON object`);
    return { line, index, fields: element };
  });
}

/** CSV rows as records keyed by the header's column names. */
export function readCsv(text: string, file: string): SourceRecord[] {
  const table = parseCsv(text, file);
  return table.rows.map((row, index) => ({
    line: row.line,
    index,
    fields: Object.fromEntries(table.header.map((name, column) => [name, row.values[column] ?? ""])),
  }));
}

export function readRecords(text: string, container: Container, file: string): SourceRecord[] {
  switch (container) {
    case "jsonl":
      return readJsonl(text, file);
    case "json":
      return readJsonArray(text, file);
    case "csv":
      return readCsv(text, file);
  }
}
