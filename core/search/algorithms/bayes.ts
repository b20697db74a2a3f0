/**
 * Bayesian optimisation, as Archon's search does it: initial configurations (a Latin-hypercube
 * design: every option of every dimension early, ranges evenly covered), then a Gaussian
 * process (gp.ts) on the encoded configurations (core/search/space/encode.ts: integers and
 * floats scaled, log ranges on a log scale, one-hot choices, subset membership bits, inactive
 * conditional dimensions at a fixed value) and the configuration with the highest expected
 * improvement in a candidate pool: fresh random configurations plus local mutations of the best
 * ones, none suggested before (proposer.ts).
 *
 * Over-budget configurations (`excluded` outcomes) cost no evaluation but teach the search
 * where the budget ends: a second model, fitted to +1 (ran) / -1 (excluded), gives a
 * probability of being within budget, and expected improvement is weighted by it
 * (constrained EI, Gardner et al. 2014); candidates it finds unlikely are passed over. Several
 * suggestions at once are chosen one by one, each chosen point added to the model at its
 * predicted mean (the kriging believer), so a batch spreads out. Everything is seeded; the fit
 * is deterministic.
 *
 * Why a GP and not TPE: the spaces here are small (a handful of dimensions, a few hundred
 * evaluations at most), where a GP's smooth model of score against samples, layers and
 * fusers extrapolates better from few points, and the conditional structure is handled by the
 * encoding; TPE's advantage is on large, deeply conditional spaces with thousands of trials.
 */
import type { SearchConfig } from "../../api/search-types";
import { createRng } from "../space/rng";
import type { ResolvedSpace } from "../space/types";
import { Ledger } from "./ledger";
import { latinDesign } from "./moves";
import { EiProposer, proposalData } from "./proposer";
import { FreshConfigs } from "./random";
import type { AlgorithmOptions, Outcome, SearchAlgorithm, Suggestion } from "./types";

export class BayesianSearch implements SearchAlgorithm {
  readonly name = "bayes" as const;
  private readonly ledger: Ledger;
  private readonly fresh: FreshConfigs;
  private readonly proposer: EiProposer;
  private readonly initial: number;
  private readonly design: SearchConfig[];
  private exhausted = false;

  constructor(
    space: ResolvedSpace,
    private readonly options: AlgorithmOptions,
  ) {
    this.ledger = new Ledger(space, options.maxTrials);
    const rng = createRng(options.seed);
    this.fresh = new FreshConfigs(space, this.ledger, rng.fork(1));
    this.proposer = new EiProposer(space, rng, this.fresh, options.poolSize ?? 400);
    const byDimensions = Math.max(5, 2 * space.dimensions.length);
    this.initial = Math.max(1, options.initialPoints ?? Math.min(byDimensions, Math.max(1, Math.floor(options.maxTrials / 2))));
    this.design = latinDesign(space, this.initial, rng.fork(2));
  }

  get done(): boolean {
    return this.ledger.full || this.exhausted;
  }

  suggest(n: number): Suggestion[] {
    const out: Suggestion[] = [];
    const scored = (): number => this.ledger.observations.filter((o) => "score" in o.outcome).length;
    // The initial design until `initial` configurations have been scored (excluded ones do not count).
    while (out.length < n && !this.done && scored() + this.ledger.pendingCount < this.initial) {
      const config = this.nextInitial();
      if (config === undefined) {
        this.exhausted = true;
        break;
      }
      out.push(this.ledger.add(config, this.options.maxFidelity));
    }
    if (out.length >= n || this.done) return out;
    if (scored() === 0) {
      // Nothing to model yet (all pending, or all excluded so far): keep exploring at random.
      if (this.ledger.pendingCount > 0) return out;
      const config = this.fresh.next();
      if (config === undefined) this.exhausted = true;
      else out.push(this.ledger.add(config, this.options.maxFidelity));
      return out;
    }
    const left = Math.min(n - out.length, this.options.maxTrials - this.ledger.evaluations);
    const proposed = this.proposer.propose(left, proposalData(this.ledger));
    if (proposed.length === 0) this.exhausted = this.fresh.exhausted;
    for (const config of proposed) out.push(this.ledger.add(config, this.options.maxFidelity));
    return out;
  }

  observe(suggestion: Suggestion, outcome: Outcome): void {
    this.ledger.resolve(suggestion, outcome);
  }

  /** The next point of the Latin-hypercube initial design not suggested yet, then random ones. */
  private nextInitial(): SearchConfig | undefined {
    while (this.design.length > 0) {
      const config = this.design.shift() as SearchConfig;
      if (!this.ledger.seen(this.ledger.key(config))) return config;
    }
    return this.fresh.next();
  }
}
