/**
 * The bookkeeping every algorithm shares: what was suggested (so nothing is suggested twice),
 * what is pending, which configurations the budget excluded, the scores seen, and the count of
 * evaluations that `maxTrials` limits (excluded suggestions do not count; pending ones do).
 */
import type { SearchConfig } from "../../api/search-types";
import { configKey, normalizeConfig } from "../space/config";
import type { ResolvedSpace } from "../space/types";
import type { Outcome, Suggestion } from "./types";

export interface Observation {
  config: SearchConfig;
  key: string;
  fidelity: number;
  outcome: Outcome;
  /** Position in the order observations arrived. */
  order: number;
}

export class Ledger {
  /** `configKey@fidelity` of every suggestion made. */
  private readonly suggested = new Set<string>();
  /** Config keys suggested at any fidelity. */
  private readonly seenConfigs = new Set<string>();
  private readonly pending = new Map<string, Suggestion>();
  /** Config keys the budget excluded. */
  readonly excluded = new Set<string>();
  readonly observations: Observation[] = [];
  /** Best score seen per config key, at the highest fidelity it was scored at. */
  readonly scores = new Map<string, { score: number; fidelity: number }>();
  /** Suggestions made minus excluded ones (pending ones count). */
  evaluations = 0;

  constructor(
    readonly space: ResolvedSpace,
    readonly maxTrials: number,
  ) {}

  key(config: SearchConfig): string {
    return configKey(this.space, config);
  }

  /** Whether the configuration was suggested before, at any fidelity (or excluded). */
  seen(key: string): boolean {
    return this.seenConfigs.has(key);
  }

  seenAt(key: string, fidelity: number): boolean {
    return this.suggested.has(`${key}@${fidelity}`);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  get full(): boolean {
    return this.evaluations >= this.maxTrials;
  }

  /** Records a suggestion and returns it (the config normalised). */
  add(config: SearchConfig, fidelity: number): Suggestion {
    const normal = normalizeConfig(this.space, config);
    const key = this.key(normal);
    const id = `${key}@${fidelity}`;
    if (this.suggested.has(id)) throw new Error(`internal: configuration ${key} was already suggested at fidelity ${fidelity}`);
    this.suggested.add(id);
    this.seenConfigs.add(key);
    const suggestion = { config: normal, fidelity };
    this.pending.set(id, suggestion);
    this.evaluations++;
    return suggestion;
  }

  /** Takes a pending suggestion's outcome; returns its key. @throws Error when it is not pending */
  resolve(suggestion: Suggestion, outcome: Outcome): Observation {
    const key = this.key(suggestion.config);
    const id = `${key}@${suggestion.fidelity}`;
    const pending = this.pending.get(id);
    if (pending === undefined) throw new Error(`observe(): ${key} at fidelity ${suggestion.fidelity} is not a pending suggestion of this search (each suggestion is observed once)`);
    this.pending.delete(id);
    if ("excluded" in outcome) {
      this.excluded.add(key);
      this.evaluations--;
    }
    if ("score" in outcome) {
      const previous = this.scores.get(key);
      if (previous === undefined || suggestion.fidelity >= previous.fidelity) this.scores.set(key, { score: outcome.score, fidelity: suggestion.fidelity });
    }
    const observation: Observation = { config: pending.config, key, fidelity: suggestion.fidelity, outcome, order: this.observations.length };
    this.observations.push(observation);
    return observation;
  }
}
