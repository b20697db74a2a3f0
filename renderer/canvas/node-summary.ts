/**
 * What a node card shows besides its ports: the model and a few key params, read from the
 * params with the definition's defaults filled in (what would actually run), and the footer's
 * estimate per query (calls and the node's own latency, from core/cost).
 */
import type { AnyNodeDefinition } from "../../core/nodes/define";
import { formatMs } from "../run/format";

/** Params worth a glance on the card, in the order they are shown; the first four present win. */
const KEY_PARAMS: readonly (readonly [name: string, label: string])[] = [
  ["samples", "samples"],
  ["fusers", "fusers"],
  ["count", "tests"],
  ["top_k", "top k"],
  ["mode", "mode"],
  ["extractor", "extract"],
  ["temperature", "temp"],
];
const MAX_KEY_PARAMS = 4;

export interface NodeSummary {
  /** The model id, for nodes that call one. */
  model?: string;
  /** `[label, value]` pairs. */
  params: [label: string, value: string][];
}

/** The params as a run would see them: defaults filled in when the params are valid, else as written. */
export function effectiveParams(definition: AnyNodeDefinition, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const parsed = definition.params.safeParse(params);
  return parsed.success ? (parsed.data as Record<string, unknown>) : { ...(definition.defaults as Record<string, unknown>), ...params };
}

export function summarizeNode(definition: AnyNodeDefinition, params: Readonly<Record<string, unknown>>): NodeSummary {
  const values = effectiveParams(definition, params);
  const shown: [string, string][] = [];
  for (const [name, label] of KEY_PARAMS) {
    const value = values[name];
    if (value === undefined || !Object.hasOwn(definition.params.shape, name)) continue;
    shown.push([label, String(value)]);
    if (shown.length === MAX_KEY_PARAMS) break;
  }
  const model = typeof values["model"] === "string" && Object.hasOwn(definition.params.shape, "model") ? values["model"] : undefined;
  return model === undefined ? { params: shown } : { model, params: shown };
}

/** What a card's footer says about a node's estimated cost per query (calls and its own latency). */
export interface CostSummary {
  calls: number;
  /** The node's own wall time per query, in ms (its calls in waves of its model's concurrency). */
  latencyMs: number;
}

/** Calls as the canvas writes them: whole numbers as they are, an observed expectation to one decimal. */
export function formatCalls(calls: number): string {
  return Number.isInteger(calls) ? String(calls) : calls.toFixed(1);
}

/** The footer of a card: `≈ 5 calls · 2.15 s / query`, `no model calls`, or `calls: ?` while unknown. */
export function costLabel(cost: CostSummary | undefined): string {
  if (cost === undefined) return "calls: ?";
  if (cost.calls === 0) return "no model calls";
  return `≈ ${formatCalls(cost.calls)} call${cost.calls === 1 ? "" : "s"} · ${formatMs(cost.latencyMs)} / query`;
}
