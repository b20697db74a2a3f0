/**
 * Random search: each active dimension drawn independently (log-uniformly on log ranges), as
 * Bergstra and Bengio define it; a configuration already suggested is drawn again. When draws
 * keep hitting suggested ones (a small space nearly used up), the configurations not yet
 * suggested are listed and taken in a seeded random order, so a finite space is exhausted
 * exactly.
 */
import type { SearchConfig } from "../../api/search-types";
import { enumerateConfigs, sampleConfig, spaceSize } from "../space/config";
import { createRng, type Rng } from "../space/rng";
import type { ResolvedSpace } from "../space/types";
import { Ledger } from "./ledger";
import type { AlgorithmOptions, Outcome, SearchAlgorithm, Suggestion } from "./types";

/** Spaces up to this size are listed once draws stop finding new configurations. */
const MAX_LISTED = 1_000_000;
/** Draws tried before falling back to the list. */
const DRAWS = 64;

/** Fresh configurations in random order: draws first, then the unsuggested rest of a finite space. */
export class FreshConfigs {
  private rest: SearchConfig[] | undefined;
  exhausted = false;

  constructor(
    private readonly space: ResolvedSpace,
    private readonly ledger: Ledger,
    private readonly rng: Rng,
  ) {}

  next(): SearchConfig | undefined {
    if (this.exhausted) return undefined;
    if (this.rest === undefined) {
      for (let i = 0; i < DRAWS; i++) {
        const config = sampleConfig(this.space, this.rng);
        if (!this.ledger.seen(this.ledger.key(config))) return config;
      }
      const size = spaceSize(this.space);
      if (size === null || size > MAX_LISTED) {
        this.exhausted = true;
        return undefined;
      }
      this.rest = this.rng.shuffle([...enumerateConfigs(this.space)].filter((c) => !this.ledger.seen(this.ledger.key(c))));
    }
    while (this.rest.length > 0) {
      const config = this.rest.pop() as SearchConfig;
      if (!this.ledger.seen(this.ledger.key(config))) return config;
    }
    this.exhausted = true;
    return undefined;
  }

  /**
   * Up to `count` configurations not suggested yet, without using them up (a candidate pool):
   * draws, or random picks from the unsuggested rest of a small space. May repeat one.
   */
  some(count: number): SearchConfig[] {
    const out: SearchConfig[] = [];
    if (this.exhausted) return out;
    if (this.rest === undefined) {
      let misses = 0;
      while (out.length < count && misses < DRAWS) {
        const config = sampleConfig(this.space, this.rng);
        if (this.ledger.seen(this.ledger.key(config))) misses++;
        else out.push(config);
      }
      if (out.length >= count || out.length > 0) return out;
      const first = this.next(); // switches to the listed rest, or finds the space exhausted
      if (first === undefined) return out;
      (this.rest as SearchConfig[] | undefined)?.push(first);
      if (this.rest === undefined) return [first];
    }
    const rest = this.rest as SearchConfig[];
    this.rest = rest.filter((c) => !this.ledger.seen(this.ledger.key(c)));
    if (this.rest.length === 0) {
      this.exhausted = true;
      return out;
    }
    if (this.rest.length <= count) return [...this.rest];
    for (let i = 0; i < count; i++) out.push(this.rng.pick(this.rest));
    return out;
  }
}

export class RandomSearch implements SearchAlgorithm {
  readonly name = "random" as const;
  private readonly ledger: Ledger;
  private readonly fresh: FreshConfigs;

  constructor(
    space: ResolvedSpace,
    private readonly options: AlgorithmOptions,
  ) {
    this.ledger = new Ledger(space, options.maxTrials);
    this.fresh = new FreshConfigs(space, this.ledger, createRng(options.seed));
  }

  get done(): boolean {
    return this.ledger.full || this.fresh.exhausted;
  }

  suggest(n: number): Suggestion[] {
    const out: Suggestion[] = [];
    while (out.length < n && !this.done) {
      const config = this.fresh.next();
      if (config === undefined) break;
      out.push(this.ledger.add(config, this.options.maxFidelity));
    }
    return out;
  }

  observe(suggestion: Suggestion, outcome: Outcome): void {
    this.ledger.resolve(suggestion, outcome);
  }
}
