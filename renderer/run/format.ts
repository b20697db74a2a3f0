/** How run figures are written in the panels: the same rounding everywhere. */

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "–";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Dollars, with enough digits for the fractions of a cent one call costs. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  return usd < 0.01 ? `$${usd.toFixed(5)}` : `$${usd.toFixed(3)}`;
}

export function formatTokens(input: number, output: number): string {
  return `${input} in / ${output} out`;
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString();
}
