/**
 * What the search runner needs from the search space and the algorithms (core/search/space,
 * core/search/algorithms), as structural types: the runner drives any algorithm with this
 * shape, and tests drive it with small fakes.
 */
import type { SearchAlgorithmName, SearchConfig } from "../../api/search-types";
import type { Architecture } from "../../graph/schema";
import type { AlgorithmOptions, SearchAlgorithm } from "../algorithms/types";

/** The algorithms' own types (core/search/algorithms), under the names the runner uses. */
export type { Suggestion as TrialSuggestion, Outcome as TrialOutcome, AlgorithmOptions } from "../algorithms/types";

/**
 * What the runner needs of an algorithm (its name aside, so tests can drive it with small
 * fakes). Contract: the same seed and the same sequence of `observe` calls (outcomes fed in
 * suggestion order) give the same suggestions, which makes a resumed search equal an
 * uninterrupted one.
 */
export type RunnableAlgorithm = Pick<SearchAlgorithm, "suggest" | "observe" | "done">;

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
