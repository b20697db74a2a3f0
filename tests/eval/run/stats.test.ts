import { describe, expect, it } from "vitest";
import { pairedBootstrap, percentile, seededRandom, wilsonInterval } from "../../../core/eval/run/stats";

describe("wilsonInterval", () => {
  it("matches the textbook values", () => {
    // 8/10: the Wilson 95% interval is [0.490, 0.943] (e.g. Newcombe 1998, table I style check).
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
  });

  it("stays inside [0, 1] at the extremes and is [0, 0] with nothing scored", () => {
    const [lo0, hi0] = wilsonInterval(0, 20);
    expect(lo0).toBe(0);
    expect(hi0).toBeGreaterThan(0.1);
    const [lo1, hi1] = wilsonInterval(20, 20);
    expect(hi1).toBe(1);
    expect(lo1).toBeLessThan(0.9);
    expect(wilsonInterval(0, 0)).toEqual([0, 0]);
  });

  it("narrows as n grows", () => {
    const small = wilsonInterval(5, 10);
    const large = wilsonInterval(500, 1000);
    expect(large[1] - large[0]).toBeLessThan((small[1] - small[0]) / 5);
  });
});

describe("percentile", () => {
  it("interpolates between order statistics", () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([5], 0.95)).toBe(5);
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([3, 1, 2], 1)).toBe(3);
  });
});

describe("pairedBootstrap", () => {
  it("is reproducible for a seed and differs across seeds", () => {
    const a = [1, 0, 1, 0, 1, 1, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 1, 1, 1, 0, 1, 1];
    const one = pairedBootstrap(a, b, { resamples: 2000, seed: 7 });
    expect(pairedBootstrap(a, b, { resamples: 2000, seed: 7 })).toEqual(one);
    // B is better on 3 items and never worse: the interval sits at or above 0 and contains 0.3.
    expect(one[0]).toBeGreaterThanOrEqual(0);
    expect(one[0]).toBeLessThanOrEqual(0.3);
    expect(one[1]).toBeGreaterThanOrEqual(0.3);
  });

  it("barely depends on the seed with enough resamples", () => {
    const random = seededRandom(3);
    const a = Array.from({ length: 200 }, () => (random() < 0.5 ? 1 : 0));
    const b = a.map((x) => (random() < 0.2 ? 1 - x : x));
    const seven = pairedBootstrap(a, b, { resamples: 1000, seed: 7 });
    const eight = pairedBootstrap(a, b, { resamples: 1000, seed: 8 });
    expect(Math.abs(eight[0] - seven[0])).toBeLessThan(0.03);
  });

  it("is a point at 0 for identical outcomes", () => {
    expect(pairedBootstrap([1, 0, 1], [1, 0, 1], { resamples: 500, seed: 1 })).toEqual([0, 0]);
  });

  it("refuses unpaired inputs", () => {
    expect(() => pairedBootstrap([1], [1, 0], { resamples: 10, seed: 1 })).toThrow(/equal lengths/);
  });
});

describe("seededRandom", () => {
  it("gives the same stream on every machine", () => {
    const random = seededRandom(42);
    const first = [random(), random(), random()];
    const again = seededRandom(42);
    expect([again(), again(), again()]).toEqual(first);
    for (const x of first) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of first) expect(x).toBeLessThan(1);
  });
});
