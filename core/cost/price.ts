/**
 * The one pricing rule: dollars for a call's tokens at an entry's per-million-token prices.
 * A missing price counts as zero here; the estimator says separately which models have none.
 */
import type { ModelEntry } from "../api/schemas";

/** The prices of a registry entry, per million tokens, in USD. */
export type ModelPrices = Pick<ModelEntry, "priceInPerMTok" | "priceOutPerMTok">;

export function callCostUsd(prices: ModelPrices, inputTokens: number, outputTokens: number): number {
  return ((prices.priceInPerMTok ?? 0) * inputTokens + (prices.priceOutPerMTok ?? 0) * outputTokens) / 1_000_000;
}

/** True when both prices are known. */
export function hasPrices(prices: ModelPrices | undefined): boolean {
  return prices?.priceInPerMTok !== undefined && prices.priceOutPerMTok !== undefined;
}
