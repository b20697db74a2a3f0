/**
 * Greedy coordinate ascent: from a random starting configuration, sweep the dimensions in
 * order; for each, evaluate the configurations that differ from the current one in that
 * dimension only (every value of a small dimension, ten levels of a large range), then move to
 * the best if it beats the current one. A pass that moves nothing refines: ranges are tried a
 * half step of the previous spacing either side of the current value. When no refinement
 * helps, it restarts from a new random configuration (the best so far is kept by the runner).
 * A dimension's sweep waits for all its outcomes, so suggestions come a sweep at a time.
 */
import type { SearchConfig } from "../../api/search-types";
import { createRng, type Rng } from "../space/rng";
import type { ResolvedSpace } from "../space/types";
import { FreshConfigs } from "./random";
import { Ledger } from "./ledger";
import { assignmentOf, coordinateValues, project, sampleAssignment, type Assignment } from "./moves";
import type { AlgorithmOptions, Outcome, SearchAlgorithm, Suggestion } from "./types";

/** Refinements tried before a restart. */
const MAX_RESOLUTION = 6;

interface Point {
  assignment: Assignment;
  key: string;
  score: number;
}

export class GreedySearch implements SearchAlgorithm {
  readonly name = "greedy" as const;
  private readonly ledger: Ledger;
  private readonly rng: Rng;
  private readonly fresh: FreshConfigs;
  private current: Point | undefined;
  /** The starting configuration being evaluated. */
  private starting: { assignment: Assignment; key: string } | undefined;
  private dimension = 0;
  private resolution = 0;
  private moved = false;
  /** This sweep's configurations not yet suggested, and those whose outcome is awaited. */
  private queue: { config: SearchConfig; assignment: Assignment }[] = [];
  private awaiting = new Set<string>();
  private candidates: { assignment: Assignment; key: string }[] = [];
  private exhausted = false;

  constructor(
    private readonly space: ResolvedSpace,
    private readonly options: AlgorithmOptions,
  ) {
    this.ledger = new Ledger(space, options.maxTrials);
    this.rng = createRng(options.seed);
    this.fresh = new FreshConfigs(space, this.ledger, this.rng.fork(1));
  }

  get done(): boolean {
    return this.ledger.full || this.exhausted;
  }

  suggest(n: number): Suggestion[] {
    const out: Suggestion[] = [];
    let idle = 0;
    while (out.length < n && !this.done) {
      const next = this.queue.shift();
      if (next !== undefined) {
        const key = this.ledger.key(next.config);
        if (this.ledger.seen(key)) continue;
        this.awaiting.add(key);
        out.push(this.ledger.add(next.config, this.options.maxFidelity));
        continue;
      }
      if (this.awaiting.size > 0) break;
      if (++idle > 10_000) break; // every remaining move was already evaluated; wait for the next observation
      this.advance();
    }
    return out;
  }

  observe(suggestion: Suggestion, outcome: Outcome): void {
    const observation = this.ledger.resolve(suggestion, outcome);
    this.awaiting.delete(observation.key);
  }

  /** Plans the next step once the previous one's outcomes are all in. */
  private advance(): void {
    if (this.starting !== undefined) {
      const scored = this.ledger.scores.get(this.starting.key);
      const start = this.starting;
      this.starting = undefined;
      if (scored === undefined) return; // excluded or failed: draw another start
      this.current = { ...start, score: scored.score };
      this.dimension = 0;
      this.resolution = 0;
      this.moved = false;
      this.candidates = [];
      this.planSweep();
      return;
    }
    if (this.current === undefined) {
      this.start();
      return;
    }
    // The sweep of `dimension` is complete: move to its best, if better.
    let best = this.current;
    for (const c of this.candidates) {
      const scored = this.ledger.scores.get(c.key);
      if (scored !== undefined && scored.score > best.score) best = { ...c, score: scored.score };
    }
    if (best !== this.current) {
      this.current = best;
      this.moved = true;
    }
    this.dimension++;
    if (this.dimension >= this.space.dimensions.length) {
      this.dimension = 0;
      if (this.moved) this.moved = false;
      else if (++this.resolution > MAX_RESOLUTION) {
        this.current = undefined;
        this.start();
        return;
      }
    }
    this.planSweep();
  }

  private start(): void {
    const config = this.fresh.next();
    if (config === undefined) {
      this.exhausted = true;
      return;
    }
    const assignment = assignmentOf(this.space, config, sampleAssignment(this.space, this.rng));
    this.starting = { assignment, key: this.ledger.key(config) };
    this.queue.push({ config, assignment });
  }

  /** Queues the moves along the current dimension (those already evaluated are only compared). */
  private planSweep(): void {
    const current = this.current as Point;
    const dimension = this.space.dimensions[this.dimension];
    this.candidates = [];
    if (dimension === undefined) return;
    const config = project(this.space, current.assignment);
    if (config[dimension.id] === undefined) return; // inactive here: nothing to vary
    for (const value of coordinateValues(dimension, current.assignment[dimension.id] as SearchConfig[string], this.resolution)) {
      const assignment = { ...current.assignment, [dimension.id]: value };
      const moved = project(this.space, assignment);
      const key = this.ledger.key(moved);
      if (this.ledger.excluded.has(key) || key === current.key) continue;
      this.candidates.push({ assignment, key });
      if (!this.ledger.seen(key)) this.queue.push({ config: moved, assignment });
    }
  }
}
