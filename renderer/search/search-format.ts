/** How search figures are written in the Search tab: the same rounding everywhere. */
import type { SearchConfig } from "../../core/api/search-types";
import { formatUsd } from "../run/format";
import type { CostAxis } from "../store/searches/search-view";

/** A score (an accuracy in [0, 1]) as a percentage: `60.0%`; none -> `–`. */
export function formatScore(score: number | undefined): string {
  return score === undefined || !Number.isFinite(score) ? "–" : `${(score * 100).toFixed(1)}%`;
}

/** A cost per query on its axis: `$0.00120` or `12 calls`. */
export function formatCost(cost: number | undefined, axis: CostAxis): string {
  if (cost === undefined || !Number.isFinite(cost)) return "–";
  if (axis === "usd") return formatUsd(cost);
  const rounded = Number.isInteger(cost) ? String(cost) : cost.toFixed(1);
  return `${rounded} call${cost === 1 ? "" : "s"}`;
}

/** One value of a configuration: numbers trimmed, lists joined. */
export function formatValue(value: SearchConfig[string]): string {
  if (Array.isArray(value)) return value.join("+");
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
  return String(value);
}

/** `samples=4 · temperature=0.7`: a configuration on one line, each dimension by its short name. */
export function formatConfig(config: SearchConfig, names: Readonly<Record<string, string>> = {}): string {
  const entries = Object.entries(config);
  if (entries.length === 0) return "(the template)";
  return entries.map(([id, value]) => `${shortName(names[id] ?? id)}=${formatValue(value)}`).join(" · ");
}

/** `generate.samples` -> `samples`; a dimension id as it is. */
function shortName(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? name : name.slice(dot + 1);
}

/** A search id short enough for a list: its last 8 characters. */
export function shortSearchId(searchId: string): string {
  return searchId.length <= 8 ? searchId : searchId.slice(-8);
}

/** Nice round ticks between `lo` and `hi` (about `count` of them); `integer`: whole numbers only (trial indices). */
export function ticks(lo: number, hi: number, count = 4, integer = false): number[] {
  if (!(hi > lo)) return [lo];
  const raw = integer ? Math.max(1, (hi - lo) / count) : (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw && (!integer || Number.isInteger(s))) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}
