/**
 * `eval compare A B`: two evaluations paired on the items both scored, with the accuracy
 * difference's paired-bootstrap interval, wins/losses/ties and the cost ratio.
 */
import type { EvalComparison, EvalItemRecord } from "../../api/eval-types";
import { EvalInputError } from "./errors";
import type { EvalStore } from "./eval-store";
import { pairedBootstrap } from "./stats";

export interface CompareOptions {
  /** Bootstrap resamples. @default 10000 */
  resamples?: number;
  /** Bootstrap seed, so the interval is the same on every machine. @default 0 */
  seed?: number;
}

function scoredById(items: readonly EvalItemRecord[]): Map<string, EvalItemRecord> {
  return new Map(items.filter((item) => item.status === "scored").map((item) => [item.itemId, item]));
}

function costPerItem(items: readonly EvalItemRecord[]): number {
  return items.length === 0 ? 0 : items.reduce((sum, item) => sum + item.usage.costUsd, 0) / items.length;
}

/** Compares B against A (difference = B - A). Refuses evaluations of different datasets or with no shared item. */
export function compareEvaluations(store: EvalStore, a: string, b: string, options: CompareOptions = {}): EvalComparison {
  const rowA = store.row(a);
  const rowB = store.row(b);
  const missing = (id: string) => new EvalInputError(`no evaluation "${id}"; "itasca eval list" shows the stored ones`);
  if (rowA === undefined) throw missing(a);
  if (rowB === undefined) throw missing(b);
  if (rowA.datasetHash !== rowB.datasetHash) {
    throw new EvalInputError(`evaluations ${a} and ${b} used different datasets (${rowA.dataset} ${rowA.datasetHash.slice(0, 12)} vs ${rowB.dataset} ${rowB.datasetHash.slice(0, 12)}); compare evaluations of the same dataset`);
  }
  const itemsA = scoredById(store.items(a));
  const itemsB = scoredById(store.items(b));
  const shared = [...itemsA.keys()].filter((id) => itemsB.has(id));
  if (shared.length === 0) throw new EvalInputError(`evaluations ${a} and ${b} share no scored item; evaluate the same split (or resume the unfinished one) first`);

  const perItem = shared.map((itemId) => ({ itemId, a: itemsA.get(itemId)?.correct === true, b: itemsB.get(itemId)?.correct === true }));
  const outcomesA = perItem.map((p) => (p.a ? 1 : 0));
  const outcomesB = perItem.map((p) => (p.b ? 1 : 0));
  const accuracyA = outcomesA.reduce<number>((s, v) => s + v, 0) / shared.length;
  const accuracyB = outcomesB.reduce<number>((s, v) => s + v, 0) / shared.length;
  const bootstrap = { resamples: options.resamples ?? 10_000, seed: options.seed ?? 0 };
  const sharedA = shared.map((id) => itemsA.get(id) as EvalItemRecord);
  const sharedB = shared.map((id) => itemsB.get(id) as EvalItemRecord);
  const costPerItemUsdA = costPerItem(sharedA);
  const costPerItemUsdB = costPerItem(sharedB);
  return {
    a,
    b,
    items: shared.length,
    accuracyA,
    accuracyB,
    difference: accuracyB - accuracyA,
    ci95: pairedBootstrap(outcomesA, outcomesB, bootstrap),
    bootstrap,
    wins: perItem.filter((p) => p.b && !p.a).length,
    losses: perItem.filter((p) => p.a && !p.b).length,
    ties: perItem.filter((p) => p.a === p.b).length,
    costRatio: costPerItemUsdA === 0 ? null : costPerItemUsdB / costPerItemUsdA,
    costPerItemUsdA,
    costPerItemUsdB,
    perItem,
  };
}
