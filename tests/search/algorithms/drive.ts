/** Drives an algorithm the way the runner does: suggest a batch, observe each outcome in suggestion order. */
import type { SearchConfig } from "../../../core/api/search-types";
import type { Outcome, SearchAlgorithm, Suggestion } from "../../../core/search/algorithms";

export interface Run {
  suggestions: Suggestion[];
  outcomes: Outcome[];
  /** Size of each batch suggest() returned. */
  batches: number[];
}

export function drive(algorithm: SearchAlgorithm, objective: (s: Suggestion) => Outcome, batch = 1, limit = 100_000): Run {
  const run: Run = { suggestions: [], outcomes: [], batches: [] };
  while (!algorithm.done && run.suggestions.length < limit) {
    const suggestions = algorithm.suggest(batch);
    if (suggestions.length === 0) break;
    run.batches.push(suggestions.length);
    for (const s of suggestions) {
      const outcome = objective(s);
      run.suggestions.push(s);
      run.outcomes.push(outcome);
      algorithm.observe(s, outcome);
    }
  }
  return run;
}

/** A smooth objective on the synthetic space: best 0.5 at mode b, n 16, t 0.6, flag on, k 10. */
export function synthetic(config: SearchConfig): number {
  const mode = { a: 0, b: 0.3, c: 0.1 }[config["mode"] as "a" | "b" | "c"];
  const n = config["n"] as number;
  const t = config["t"] as number;
  const flag = config["flag"] === true ? 0.2 - (((config["k"] as number) - 10) / 8) ** 2 : 0;
  return mode - (Math.log2(n) - 4) ** 2 / 16 - (t - 0.6) ** 2 + flag;
}

export const SYNTHETIC_BEST = 0.5;

export function keyOf(s: Suggestion): string {
  return `${JSON.stringify(Object.entries(s.config).sort(([a], [b]) => a.localeCompare(b)))}@${s.fidelity}`;
}
