import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset, resolveDataset, splitItems, type EvalItem } from "../../../core/eval/datasets/index";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "datasets");
const expected = JSON.parse(readFileSync(join(FIXTURES, "split-dev-ids.json"), "utf8")) as {
  gsm8k: { seed0: string[]; seed7: string[] };
  humaneval: { seed0: string[] };
};

const ids = (items: readonly EvalItem[]) => items.map((i) => i.id);

describe("splitItems", () => {
  it("draws the same dev items for a seed on any machine (fixture)", async () => {
    const gsm8k = await resolveDataset("gsm8k");
    expect(ids(splitItems(gsm8k.items, "dev"))).toEqual(expected.gsm8k.seed0);
    expect(ids(splitItems(gsm8k.items, "dev", { seed: 7 }))).toEqual(expected.gsm8k.seed7);
    const humaneval = await loadDataset(join(FIXTURES, "humaneval.jsonl"));
    expect(ids(splitItems(humaneval.items, "dev"))).toEqual(expected.humaneval.seed0);
  });

  it("follows the documented rule: the first 20% by SHA-256 of `${seed}:${id}`", async () => {
    const { items } = await resolveDataset("gsm8k");
    const key = (id: string) => createHash("sha256").update(`0:${id}`).digest("hex");
    const byHash = [...items].sort((a, b) => (key(a.id) < key(b.id) ? -1 : 1)).slice(0, 10);
    expect(new Set(ids(splitItems(items, "dev")))).toEqual(new Set(ids(byHash)));
  });

  it("dev is 20%, dev and test are disjoint and together are all, each in dataset order", async () => {
    const { items } = await loadDataset(join(FIXTURES, "humaneval.jsonl"));
    const dev = splitItems(items, "dev");
    const test = splitItems(items, "test");
    expect(dev).toHaveLength(Math.round(164 * 0.2));
    expect(test).toHaveLength(164 - dev.length);
    const devIds = new Set(ids(dev));
    expect(test.some((i) => devIds.has(i.id))).toBe(false);
    expect(new Set([...ids(dev), ...ids(test)])).toEqual(new Set(ids(items)));
    const position = new Map(items.map((item, index) => [item.id, index]));
    for (const split of [dev, test]) {
      const order = split.map((i) => position.get(i.id) ?? -1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(splitItems(items, "all")).toEqual(items);
  });

  it("is stable when the file is reordered, and another seed draws another set", async () => {
    const { items } = await resolveDataset("gsm8k");
    const reversed = [...items].reverse();
    expect(new Set(ids(splitItems(reversed, "dev")))).toEqual(new Set(ids(splitItems(items, "dev"))));
    expect(ids(splitItems(items, "dev", { seed: 1 }))).not.toEqual(ids(splitItems(items, "dev")));
  });

  it("takes the dev fraction as an option and refuses bad options", async () => {
    const { items } = await resolveDataset("gsm8k");
    expect(splitItems(items, "dev", { devFraction: 0.5 })).toHaveLength(25);
    expect(splitItems(items, "dev", { devFraction: 0 })).toHaveLength(0);
    expect(() => splitItems(items, "dev", { devFraction: 1.5 })).toThrow(/dev fraction must be between 0 and 1/);
    expect(() => splitItems(items, "test", { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});
