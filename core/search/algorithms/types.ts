/** The interface every search algorithm implements, as the runner (core/search/run) drives it. */
import type { SearchAlgorithmName, SearchConfig } from "../../api/search-types";

/** A configuration to evaluate, on the first `fidelity` items of the dev split (always the same item order). */
export interface Suggestion {
  config: SearchConfig;
  /** Number of dev items to score it on: a prefix length, so a promotion pays only for the new items. */
  fidelity: number;
}

/**
 * What became of a suggestion. `excluded`: over the per-query budget by the cost estimator,
 * never run; it does not count as an evaluation and is never suggested again.
 */
export type Outcome = { score: number } | { excluded: true } | { failed: true };

export interface SearchAlgorithm {
  readonly name: SearchAlgorithmName;
  /**
   * Up to `n` new suggestions. Fewer (possibly none) while the next ones depend on outcomes
   * still pending; none once `done`. Deterministic: the same seed and the same sequence of
   * `suggest` and `observe` calls give the same suggestions.
   */
  suggest(n: number): Suggestion[];
  /** The outcome of a suggestion this algorithm made (matched by config and fidelity). @throws Error for a suggestion that is not pending */
  observe(suggestion: Suggestion, outcome: Outcome): void;
  /** True once `maxTrials` evaluations were suggested (excluded ones do not count) or the space is exhausted. */
  readonly done: boolean;
}

export interface AlgorithmOptions {
  /** Any integer; the same seed gives the same search. */
  seed: number;
  /** Evaluations to suggest (excluded suggestions do not count; a successive-halving promotion does). */
  maxTrials: number;
  /** Items of the dev split: the fidelity of a full evaluation. */
  maxFidelity: number;
  /** Successive halving: items of its first rung. @default max(1, round(maxFidelity / eta^3)) */
  minFidelity?: number;
  /** Successive halving: keep the best 1/eta of a rung, on eta times the items. @default 3 */
  eta?: number;
  /** Bayesian optimisation: random configurations before the model guides. @default max(5, 2 x dimensions), at most maxTrials / 2 */
  initialPoints?: number;
  /** Bayesian optimisation: random candidates expected improvement is maximised over, per suggestion. @default 400 */
  poolSize?: number;
}
