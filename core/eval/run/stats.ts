/**
 * The statistics of an evaluation report: Wilson intervals, latency percentiles and the
 * seeded paired bootstrap of a comparison. Pure functions of their inputs.
 */

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The 95% Wilson score interval of `correct` successes out of `n`: unlike the normal
 * approximation it stays inside [0, 1] and is sensible for small n and accuracies near 0 or 1.
 * `[0, 0]` when n is 0 (nothing scored: no claim either way).
 */
export function wilsonInterval(correct: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 0];
  const p = correct / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The q-quantile (0..1) by linear interpolation between order statistics; 0 for no values. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** mulberry32: a small, fast, seeded PRNG, so a bootstrap gives the same interval on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The 95% paired-bootstrap interval of mean(b) - mean(a) over paired 0/1 outcomes: resample
 * the items with replacement `resamples` times and take the 2.5th and 97.5th percentiles of
 * the difference. Pairing keeps item difficulty out of the interval.
 */
export function pairedBootstrap(a: readonly number[], b: readonly number[], options: { resamples: number; seed: number }): [number, number] {
  if (a.length !== b.length) throw new Error(`paired bootstrap needs equal lengths, got ${a.length} and ${b.length}`);
  const n = a.length;
  if (n === 0) return [0, 0];
  const differences = a.map((value, i) => (b[i] as number) - value);
  const random = seededRandom(options.seed);
  const means = new Array<number>(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[Math.floor(random() * n)] as number;
    means[r] = sum / n;
  }
  return [percentile(means, 0.025), percentile(means, 0.975)];
}
