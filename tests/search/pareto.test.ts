import { describe, expect, it } from "vitest";
import { bestUnderBudget, budgetSteps, paretoFront } from "../../core/search/pareto";

const points = [
  { id: "a", score: 0.5, costPerQueryUsd: 0.01 },
  { id: "b", score: 0.7, costPerQueryUsd: 0.05 },
  { id: "c", score: 0.6, costPerQueryUsd: 0.06 }, // dominated by b
  { id: "d", score: 0.8, costPerQueryUsd: 0.2 },
  { id: "e", score: 0.4, costPerQueryUsd: 0.01 }, // same cost as a, lower score
  { id: "f", score: 0.7, costPerQueryUsd: 0.05 }, // equal to b: the first one is kept
  { id: "g", score: 0.8, costPerQueryUsd: 0.3 }, // same score as d, dearer
  { id: "h", score: Number.NaN, costPerQueryUsd: 0 },
];

describe("the Pareto front of score against cost per query", () => {
  it("keeps the undominated points, cheapest first", () => {
    expect(paretoFront(points).map((p) => p.id)).toEqual(["a", "b", "d"]);
    expect(paretoFront([])).toEqual([]);
  });

  it("answers best under budget for any budget", () => {
    const table = [0, 0.009, 0.01, 0.04, 0.05, 0.1, 0.2, 1].map((b) => [b, bestUnderBudget(points, b)?.id]);
    expect(table).toEqual([
      [0, undefined],
      [0.009, undefined],
      [0.01, "a"],
      [0.04, "a"],
      [0.05, "b"],
      [0.1, "b"],
      [0.2, "d"],
      [1, "d"],
    ]);
  });

  it("gives the same answers as steps of the front", () => {
    const steps = budgetSteps(points);
    expect(steps.map((s) => [s.fromUsd, s.toUsd, s.point.id])).toEqual([
      [0.01, 0.05, "a"],
      [0.05, 0.2, "b"],
      [0.2, undefined, "d"],
    ]);
    for (const budget of [0.01, 0.03, 0.05, 0.19, 0.2, 5]) {
      const step = steps.find((s) => budget >= s.fromUsd && (s.toUsd === undefined || budget < s.toUsd));
      expect(step?.point.id).toBe(bestUnderBudget(points, budget)?.id);
    }
  });
});
