/**
 * A small RFC 4180 CSV reader: comma-separated fields, records ended by LF or CRLF, quoted
 * fields that may hold commas, newlines and doubled quotes (`""`). A leading byte-order mark
 * and blank lines are skipped. Errors name the file and the line.
 */
import { DatasetError } from "./errors";

export interface CsvRow {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/**
 * Splits CSV text into records of raw fields, without interpreting a header.
 * @throws DatasetError (`bad-csv`) on an unclosed quote or text after a closing quote.
 */
export function parseCsvRecords(text: string, file: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const values: string[] = [];
    // One record: fields until an unquoted newline or the end.
    for (;;) {
      let value = "";
      if (src[i] === '"') {
        const openedAt = line;
        i++;
        for (;;) {
          if (i >= src.length) throw new DatasetError("bad-csv", file, openedAt, "a quoted field is never closed; end it with a \" (a quote inside a field is written \"\")");
          const ch = src[i] as string;
          if (ch === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          value += ch;
          i++;
        }
        const next = src[i];
        if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && src[i + 1] === "\n")) {
          throw new DatasetError("bad-csv", file, line, `unexpected ${JSON.stringify(next)} after a closing quote; quote the whole field and write a quote inside it as ""`);
        }
      } else {
        while (i < src.length && src[i] !== "," && src[i] !== "\n" && !(src[i] === "\r" && src[i + 1] === "\n")) {
          value += src[i];
          i++;
        }
      }
      values.push(value);
      if (src[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === "\r") i++;
    if (src[i] === "\n") {
      i++;
      line++;
    }
    // A blank line is one empty field: skip it rather than make an empty record.
    if (!(values.length === 1 && values[0] === "")) records.push({ line: start, values });
  }
  return records;
}

/**
 * Reads a CSV file with a header row; every record must have as many fields as the header.
 * @throws DatasetError (`bad-csv`, `empty`) naming the file and line.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const [head, ...rows] = parseCsvRecords(text, file);
  if (head === undefined) throw new DatasetError("empty", file, undefined, "the CSV file is empty; it needs a header row and at least one record");
  const header = head.values.map((name) => name.trim());
  const seen = new Map<string, number>();
  header.forEach((name, column) => {
    const earlier = seen.get(name);
    if (earlier !== undefined && name !== "") {
      throw new DatasetError("bad-csv", file, head.line, `the header names column "${name}" twice (columns ${earlier + 1} and ${column + 1}); give each column its own name`);
    }
    seen.set(name, column);
  });
  for (const row of rows) {
    if (row.values.length !== header.length) {
      throw new DatasetError(
        "bad-csv",
        file,
        row.line,
        `${row.values.length} field${row.values.length === 1 ? "" : "s"} where the header has ${header.length}; quote fields that contain commas`,
      );
    }
  }
  return { header, rows };
}
