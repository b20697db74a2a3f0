/**
 * The search algorithms (one file each), behind one interface the runner drives:
 * `suggest(n)` -> evaluate -> `observe(suggestion, outcome)`, until `done`. All are seeded and
 * deterministic given the same sequence of calls, so a resumed search that replays its stored
 * outcomes makes the same suggestions as an uninterrupted one.
 */
import type { SearchAlgorithmName, SearchConfig } from "../../api/search-types";
import type { ResolvedSpace } from "../space/types";
import { BayesianSearch } from "./bayes";
import { GreedySearch } from "./greedy";
import { GridSearch } from "./grid";
import { SuccessiveHalving } from "./halving";
import { RandomSearch } from "./random";
import type { AlgorithmOptions, SearchAlgorithm } from "./types";

export type { AlgorithmOptions, Outcome, SearchAlgorithm, Suggestion } from "./types";
export { rungFidelities, DEFAULT_ETA } from "./halving";

/** @throws RangeError for options out of range (maxTrials < 1, maxFidelity < 1, eta < 2) */
export function createAlgorithm(name: SearchAlgorithmName, space: ResolvedSpace, options: AlgorithmOptions): SearchAlgorithm {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`the search seed must be an integer, got ${options.seed}`);
  if (!(options.maxTrials >= 1)) throw new RangeError(`maxTrials must be at least 1, got ${options.maxTrials}`);
  if (!(options.maxFidelity >= 1)) throw new RangeError(`maxFidelity (the dev items) must be at least 1, got ${options.maxFidelity}`);
  if (options.eta !== undefined && !(options.eta >= 2)) throw new RangeError(`eta must be at least 2, got ${options.eta}`);
  if (options.minFidelity !== undefined && !(options.minFidelity >= 1 && options.minFidelity <= options.maxFidelity)) {
    throw new RangeError(`minFidelity must be between 1 and maxFidelity (${options.maxFidelity}), got ${options.minFidelity}`);
  }
  switch (name) {
    case "random":
      return new RandomSearch(space, options);
    case "grid":
      return new GridSearch(space, options);
    case "greedy":
      return new GreedySearch(space, options);
    case "bayes":
      return new BayesianSearch(space, options);
    case "halving":
      return new SuccessiveHalving(space, options);
  }
}

/**
 * The configuration a search would answer with now: the best score among the trials at the
 * highest fidelity any trial reached (a multi-fidelity search's low rungs are not comparable
 * with full evaluations); ties go to the earlier trial.
 */
export function incumbentOf<T extends { config: SearchConfig; fidelity: number; score?: number | undefined }>(trials: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const trial of trials) {
    if (trial.score === undefined || !Number.isFinite(trial.score)) continue;
    if (best === undefined || trial.fidelity > best.fidelity || (trial.fidelity === best.fidelity && trial.score > (best.score as number))) best = trial;
  }
  return best;
}
