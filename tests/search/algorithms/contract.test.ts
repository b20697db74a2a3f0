import { describe, expect, it } from "vitest";
import { SEARCH_ALGORITHMS } from "../../../core/api/search-types";
import { createAlgorithm, type Outcome, type Suggestion } from "../../../core/search/algorithms";
import { configKey } from "../../../core/search/space";
import { loadFixtureSpace } from "../space/helpers";
import { drive, keyOf, synthetic } from "./drive";

const score = (s: Suggestion): Outcome => ({ score: synthetic(s.config) });

describe.each(SEARCH_ALGORITHMS)("%s", (name) => {
  const options = { seed: 42, maxTrials: 40, maxFidelity: 27 };

  it("makes the same suggestions for the same seed and observations", async () => {
    const space = await loadFixtureSpace("synthetic");
    const a = drive(createAlgorithm(name, space, options), score, 3);
    const b = drive(createAlgorithm(name, space, options), score, 3);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(b.suggestions).toEqual(a.suggestions);
    expect(b.batches).toEqual(a.batches);
    if (name !== "grid") {
      const c = drive(createAlgorithm(name, space, { ...options, seed: 43 }), score, 3);
      expect(c.suggestions).not.toEqual(a.suggestions);
    }
  });

  it("a search resumed by replaying its outcomes continues as the uninterrupted one", async () => {
    const space = await loadFixtureSpace("synthetic");
    const whole = drive(createAlgorithm(name, space, options), score, 4);
    // Interrupted after 3 batches: a new algorithm replays the stored outcomes, then goes on.
    const resumed = createAlgorithm(name, space, options);
    const stored = new Map(whole.suggestions.slice(0, 12).map((s, i) => [keyOf(s), whole.outcomes[i] as Outcome]));
    const replayed = drive(resumed, (s) => stored.get(keyOf(s)) ?? score(s), 4);
    expect(replayed.suggestions).toEqual(whole.suggestions);
  });

  it("never suggests the same configuration at the same fidelity twice, and stops at maxTrials", async () => {
    const space = await loadFixtureSpace("synthetic");
    const run = drive(createAlgorithm(name, space, options), score, 2);
    const keys = run.suggestions.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.suggestions.length).toBe(40);
    if (name !== "halving") expect(run.suggestions.every((s) => s.fidelity === 27)).toBe(true);
  });

  it("excluded configurations do not count as evaluations and are never suggested again", async () => {
    const space = await loadFixtureSpace("synthetic");
    // Over budget: n above 8.
    const outcome = (s: Suggestion): Outcome => ((s.config["n"] as number) > 8 ? { excluded: true } : score(s));
    const run = drive(createAlgorithm(name, space, { ...options, maxTrials: 30 }), outcome, 3);
    const excluded = new Set(run.suggestions.filter((_, i) => "excluded" in (run.outcomes[i] as Outcome)).map((s) => configKey(space, s.config)));
    const evaluated = run.outcomes.filter((o) => !("excluded" in o)).length;
    expect(evaluated).toBe(30);
    const seen = new Set<string>();
    for (const s of run.suggestions) {
      const key = configKey(space, s.config);
      if (excluded.has(key)) {
        expect(seen.has(key), `${key} suggested again after it was excluded`).toBe(false);
      }
      seen.add(key);
    }
  });

  it("rejects observations of suggestions it did not make", async () => {
    const space = await loadFixtureSpace("synthetic");
    const algorithm = createAlgorithm(name, space, options);
    const [first] = algorithm.suggest(1);
    expect(first).toBeDefined();
    algorithm.observe(first as Suggestion, { score: 0 });
    expect(() => algorithm.observe(first as Suggestion, { score: 0 })).toThrow(/not a pending suggestion/);
  });
});

describe("finite spaces", () => {
  it("grid search visits every configuration exactly once, then is done", async () => {
    const space = await loadFixtureSpace("small-grid");
    const grid = createAlgorithm("grid", space, { seed: 0, maxTrials: 1000, maxFidelity: 10 });
    const run = drive(grid, () => ({ score: 0 }), 5);
    expect(run.suggestions).toHaveLength(22);
    expect(new Set(run.suggestions.map((s) => configKey(space, s.config))).size).toBe(22);
    expect(grid.done).toBe(true);
    expect(grid.suggest(5)).toEqual([]);
    const capped = drive(createAlgorithm("grid", space, { seed: 0, maxTrials: 10, maxFidelity: 10 }), () => ({ score: 0 }), 4);
    expect(capped.suggestions).toEqual(run.suggestions.slice(0, 10));
  });

  it.each(["random", "greedy", "bayes", "halving"] as const)("%s exhausts a small space without repeating", async (name) => {
    const space = await loadFixtureSpace("small-grid");
    const algorithm = createAlgorithm(name, space, { seed: 5, maxTrials: 1000, maxFidelity: 9 });
    const run = drive(algorithm, (s) => ({ score: ((s.config["samples"] as number | undefined) ?? 0) / 10 }), 3);
    const atFull = run.suggestions.filter((s) => s.fidelity === 9 || name !== "halving");
    expect(new Set(atFull.map((s) => configKey(space, s.config))).size).toBe(atFull.length);
    expect(algorithm.done).toBe(true);
    if (name !== "halving") expect(run.suggestions).toHaveLength(22);
    else expect(new Set(run.suggestions.map((s) => configKey(space, s.config))).size).toBe(22);
  });

  it("checks its options", async () => {
    const space = await loadFixtureSpace("small-grid");
    expect(() => createAlgorithm("random", space, { seed: 0, maxTrials: 0, maxFidelity: 1 })).toThrow(/maxTrials/);
    expect(() => createAlgorithm("halving", space, { seed: 0, maxTrials: 5, maxFidelity: 10, eta: 1 })).toThrow(/eta/);
    expect(() => createAlgorithm("halving", space, { seed: 0, maxTrials: 5, maxFidelity: 10, minFidelity: 11 })).toThrow(/minFidelity/);
  });
});
