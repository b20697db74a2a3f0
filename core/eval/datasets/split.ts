/**
 * Seeded dev/test splits, stable across runs and machines: items are ordered by the SHA-256
 * of `${seed}:${item.id}` and the first round(n × devFraction) form `dev` (what a search
 * optimises on); the rest is `test`. Each split keeps the dataset's order, so `--limit N`
 * takes the first N items of the split in file order. Depends on ids only: reordering the
 * file or adding items leaves every other item where it was, up to the dev size.
 */
import { createHash } from "node:crypto";
import { DEFAULT_DEV_FRACTION, type EvalSplit } from "../../api/eval-types";
import type { EvalItem } from "./types";

/** @default 0 */
export const DEFAULT_SPLIT_SEED = 0;

export interface SplitOptions {
  /** Any integer; another seed draws another dev set. @default 0 */
  seed?: number;
  /** Share of the items in `dev`, in [0, 1]. @default 0.2 */
  devFraction?: number;
}

/** The ids of the dev split. */
export function devIds(items: readonly EvalItem[], options: SplitOptions = {}): Set<string> {
  const seed = options.seed ?? DEFAULT_SPLIT_SEED;
  const fraction = options.devFraction ?? DEFAULT_DEV_FRACTION;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`split seed must be an integer, got ${seed}`);
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`dev fraction must be between 0 and 1, got ${fraction}`);
  const keyed = items.map((item, index) => ({ id: item.id, index, key: createHash("sha256").update(`${seed}:${item.id}`).digest("hex") }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return new Set(keyed.slice(0, Math.round(items.length * fraction)).map((k) => k.id));
}

/** The items of one split, in dataset order. `all` is every item. */
export function splitItems(items: readonly EvalItem[], split: EvalSplit, options: SplitOptions = {}): EvalItem[] {
  if (split === "all") {
    devIds([], options); // validates the options the same way
    return [...items];
  }
  const dev = devIds(items, options);
  return items.filter((item) => dev.has(item.id) === (split === "dev"));
}
