/** An evaluation's items as CSV or JSONL, for spreadsheets and notebooks (`itasca eval export`). */
import type { EvalItemRecord } from "../../api/eval-types";

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CSV_COLUMNS: readonly [string, (item: EvalItemRecord) => string | number | boolean | undefined][] = [
  ["index", (i) => i.index],
  ["item_id", (i) => i.itemId],
  ["status", (i) => i.status],
  ["correct", (i) => i.correct],
  ["score", (i) => i.score],
  ["extracted", (i) => i.extracted],
  ["reference", (i) => i.reference],
  ["answer", (i) => i.answer],
  ["reason", (i) => i.reason ?? i.error],
  ["candidates", (i) => i.candidates.length],
  ["candidates_correct", (i) => i.candidates.filter((c) => c.correct).length],
  ["latency_ms", (i) => i.latencyMs],
  ["calls", (i) => i.usage.calls],
  ["cached_calls", (i) => i.usage.cachedCalls],
  ["input_tokens", (i) => i.usage.inputTokens],
  ["output_tokens", (i) => i.usage.outputTokens],
  ["cost_usd", (i) => i.usage.costUsd],
  ["run_id", (i) => i.runId],
];

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportItems(items: readonly EvalItemRecord[], format: ExportFormat): string {
  if (format === "jsonl") return items.map((item) => `${JSON.stringify(item)}\n`).join("");
  const header = CSV_COLUMNS.map(([name]) => name).join(",");
  const rows = items.map((item) => CSV_COLUMNS.map(([, get]) => csvField(get(item))).join(","));
  return `${[header, ...rows].join("\r\n")}\r\n`;
}
