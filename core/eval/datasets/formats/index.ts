/** The dataset formats by name, and detection from a file's name and its first record. */
import type { DatasetFormat } from "../../../api/eval-types";
import { humanEvalFormat, mbppFormat } from "./code";
import { game24Format } from "./game24";
import { csvFormat, jsonFormat, jsonlFormat } from "./generic";
import { gsm8kFormat } from "./gsm8k";
import { mathFormat } from "./math";
import type { FormatDef } from "./types";

export type { FormatContext, FormatDef } from "./types";

export const FORMATS: Readonly<Record<DatasetFormat, FormatDef>> = {
  gsm8k: gsm8kFormat,
  math: mathFormat,
  humaneval: humanEvalFormat,
  mbpp: mbppFormat,
  game24: game24Format,
  jsonl: jsonlFormat,
  json: jsonFormat,
  csv: csvFormat,
};

/** The built-in formats, in the order detection tries them on a record's fields. */
export const BUILT_IN_FORMATS: readonly FormatDef[] = [gsm8kFormat, mbppFormat, humanEvalFormat, game24Format, mathFormat];

/** File-name words that hint a built-in format (`gsm8k-test.jsonl`, `math500.jsonl`, `game24.csv`). */
const NAME_HINTS: readonly [RegExp, DatasetFormat][] = [
  [/gsm8k/i, "gsm8k"],
  [/mbpp/i, "mbpp"],
  [/human[-_]?eval/i, "humaneval"],
  [/game[-_]?24|24[-_]?game/i, "game24"],
  [/math/i, "math"],
];

/** The built-in format a file's name hints at, if any. */
export function formatHintedBy(fileName: string): DatasetFormat | undefined {
  return NAME_HINTS.find(([pattern]) => pattern.test(fileName))?.[1];
}

/**
 * The built-in format of a file from its name and its first record: the format the name hints
 * at when the record fits it, else the first built-in the record fits by its fields
 * (MATH needs more than `problem` + `answer` to be recognised without a name), else undefined.
 */
export function detectBuiltIn(fileName: string, first: Record<string, unknown> | undefined): DatasetFormat | undefined {
  if (first === undefined) return undefined;
  const hinted = formatHintedBy(fileName);
  if (hinted !== undefined && FORMATS[hinted].fits(first)) return hinted;
  const byFields = BUILT_IN_FORMATS.find((def) => def.fits(first) && (def.format !== "math" || "unique_id" in first || "subject" in first || "level" in first));
  return byFields?.format;
}
