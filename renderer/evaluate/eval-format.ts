/** How evaluation figures are written in the Evaluate tab: the same rounding everywhere. */

/** `0.6` -> `60.0%`; undefined -> `–`. */
export function formatPercent(share: number | undefined | null, digits = 1): string {
  if (share === undefined || share === null || !Number.isFinite(share)) return "–";
  return `${(share * 100).toFixed(digits)}%`;
}

/** A 95% interval of a share, `23.1–88.2%`. */
export function formatInterval([lo, hi]: readonly [number, number]): string {
  return `${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}%`;
}

/** A difference of two shares in percentage points, signed: `+12.0 pts`. */
export function formatPoints(difference: number): string {
  const points = difference * 100;
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return `${sign}${Math.abs(points).toFixed(1)} pts`;
}

/** The interval of a difference in points: `[−20.0, +10.0] pts`. */
export function formatPointsInterval([lo, hi]: readonly [number, number]): string {
  const one = (value: number) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value * 100).toFixed(1)}`;
  return `[${one(lo)}, ${one(hi)}] pts`;
}

/** A ratio of costs, `0.50×`; null (A cost nothing) -> `–`. */
export function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? "–" : `${ratio.toFixed(2)}×`;
}

/** Time left: `ETA 12 s`, `ETA 3 min`; unknown -> `ETA –`. */
export function formatEta(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "ETA –";
  if (ms < 60_000) return `ETA ${Math.max(0, Math.ceil(ms / 1000))} s`;
  return `ETA ${Math.ceil(ms / 60_000)} min`;
}

/** The start of a long text on one line: whitespace collapsed, cut at `max` characters. */
export function excerpt(text: string | undefined, max = 80): string {
  if (text === undefined) return "";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** An evaluation id short enough for a list: its last 8 characters. */
export function shortId(evalId: string): string {
  return evalId.length <= 8 ? evalId : evalId.slice(-8);
}

/**
 * What every id of a list starts with, up to and including a separator (`game24-` of
 * `game24-900`, `game24-901`), so a narrow column shows only what differs; "" when nothing is shared.
 */
export function sharedIdPrefix(ids: readonly string[]): string {
  const [first, ...rest] = ids;
  if (first === undefined || rest.length === 0) return "";
  let length = first.length;
  for (const id of rest) {
    let i = 0;
    while (i < length && i < id.length && id[i] === first[i]) i++;
    length = i;
  }
  const shared = first.slice(0, length);
  const cut = Math.max(shared.lastIndexOf("-"), shared.lastIndexOf("_"), shared.lastIndexOf("/"), shared.lastIndexOf(":"));
  // Never the whole of an id: each keeps something to show.
  return cut === -1 || ids.some((id) => id.length <= cut + 1) ? "" : shared.slice(0, cut + 1);
}
