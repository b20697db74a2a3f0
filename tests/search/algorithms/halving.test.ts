import { describe, expect, it } from "vitest";
import { createAlgorithm, rungFidelities, type Outcome, type Suggestion } from "../../../core/search/algorithms";
import { configKey } from "../../../core/search/space";
import { loadFixtureSpace } from "../space/helpers";
import { drive, synthetic } from "./drive";

describe("successive halving", () => {
  it("rung fidelities are increasing prefix lengths ending at every item", () => {
    expect(rungFidelities(27, 1, 3, 4)).toEqual([1, 3, 9, 27]);
    expect(rungFidelities(100, 4, 3, 4)).toEqual([4, 11, 33, 100]);
    expect(rungFidelities(10, 1, 3, 4)).toEqual([1, 3, 10]);
    expect(rungFidelities(50, 5, 2, 1)).toEqual([50]);
  });

  it("scores many configurations on few items and promotes the best third to three times the items", async () => {
    const space = await loadFixtureSpace("synthetic");
    const halving = createAlgorithm("halving", space, { seed: 1, maxTrials: 40, maxFidelity: 27, minFidelity: 1, eta: 3 });
    const run = drive(halving, (s) => ({ score: synthetic(s.config) }), 4);
    // Hyperband's most aggressive bracket: 27 on 1 item, 9 on 3, 3 on 9, 1 on 27.
    const byFidelity = (f: number): Suggestion[] => run.suggestions.filter((s) => s.fidelity === f);
    expect([1, 3, 9, 27].map((f) => byFidelity(f).length)).toEqual([27, 9, 3, 1]);
    expect(run.suggestions.map((s) => s.fidelity)).toEqual([...Array(27).fill(1), ...Array(9).fill(3), ...Array(3).fill(9), 27]);
    const key = (s: Suggestion): string => configKey(space, s.config);
    for (const [from, to, kept] of [[1, 3, 9], [3, 9, 3], [9, 27, 1]] as const) {
      const ranked = byFidelity(from).sort((a, b) => synthetic(b.config) - synthetic(a.config));
      expect(new Set(byFidelity(to).map(key))).toEqual(new Set(ranked.slice(0, kept).map(key)));
    }
    expect(halving.done).toBe(true);
  });

  it("replaces excluded configurations on the first rung and never promotes failed ones", async () => {
    const space = await loadFixtureSpace("synthetic");
    const outcome = (s: Suggestion): Outcome => ((s.config["n"] as number) > 32 ? { excluded: true } : s.config["mode"] === "b" ? { failed: true } : { score: synthetic(s.config) });
    const run = drive(createAlgorithm("halving", space, { seed: 2, maxTrials: 40, maxFidelity: 27, minFidelity: 1 }), outcome, 5);
    const firstRung = run.suggestions.filter((s, i) => s.fidelity === 1 && !("excluded" in (run.outcomes[i] as Outcome)));
    expect(firstRung).toHaveLength(27);
    // A promotion is a configuration seen before at a lower fidelity: it was scored there.
    const promoted = run.suggestions.filter((s, i) => run.suggestions.slice(0, i).some((earlier) => configKey(space, earlier.config) === configKey(space, s.config)));
    expect(promoted.length).toBeGreaterThan(0);
    for (const s of promoted) {
      const earlier = run.suggestions.findIndex((e) => configKey(space, e.config) === configKey(space, s.config));
      expect("score" in (run.outcomes[earlier] as Outcome)).toBe(true);
      expect(s.config["mode"]).not.toBe("b");
    }
  });

  it("shrinks a bracket to the evaluations left and cycles to less aggressive brackets", async () => {
    const space = await loadFixtureSpace("synthetic");
    const run = drive(createAlgorithm("halving", space, { seed: 3, maxTrials: 100, maxFidelity: 27, minFidelity: 1 }), (s) => ({ score: synthetic(s.config) }), 8);
    expect(run.suggestions).toHaveLength(100);
    const fidelities = run.suggestions.map((s) => s.fidelity);
    // Bracket 1 starts on 1 item; bracket 2 on 3 items.
    expect(fidelities.slice(0, 27).every((f) => f === 1)).toBe(true);
    expect(fidelities[40]).toBe(3);
  });
});
