/** How the models page words things: prices, key status, sources, test reports. Pure, so it is tested without React. */
import type { KeyInfo, ModelInfo, ModelTestReport } from "../../core/api/outputs";
import type { ModelEntry } from "../../core/api/schemas";

/** A price per million tokens: cents when it is a whole number of cents, else up to four significant digits. */
export function formatUsd(value: number): string {
  const cents = Math.round(value * 100);
  return Math.abs(value * 100 - cents) < 1e-9 ? `$${value.toFixed(2)}` : `$${Number(value.toPrecision(4))}`;
}

/** `$1.00 / $2.00`, `free`, or `unknown` (runs then count the model's calls at no cost). */
export function formatPrices(entry: Pick<ModelEntry, "priceInPerMTok" | "priceOutPerMTok">): string {
  const { priceInPerMTok: input, priceOutPerMTok: output } = entry;
  if (input === undefined && output === undefined) return "unknown";
  if (input === 0 && output === 0) return "free";
  const part = (value: number | undefined) => (value === undefined ? "?" : formatUsd(value));
  return `${part(input)} / ${part(output)}`;
}

/** The key column: the status, and the variable it is read from when there is one. */
export function keyStatusText(info: Pick<ModelInfo, "keyStatus" | "keyName">): string {
  return info.keyName === undefined ? info.keyStatus : `${info.keyStatus} (${info.keyName})`;
}

/** What each source means, for the source column's tooltip. */
export const SOURCE_HELP: Readonly<Record<ModelInfo["source"], string>> = {
  "built-in": "ships with Itasca; editing it saves your own entry with the same id, which overrides it",
  user: "your entry, in models.json in the Itasca data folder",
  project: "from itasca.models.json next to the open file; edit it there (it overrides your entries)",
};

/** Built-in and user entries open in the form; a project entry wins over any user entry, so editing it here would change nothing. */
export function canEdit(info: Pick<ModelInfo, "source">): boolean {
  return info.source !== "project";
}

/** Only entries of the user's models.json can be removed. */
export function canRemove(info: Pick<ModelInfo, "source">): boolean {
  return info.source === "user";
}

/** Where a key's value comes from, as the keys list says it. */
export function keySourceText(info: KeyInfo): string {
  if (!info.set) return "not set";
  return info.source === "env" ? "set in the environment (wins over a stored key)" : "stored by Itasca";
}

/** The figures of a round trip, e.g. `412 ms · first token 120 ms · 35.2 tok/s · n: supported`. */
export function testFigures(report: ModelTestReport): string[] {
  const n = report.nSupported === null ? "n: not applicable" : report.nSupported ? "n: supported" : "n: not supported (parallel requests)";
  return [
    `${report.latencyMs} ms`,
    report.firstTokenMs === null ? "first token: not streamed" : `first token ${report.firstTokenMs} ms`,
    `${report.tokensPerSecond} tok/s`,
    `${report.inputTokens} in / ${report.outputTokens} out tokens${report.usageEstimated ? " (estimated)" : ""}`,
    n,
  ];
}
