import { describe, expect, it } from "vitest";
import { createAlgorithm, incumbentOf, type Outcome, type SearchAlgorithm, type Suggestion } from "../../../core/search/algorithms";
import { expectedImprovement, fitHyperparameters, GaussianProcess, normalCdf } from "../../../core/search/algorithms/gp";
import type { ResolvedSpace } from "../../../core/search/space";
import { loadFixtureSpace } from "../space/helpers";
import { drive, SYNTHETIC_BEST, synthetic } from "./drive";

function bestAfter(make: (seed: number) => SearchAlgorithm, objective: (s: Suggestion) => Outcome, seed: number): number {
  const run = drive(make(seed), objective, 1);
  return Math.max(...run.outcomes.map((o) => ("score" in o ? o.score : -Infinity)));
}

const score = (s: Suggestion): Outcome => ({ score: synthetic(s.config) });

describe("the Gaussian process", () => {
  it("interpolates what it saw and is unsure far from it", () => {
    const x = [[0], [0.25], [0.5], [0.75], [1]];
    const y = x.map(([v]) => Math.sin(6 * (v as number)));
    const hyper = fitHyperparameters(x, y, { dimensions: 1, groups: [0] });
    const gp = GaussianProcess.fit(x, y, hyper, [0]);
    const near = gp?.predict([[0.5]]);
    expect(near?.mean[0]).toBeCloseTo(y[2] as number, 2);
    expect(near?.std[0]).toBeLessThan(0.05);
    const far = gp?.predict([[3]]);
    expect(far?.std[0]).toBeGreaterThan(0.9);
  });

  it("expected improvement and the normal distribution", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(expectedImprovement(0, 1, 0, 0)).toBeCloseTo(0.3989, 3);
    expect(expectedImprovement(1, 0, 0, 0)).toBe(1);
    expect(expectedImprovement(-1, 1e-3, 0)).toBeCloseTo(0, 6);
  });
});

describe("Bayesian optimisation", () => {
  const seeds = Array.from({ length: 10 }, (_, i) => i);
  let space: ResolvedSpace;

  it("finds better configurations than random search in 30 evaluations, over 10 seeds", async () => {
    space = await loadFixtureSpace("synthetic");
    const options = { maxTrials: 30, maxFidelity: 10 };
    const bayes = seeds.map((seed) => bestAfter((s) => createAlgorithm("bayes", space, { ...options, seed: s }), score, seed));
    const random = seeds.map((seed) => bestAfter((s) => createAlgorithm("random", space, { ...options, seed: s }), score, seed));
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const regret = (v: number[]): number => SYNTHETIC_BEST - mean(v);
    // Bayesian optimisation's mean regret is well under half of random search's.
    expect(regret(bayes)).toBeLessThan(0.5 * regret(random));
    expect(seeds.filter((i) => (bayes[i] as number) >= (random[i] as number)).length).toBeGreaterThanOrEqual(8);
  });

  it("learns where the budget ends: after its random start it rarely suggests deep inside the excluded region", async () => {
    space ??= await loadFixtureSpace("synthetic");
    // Over budget: n above 8. Deep inside: n of 24 or more (a fifth of random draws, log-uniform on 1..64).
    const outcome = (s: Suggestion): Outcome => ((s.config["n"] as number) > 8 ? { excluded: true } : score(s));
    const deepShare = (name: "bayes" | "random"): number => {
      let deep = 0;
      let total = 0;
      for (const seed of seeds) {
        const run = drive(createAlgorithm(name, space, { seed, maxTrials: 40, maxFidelity: 10 }), outcome, 1);
        const later = run.suggestions.slice(30); // past the initial random points and their exclusions
        deep += later.filter((s) => (s.config["n"] as number) >= 24).length;
        total += later.length;
      }
      return deep / total;
    };
    const random = deepShare("random");
    expect(random).toBeGreaterThan(0.15);
    // Near the boundary (n 9-16, where the score model expects more) it still probes: those cost no evaluation.
    expect(deepShare("bayes")).toBeLessThan(0.04);
  });

  it("greedy coordinate ascent climbs a separable objective to its optimum", async () => {
    space ??= await loadFixtureSpace("small-grid");
    const grid = await loadFixtureSpace("small-grid");
    const value = (s: Suggestion): Outcome => ({ score: (s.config["critic"] === true ? 1 : 0) + ({ first: 0, vote: 1, "verify-vote": 2 }[s.config["aggregation"] as string] ?? 0) + (((s.config["samples"] as number | undefined) ?? 0) / 10) });
    for (const seed of [0, 1, 2]) {
      const run = drive(createAlgorithm("greedy", grid, { seed, maxTrials: 14, maxFidelity: 5 }), value, 1);
      const best = incumbentOf(run.suggestions.map((s, i) => ({ ...s, score: (run.outcomes[i] as { score: number }).score })));
      expect(best?.config).toEqual({ critic: true, aggregation: "verify-vote", samples: 5 });
    }
  });
});

describe("incumbentOf", () => {
  it("prefers the highest fidelity, then the best score, then the earlier trial", () => {
    const trials = [
      { config: { a: 1 }, fidelity: 3, score: 0.9 },
      { config: { a: 2 }, fidelity: 9, score: 0.5 },
      { config: { a: 3 }, fidelity: 9, score: 0.6 },
      { config: { a: 4 }, fidelity: 9, score: 0.6 },
      { config: { a: 5 }, fidelity: 27 },
    ];
    expect(incumbentOf(trials)?.config).toEqual({ a: 3 });
    expect(incumbentOf([])).toBeUndefined();
  });
});
