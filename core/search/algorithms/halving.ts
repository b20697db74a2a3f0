/**
 * Multi-fidelity search: successive halving in Hyperband's brackets (Li et al. 2018), with
 * model-based brackets as in BOHB (Falkner et al. 2018). A bracket scores many configurations
 * on the first few dev items, keeps the best 1/eta, scores those on eta times as many items,
 * and so on up to every item. Fidelity is a prefix length of the same item order, so with the
 * runner's call cache a promoted configuration pays only for its new items. Brackets cycle from
 * the most aggressive (most configurations, fewest items) to plain full evaluation, hedging
 * against low fidelities that mislead. The first bracket's configurations are a Latin-hypercube
 * design; in later brackets two thirds are proposed by expected improvement (proposer.ts), with
 * a Gaussian process on the scores at the highest fidelity that has at least dimensions + 1 of
 * them, and a third are random.
 *
 * Every suggestion counts against `maxTrials`, promotions included; a bracket is shrunk to
 * fit what is left. A rung waits for all its outcomes before promoting. Excluded
 * configurations are replaced by fresh ones on the first rung and never count; failed ones
 * are never promoted. Ties are broken by suggestion order.
 */
import type { SearchConfig } from "../../api/search-types";
import { createRng, type Rng } from "../space/rng";
import type { ResolvedSpace } from "../space/types";
import { Ledger } from "./ledger";
import { latinDesign } from "./moves";
import { EiProposer, proposalData } from "./proposer";
import { FreshConfigs } from "./random";
import type { AlgorithmOptions, Outcome, SearchAlgorithm, Suggestion } from "./types";

/** @default 3 */
export const DEFAULT_ETA = 3;

/** Share of a model-based bracket's first rung drawn at random (BOHB's rho), so the model cannot shut out a region for good. */
const RANDOM_SHARE = 1 / 3;

/** The fidelities of a bracket with `rungs` rungs: maxFidelity / eta^(rungs-1-i), rounded, increasing, the last = maxFidelity. */
export function rungFidelities(maxFidelity: number, minFidelity: number, eta: number, rungs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rungs; i++) {
    const f = i === rungs - 1 ? maxFidelity : Math.max(minFidelity, Math.round(maxFidelity / eta ** (rungs - 1 - i)));
    if (out.length === 0 || f > (out[out.length - 1] as number)) out.push(f);
  }
  return out;
}

interface Entry {
  config: SearchConfig;
  key: string;
  /** Order of first suggestion, for ties. */
  order: number;
}

interface Bracket {
  fidelities: number[];
  /** Configurations per rung. */
  sizes: number[];
  rung: number;
  /** Still to suggest on the current rung. */
  queue: Entry[];
  /** Suggested on the current rung (scored, failed or pending). */
  members: Entry[];
  /** Keys whose outcome on the current rung is awaited. */
  awaiting: Set<string>;
  /** Scores on the current rung. */
  results: Map<string, number>;
  /** New configurations still to draw for the first rung. */
  toDraw: number;
  /** The model's proposals for the first rung (model-based brackets), drawn before random ones. */
  proposals: SearchConfig[];
}

export class SuccessiveHalving implements SearchAlgorithm {
  readonly name = "halving" as const;
  private readonly ledger: Ledger;
  private readonly fresh: FreshConfigs;
  private readonly proposer: EiProposer;
  private readonly designRng: Rng;
  private readonly eta: number;
  private readonly minFidelity: number;
  /** Rungs of the most aggressive bracket. */
  private readonly maxRungs: number;
  /** Scored configurations at one fidelity before the model proposes (BOHB's d + 1, at least 3). */
  private readonly modelMinimum: number;
  private bracketIndex = 0;
  private bracket: Bracket | undefined;
  private order = 0;
  private exhausted = false;

  constructor(
    private readonly space: ResolvedSpace,
    private readonly options: AlgorithmOptions,
  ) {
    this.ledger = new Ledger(space, options.maxTrials);
    const rng = createRng(options.seed);
    this.fresh = new FreshConfigs(space, this.ledger, rng);
    this.proposer = new EiProposer(space, rng.fork(3), this.fresh, options.poolSize ?? 400);
    this.designRng = rng.fork(4);
    this.eta = Math.max(2, options.eta ?? DEFAULT_ETA);
    const max = Math.max(1, Math.floor(options.maxFidelity));
    this.minFidelity = Math.min(max, Math.max(1, Math.floor(options.minFidelity ?? Math.round(max / this.eta ** 3))));
    this.modelMinimum = Math.max(3, space.dimensions.length + 1);
    this.maxRungs = rungFidelities(max, this.minFidelity, this.eta, 1 + Math.max(0, Math.floor(Math.log(max / this.minFidelity) / Math.log(this.eta) + 1e-9))).length;
  }

  get done(): boolean {
    return this.ledger.full || this.exhausted;
  }

  suggest(n: number): Suggestion[] {
    const out: Suggestion[] = [];
    for (let guard = 0; out.length < n && !this.done && guard < 10_000; guard++) {
      this.bracket ??= this.newBracket();
      if (this.bracket === undefined) break;
      const b = this.bracket;
      const fidelity = b.fidelities[b.rung] as number;
      const next = b.queue.shift();
      if (next !== undefined) {
        if (this.ledger.seenAt(next.key, fidelity)) continue;
        b.members.push(next);
        b.awaiting.add(next.key);
        out.push(this.ledger.add(next.config, fidelity));
        continue;
      }
      if (b.rung === 0 && b.toDraw > 0) {
        const config = this.draw(b);
        if (config === undefined) {
          if (b.members.length === 0) this.exhausted = true;
          b.toDraw = 0;
          continue;
        }
        b.toDraw--;
        const entry = { config, key: this.ledger.key(config), order: this.order++ };
        b.members.push(entry);
        b.awaiting.add(entry.key);
        out.push(this.ledger.add(config, fidelity));
        continue;
      }
      if (b.awaiting.size > 0) break;
      this.promote(b);
    }
    return out;
  }

  observe(suggestion: Suggestion, outcome: Outcome): void {
    const observation = this.ledger.resolve(suggestion, outcome);
    const b = this.bracket;
    if (b === undefined || b.fidelities[b.rung] !== observation.fidelity || !b.awaiting.delete(observation.key)) return;
    if ("score" in outcome) b.results.set(observation.key, outcome.score);
    if ("excluded" in outcome) {
      // Leaves its rung; a fresh configuration is drawn in its place (only the first rung can see exclusions).
      b.members = b.members.filter((m) => m.key !== observation.key);
      if (b.rung === 0) b.toDraw++;
    }
  }

  /**
   * A new configuration for the first rung. After the first bracket, brackets are model-based
   * (BOHB, Falkner et al. 2018): two thirds of their first rung are proposed by expected
   * improvement, with a Gaussian process on the scores at the highest fidelity that has enough
   * of them; the rest, and replacements for excluded ones, are random.
   */
  private draw(b: Bracket): SearchConfig | undefined {
    while (b.proposals.length > 0) {
      const config = b.proposals.shift() as SearchConfig;
      if (!this.ledger.seen(this.ledger.key(config))) return config;
    }
    return this.fresh.next();
  }

  /** The model's proposals for a new bracket's first rung, or none while it lacks data. */
  private propose(count: number): SearchConfig[] {
    if (count <= 0) return [];
    // The first bracket has no data yet: a Latin-hypercube design covers every option evenly.
    if (this.bracketIndex === 0) return latinDesign(this.space, count, this.designRng);
    const byFidelity = new Map<number, number>();
    for (const o of this.ledger.observations) if ("score" in o.outcome) byFidelity.set(o.fidelity, (byFidelity.get(o.fidelity) ?? 0) + 1);
    const fidelity = Math.max(0, ...[...byFidelity].filter(([, n]) => n >= this.modelMinimum).map(([f]) => f));
    if (fidelity === 0) return [];
    return this.proposer.propose(count - Math.round(count * RANDOM_SHARE), proposalData(this.ledger, fidelity));
  }

  /** The rung is complete: keep its best 1/eta for the next rung, or end the bracket. */
  private promote(b: Bracket): void {
    const ranked = b.members
      .flatMap((m) => {
        const score = b.results.get(m.key);
        return score === undefined ? [] : [{ entry: m, score }];
      })
      .sort((a, b2) => b2.score - a.score || a.entry.order - b2.entry.order);
    b.rung++;
    const size = b.sizes[b.rung];
    if (size === undefined || ranked.length === 0) {
      this.bracket = undefined;
      this.bracketIndex++;
      return;
    }
    b.queue = ranked.slice(0, Math.max(1, Math.min(size, Math.floor(ranked.length / this.eta)))).map((r) => r.entry);
    b.members = [];
    b.results = new Map();
  }

  /** The next bracket of Hyperband's cycle, shrunk to the evaluations left; undefined when none fit. */
  private newBracket(): Bracket | undefined {
    const left = this.options.maxTrials - this.ledger.evaluations;
    if (left <= 0) return undefined;
    const sMax = this.maxRungs - 1;
    const s = sMax - (this.bracketIndex % (sMax + 1));
    for (let rungs = s + 1; rungs >= 1; rungs--) {
      const fidelities = rungFidelities(Math.floor(this.options.maxFidelity), this.minFidelity, this.eta, rungs);
      const k = fidelities.length;
      // Hyperband's n = ceil((sMax + 1) / (s + 1) * eta^s), then shrunk so the whole bracket fits.
      let n0 = Math.ceil(((sMax + 1) / k) * this.eta ** (k - 1));
      const total = (m: number): number => {
        let sum = 0;
        for (let i = 0; i < k; i++) sum += Math.max(1, Math.floor(m / this.eta ** i));
        return sum;
      };
      while (n0 > 1 && total(n0) > left) n0--;
      if (total(n0) > left) continue;
      const sizes = Array.from({ length: k }, (_, i) => Math.max(1, Math.floor(n0 / this.eta ** i)));
      return { fidelities, sizes, rung: 0, queue: [], members: [], awaiting: new Set(), results: new Map(), toDraw: n0, proposals: this.propose(n0) };
    }
    return undefined;
  }
}
