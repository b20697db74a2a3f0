/**
 * A Gaussian-process regressor for Bayesian optimisation: a Matérn 5/2 kernel with one
 * lengthscale per search dimension (the features of a one-hot choice or a subset share one),
 * standardised targets, and hyperparameters (lengthscales, noise) picked by the log marginal
 * likelihood over a small grid then per-dimension refinement. The Cholesky factorisation,
 * solves and inverse come from ml-matrix.
 */
import { CholeskyDecomposition, Matrix, solve } from "ml-matrix";

export interface GpHyperparameters {
  /** One per search dimension (features map to dimensions through `groups`). */
  lengthscales: number[];
  /** Observation noise variance, on the standardised scale. */
  noise: number;
}

export interface GpPrediction {
  mean: number[];
  /** Predictive standard deviation of the latent function. */
  std: number[];
}

const SQRT5 = Math.sqrt(5);

function matern52(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

/** Scaled squared distance between two points with per-feature inverse lengthscales. */
function distance(a: readonly number[], b: readonly number[], inverse: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    const d = ((a[k] as number) - (b[k] as number)) * (inverse[k] as number);
    s += d * d;
  }
  return Math.sqrt(s);
}

function featureInverse(hyper: GpHyperparameters, groups: readonly number[]): number[] {
  return groups.map((g) => 1 / (hyper.lengthscales[g] ?? 1));
}

interface Factor {
  chol: CholeskyDecomposition;
  alpha: number[];
  logDet: number;
}

function factor(x: readonly number[][], y: readonly number[], hyper: GpHyperparameters, groups: readonly number[]): Factor | undefined {
  const n = x.length;
  const inverse = featureInverse(hyper, groups);
  const base = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    base.set(i, i, 1);
    for (let j = 0; j < i; j++) {
      const k = matern52(distance(x[i] as number[], x[j] as number[], inverse));
      base.set(i, j, k);
      base.set(j, i, k);
    }
  }
  // Jitter grows until the matrix factorises (duplicated or near-identical points).
  for (const jitter of [0, 1e-8, 1e-6, 1e-4, 1e-2]) {
    const k = base.clone();
    for (let i = 0; i < n; i++) k.set(i, i, 1 + hyper.noise + jitter);
    const chol = new CholeskyDecomposition(k);
    if (!chol.isPositiveDefinite()) continue;
    const alpha = chol.solve(Matrix.columnVector([...y])).getColumn(0);
    const lower = chol.lowerTriangularMatrix;
    let logDet = 0;
    for (let i = 0; i < n; i++) logDet += 2 * Math.log(lower.get(i, i));
    return { chol, alpha, logDet };
  }
  return undefined;
}

/** Log marginal likelihood of standardised targets under the hyperparameters (-Infinity when the kernel matrix does not factorise). */
export function logMarginalLikelihood(x: readonly number[][], y: readonly number[], hyper: GpHyperparameters, groups: readonly number[]): number {
  const f = factor(x, y, hyper, groups);
  if (f === undefined) return -Infinity;
  let fit = 0;
  for (let i = 0; i < y.length; i++) fit += (y[i] as number) * (f.alpha[i] as number);
  return -0.5 * fit - 0.5 * f.logDet - 0.5 * y.length * Math.log(2 * Math.PI);
}

export interface FitOptions {
  /** Number of search dimensions (lengthscales). */
  dimensions: number;
  /** Feature -> dimension. */
  groups: readonly number[];
  /** Start the search here instead of the isotropic grid (a previous fit). */
  start?: GpHyperparameters;
  /** Noise variances tried. @default [1e-6, 1e-4, 1e-3, 1e-2, 0.05, 0.2] */
  noises?: readonly number[];
}

const LENGTHSCALES = [0.05, 0.1, 0.2, 0.35, 0.6, 1, 2];
const NOISES = [1e-6, 1e-4, 1e-3, 1e-2, 0.05, 0.2];
const MULTIPLIERS = [0.3, 0.6, 1.6, 3];

/** Hyperparameters by maximum marginal likelihood: an isotropic grid, then one pass of per-dimension lengthscale moves. */
export function fitHyperparameters(x: readonly number[][], y: readonly number[], options: FitOptions): GpHyperparameters {
  const noises = options.noises ?? NOISES;
  const score = (h: GpHyperparameters): number => logMarginalLikelihood(x, y, h, options.groups);
  let best: GpHyperparameters = options.start ?? { lengthscales: Array(options.dimensions).fill(0.35), noise: 1e-3 };
  let bestScore = score(best);
  if (options.start === undefined) {
    for (const l of LENGTHSCALES) {
      for (const noise of noises) {
        const h = { lengthscales: Array(options.dimensions).fill(l), noise };
        const s = score(h);
        if (s > bestScore) [best, bestScore] = [h, s];
      }
    }
  } else {
    for (const noise of noises) {
      const h = { lengthscales: best.lengthscales, noise };
      const s = score(h);
      if (s > bestScore) [best, bestScore] = [h, s];
    }
  }
  for (let d = 0; d < options.dimensions; d++) {
    for (const m of MULTIPLIERS) {
      const lengthscales = [...best.lengthscales];
      lengthscales[d] = Math.min(20, Math.max(0.01, (lengthscales[d] ?? 1) * m));
      const h = { lengthscales, noise: best.noise };
      const s = score(h);
      if (s > bestScore) [best, bestScore] = [h, s];
    }
  }
  return best;
}

/** A fitted process: predicts the standardised latent function at new points. */
export class GaussianProcess {
  private readonly inverse: number[];
  private readonly alpha: number[];
  /** K^-1 as rows, for the predictive variances. */
  private readonly kInverse: Float64Array[];

  private constructor(
    private readonly x: readonly number[][],
    readonly hyper: GpHyperparameters,
    groups: readonly number[],
    f: Factor,
  ) {
    this.inverse = featureInverse(hyper, groups);
    this.alpha = f.alpha;
    const inv = f.chol.solve(Matrix.eye(x.length));
    this.kInverse = Array.from({ length: x.length }, (_, i) => Float64Array.from(inv.getRow(i)));
  }

  /** Undefined when the kernel matrix does not factorise even with jitter. */
  static fit(x: readonly number[][], y: readonly number[], hyper: GpHyperparameters, groups: readonly number[]): GaussianProcess | undefined {
    if (x.length === 0) return undefined;
    const f = factor(x, y, hyper, groups);
    return f === undefined ? undefined : new GaussianProcess(x, hyper, groups, f);
  }

  predict(points: readonly number[][]): GpPrediction {
    const n = this.x.length;
    const mean: number[] = [];
    const std: number[] = [];
    const k = new Float64Array(n);
    for (const p of points) {
      let mu = 0;
      for (let i = 0; i < n; i++) {
        k[i] = matern52(distance(p, this.x[i] as number[], this.inverse));
        mu += (k[i] as number) * (this.alpha[i] as number);
      }
      let quad = 0;
      for (let i = 0; i < n; i++) {
        const row = this.kInverse[i] as Float64Array;
        let s = 0;
        for (let j = 0; j < n; j++) s += (row[j] as number) * (k[j] as number);
        quad += (k[i] as number) * s;
      }
      mean.push(mu);
      std.push(Math.sqrt(Math.max(1e-12, 1 - quad)));
    }
    return { mean, std };
  }
}

/** Standard normal density and distribution function. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

export function normalCdf(z: number): number {
  // Abramowitz and Stegun 7.1.26 on erf, |error| < 1.5e-7.
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Expected improvement over `best` (maximisation) of a normal prediction, with exploration margin `xi`. */
export function expectedImprovement(mean: number, std: number, best: number, xi = 0.01): number {
  if (std <= 1e-12) return Math.max(0, mean - best - xi);
  const z = (mean - best - xi) / std;
  return (mean - best - xi) * normalCdf(z) + std * normalPdf(z);
}

/** A least-squares linear trend with an intercept (ridge-regularised), fitted with ml-matrix. */
export interface LinearTrend {
  predict(point: readonly number[]): number;
}

export function fitLinearTrend(x: readonly number[][], y: readonly number[], ridge = 1e-2): LinearTrend {
  const d = (x[0]?.length ?? 0) + 1;
  const design = new Matrix(x.map((row) => [1, ...row]));
  const gram = design.transpose().mmul(design);
  for (let i = 1; i < d; i++) gram.set(i, i, gram.get(i, i) + ridge);
  gram.set(0, 0, gram.get(0, 0) + 1e-9);
  const rhs = design.transpose().mmul(Matrix.columnVector([...y]));
  const beta = solve(gram, rhs).getColumn(0);
  return {
    predict: (point) => {
      let v = beta[0] as number;
      for (let k = 0; k < point.length; k++) v += (beta[k + 1] as number) * (point[k] as number);
      return v;
    },
  };
}
