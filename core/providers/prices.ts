/**
 * List prices of common hosted models, in dollars per million tokens. Dated: prices change, so
 * an entry's own `priceInPerMTok` / `priceOutPerMTok` always wins, and `itasca models add`
 * takes `--price-in` / `--price-out`.
 */

export const PRICES_AS_OF = "2025-06";

export interface Price {
  in: number;
  out: number;
}

/** Keyed by the provider-side model name (a date-suffixed name matches its base name). */
export const PRICE_TABLE: Readonly<Record<string, Price>> = {
  "gpt-4o": { in: 2.5, out: 10 },
  "gpt-4o-mini": { in: 0.15, out: 0.6 },
  "gpt-4.1": { in: 2, out: 8 },
  "gpt-4.1-mini": { in: 0.4, out: 1.6 },
  "gpt-4.1-nano": { in: 0.1, out: 0.4 },
  "gpt-4-turbo": { in: 10, out: 30 },
  "gpt-4": { in: 30, out: 60 },
  "gpt-3.5-turbo": { in: 0.5, out: 1.5 },
  o1: { in: 15, out: 60 },
  o3: { in: 2, out: 8 },
  "o3-mini": { in: 1.1, out: 4.4 },
  "o4-mini": { in: 1.1, out: 4.4 },
  "claude-opus-4": { in: 15, out: 75 },
  "claude-sonnet-4": { in: 3, out: 15 },
  "claude-3-7-sonnet": { in: 3, out: 15 },
  "claude-3-5-sonnet": { in: 3, out: 15 },
  "claude-3-5-haiku": { in: 0.8, out: 4 },
  "claude-3-haiku": { in: 0.25, out: 1.25 },
  "deepseek-chat": { in: 0.27, out: 1.1 },
  "deepseek-reasoner": { in: 0.55, out: 2.19 },
  "gemini-2.5-pro": { in: 1.25, out: 10 },
  "gemini-2.5-flash": { in: 0.3, out: 2.5 },
  "gemini-2.0-flash": { in: 0.1, out: 0.4 },
};

/** The table's price for a model name, trying it without a trailing date or version suffix. */
export function listPrice(model: string): Price | undefined {
  const name = model.toLowerCase().replace(/^.*\//, "");
  if (PRICE_TABLE[name]) return PRICE_TABLE[name];
  const base = name.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest|preview(-\d+)?)$/, "");
  return PRICE_TABLE[base];
}
