/**
 * Expected-improvement proposals from a Gaussian process, shared by Bayesian optimisation
 * (bayes.ts) and the model-based brackets of successive halving (halving.ts): fit the process
 * to scored configurations (gp.ts), weight expected improvement by the budget model's
 * probability of being within budget, and pick the best of a candidate pool (fresh random
 * configurations plus mutations of the best ones), several at once by the kriging believer.
 */
import type { SearchConfig } from "../../api/search-types";
import { encodeConfig, encoding, type Encoding } from "../space/encode";
import type { Rng } from "../space/rng";
import type { ResolvedSpace } from "../space/types";
import { expectedImprovement, fitHyperparameters, fitLinearTrend, GaussianProcess, normalCdf, type GpHyperparameters } from "./gp";
import { mutateConfig } from "./moves";
import type { Ledger } from "./ledger";
import type { FreshConfigs } from "./random";

/** Observations the process is fitted to, at most (the best half and the most recent half). */
const MAX_TRAINING = 160;
/** Mutations of each of the best configurations added to the pool. */
const MUTATIONS_PER_ELITE = 24;
const ELITES = 5;
/** Candidates less likely than this to be within budget are not chosen while others are. */
const MIN_FEASIBILITY = 0.4;
/** Refit the hyperparameters fully when the data grew by this factor, else adjust them. */
const REFIT_GROWTH = 1.25;

interface Training {
  x: number[][];
  y: number[];
}

export interface ScoredConfig {
  config: SearchConfig;
  score: number;
  /** Arrival order (ties, recency). */
  order: number;
}

export interface ProposalData {
  /** Scored configurations to model. */
  scored: readonly ScoredConfig[];
  /** Every configuration whose budget verdict is known: ran (true) or excluded (false), in arrival order. */
  budget: readonly { config: SearchConfig; ok: boolean }[];
  /** The key of a configuration that may be proposed; undefined when it was suggested (or excluded) before. */
  freeKey: (config: SearchConfig) => string | undefined;
}

export class EiProposer {
  private readonly encoding: Encoding;
  private hyper: GpHyperparameters | undefined;
  private hyperFittedAt = 0;
  private feasibilityHyper: GpHyperparameters | undefined;
  private feasibilityFittedAt = 0;

  constructor(
    private readonly space: ResolvedSpace,
    private readonly rng: Rng,
    private readonly fresh: FreshConfigs,
    private readonly poolSize: number,
  ) {
    this.encoding = encoding(space);
  }

  /** Up to `k` distinct configurations, best expected improvement first; fewer when the pool runs dry. */
  propose(k: number, data: ProposalData): SearchConfig[] {
    const out: SearchConfig[] = [];
    if (data.scored.length === 0 || k <= 0) return out;
    const model = this.model(data.scored);
    const feasibility = this.feasibilityModel(data.budget);
    const believed: Training = { x: [...model.training.x], y: [...model.training.y] };
    let gp = model.gp;
    const chosenKeys = new Set<string>();
    while (out.length < k) {
      const pool = this.pool(data, chosenKeys);
      if (pool.length === 0) break;
      const points = pool.map((c) => encodeConfig(this.space, c.config));
      const prediction = gp?.predict(points);
      const feasible = feasibility?.predict(points);
      // P(within budget) = P(latent > 0), the constraint model of Gardner et al.
      const pf = pool.map((_, i) => (feasible === undefined ? 1 : normalCdf((feasible.mean[i] as number) / Math.max(1e-6, feasible.std[i] as number))));
      // Candidates the budget model thinks likely excluded are passed over while others remain: a
      // confident model's expected improvement inside the explored region can be so small that
      // EI x PF would otherwise keep probing the excluded region.
      const plausible = pf.some((p) => p >= MIN_FEASIBILITY);
      let bestIndex = 0;
      let bestValue = -Infinity;
      for (let i = 0; i < pool.length; i++) {
        const p = pf[i] as number;
        if (plausible && p < MIN_FEASIBILITY) continue;
        const value = plausible ? expectedImprovement(prediction?.mean[i] ?? 0, prediction?.std[i] ?? 1, model.best) * p : p;
        if (value > bestValue) [bestIndex, bestValue] = [i, value];
      }
      const chosen = pool[bestIndex] as { config: SearchConfig; key: string };
      out.push(chosen.config);
      chosenKeys.add(chosen.key);
      if (out.length < k && gp !== undefined) {
        // Kriging believer: pretend the chosen point scored its predicted mean.
        believed.x.push(points[bestIndex] as number[]);
        believed.y.push(prediction?.mean[bestIndex] ?? 0);
        gp = GaussianProcess.fit(believed.x, believed.y, this.hyper as GpHyperparameters, this.encoding.groups);
      }
    }
    return out;
  }

  /** The scored observations to fit: all of them, or the best and the most recent when there are many. */
  private trainingSet(scored: readonly ScoredConfig[]): ScoredConfig[] {
    if (scored.length <= MAX_TRAINING) return [...scored];
    const half = MAX_TRAINING / 2;
    const best = [...scored].sort((a, b) => b.score - a.score || a.order - b.order).slice(0, half);
    const chosen = new Set(best.map((b) => b.order));
    const recent = scored.filter((s) => !chosen.has(s.order)).slice(-half);
    return [...best, ...recent].sort((a, b) => a.order - b.order);
  }

  private model(scored: readonly ScoredConfig[]): { gp: GaussianProcess | undefined; training: Training; best: number } {
    const data = this.trainingSet(scored);
    const raw = data.map((d) => d.score);
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length) || 1;
    const y = raw.map((v) => (v - mean) / sd);
    const x = data.map((d) => encodeConfig(this.space, d.config));
    const dims = this.space.dimensions.length;
    if (this.hyper === undefined || x.length >= this.hyperFittedAt * REFIT_GROWTH || x.length < 20) {
      this.hyper = fitHyperparameters(x, y, { dimensions: dims, groups: this.encoding.groups, ...(this.hyper !== undefined && x.length >= 20 ? { start: this.hyper } : {}) });
      this.hyperFittedAt = x.length;
    }
    const gp = GaussianProcess.fit(x, y, this.hyper, this.encoding.groups);
    return { gp, training: { x, y }, best: Math.max(...y) };
  }

  /**
   * The budget model: +1 for configurations that ran, -1 for excluded ones, as a linear trend
   * in the encoded features (costs grow steadily with samples, layers and fusers, so the trend
   * carries the boundary into unexplored regions) plus a Gaussian process on what the trend
   * misses. Undefined while nothing was excluded.
   */
  private feasibilityModel(budget: ProposalData["budget"]): { predict(points: number[][]): { mean: number[]; std: number[] } } | undefined {
    if (!budget.some((b) => !b.ok)) return undefined;
    const data = budget.length > MAX_TRAINING ? budget.slice(-MAX_TRAINING) : budget;
    const x = data.map((o) => encodeConfig(this.space, o.config));
    const labels = data.map((o) => (o.ok ? 1 : -1));
    const trend = fitLinearTrend(x, labels);
    const y = labels.map((label, i) => label - trend.predict(x[i] as number[]));
    if (this.feasibilityHyper === undefined || x.length >= this.feasibilityFittedAt * REFIT_GROWTH) {
      this.feasibilityHyper = fitHyperparameters(x, y, { dimensions: this.space.dimensions.length, groups: this.encoding.groups, noises: [0.01, 0.1] });
      this.feasibilityFittedAt = x.length;
    }
    const gp = GaussianProcess.fit(x, y, this.feasibilityHyper, this.encoding.groups);
    return {
      predict: (points) => {
        const residual = gp?.predict(points);
        return { mean: points.map((p, i) => trend.predict(p) + (residual?.mean[i] ?? 0)), std: points.map((_, i) => residual?.std[i] ?? 1) };
      },
    };
  }

  /** Fresh random configurations and mutations of the best, none taken before or chosen already. */
  private pool(data: ProposalData, chosen: ReadonlySet<string>): { config: SearchConfig; key: string }[] {
    const seen = new Set<string>(chosen);
    const out: { config: SearchConfig; key: string }[] = [];
    const offer = (config: SearchConfig): void => {
      const key = data.freeKey(config);
      if (key === undefined || seen.has(key)) return;
      seen.add(key);
      out.push({ config, key });
    };
    const elites = [...data.scored].sort((a, b) => b.score - a.score || a.order - b.order).slice(0, ELITES);
    for (const elite of elites) for (let i = 0; i < MUTATIONS_PER_ELITE; i++) offer(mutateConfig(this.space, elite.config, this.rng));
    for (const config of this.fresh.some(this.poolSize)) offer(config);
    return out;
  }
}

/** What the proposer needs from a ledger: its scores at one fidelity, its budget verdicts, what is taken. */
export function proposalData(ledger: Ledger, fidelity?: number): ProposalData {
  const scored = ledger.observations.flatMap((o) => ("score" in o.outcome && (fidelity === undefined || o.fidelity === fidelity) ? [{ config: o.config, score: o.outcome.score, order: o.order }] : []));
  const budget = ledger.observations.flatMap((o) => ("failed" in o.outcome ? [] : [{ config: o.config, ok: !("excluded" in o.outcome) }]));
  return {
    scored,
    budget,
    freeKey: (config) => {
      const key = ledger.key(config);
      return ledger.seen(key) ? undefined : key;
    },
  };
}
