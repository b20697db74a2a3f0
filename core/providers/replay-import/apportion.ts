/**
 * Splits a recorded token total over samples in proportion to their length, with largest-
 * remainder rounding so the parts sum to the total exactly. Used when a log recorded tokens per
 * batch of samples, not per sample.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  // All-zero weights (empty texts): split evenly rather than divide by zero.
  const shares = weights.map((w) => (sum === 0 ? total / weights.length : (total * w) / sum));
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}
