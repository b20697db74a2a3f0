/**
 * What the search runner needs from the search space and the algorithms (core/search/space,
 * core/search/algorithms), as structural types: the runner drives any algorithm with this
 * shape, and tests drive it with small fakes.
 */
import type { SearchAlgorithmName, SearchConfig } from "../../api/search-types";
import type { Architecture } from "../../graph/schema";

/** One configuration to try and how many items (the first ones of the split) to score it on. */
export interface TrialSuggestion {
  config: SearchConfig;
  fidelity: number;
}

/** What a trial told the algorithm: its score, or that it was not scored. */
export type TrialOutcome = { score: number } | { excluded: true } | { failed: true };

/**
 * A seeded search algorithm. Contract: the same seed and the same sequence of `observe` calls
 * (outcomes fed in suggestion order) give the same suggestions, which is what makes a resumed
 * search equal an uninterrupted one.
 */
export interface RunnableAlgorithm {
  /** Up to `n` new suggestions; fewer (or none) when it needs outcomes first or has no more. */
  suggest(n: number): TrialSuggestion[];
  observe(suggestion: TrialSuggestion, outcome: TrialOutcome): void;
  /** No more suggestions will come. */
  readonly done: boolean;
}

export interface AlgorithmOptions {
  seed: number;
  maxTrials: number;
  /** Items at full fidelity. */
  maxFidelity: number;
  /** Items of the first rung (multi-fidelity methods). */
  minFidelity?: number;
  /** Successive halving's reduction factor. */
  eta?: number;
}

/** The space and algorithm functions the runner calls; the default is the real modules (backend.ts). */
export interface SearchBackend<Space = unknown> {
  /** Reads and validates a space file. @throws SearchSpaceError (or any error naming the file) */
  loadSpace(file: string, options?: { knownModels?: (id: string) => boolean }): Promise<Space>;
  materialize(space: Space, config: SearchConfig): Architecture;
  /** Distinct configurations in the space (Infinity when unbounded). */
  spaceSize(space: Space): number;
  /** Configurations grid search visits (float ranges at their grid levels). @default spaceSize */
  gridSize?(space: Space): number;
  createAlgorithm(name: SearchAlgorithmName, space: Space, options: AlgorithmOptions): RunnableAlgorithm;
  /** Up to `count` configurations for the worst-case spend: all of a small space, else seeded random ones. */
  sampleConfigs(space: Space, count: number, seed: number): SearchConfig[];
}
