/** Frame-time statistics of a recorded gesture, and how a figure compares with its goal. */

/** A slow frame: more than this is visibly janky at 60 Hz (16.7 ms a frame). */
export const SLOW_FRAME_MS = 20;

export interface FrameStats {
  /** Frame intervals measured (one fewer than the frames recorded). */
  frames: number;
  durationMs: number;
  /** Frames per second over the whole gesture: intervals / total time. */
  fps: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Intervals longer than {@link SLOW_FRAME_MS}. */
  slowFrames: number;
}

/** The nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of values in any order; NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Statistics of the intervals between consecutive animation-frame timestamps.
 * @throws Error when fewer than two frames were recorded (the page did not draw at all).
 */
export function frameStats(timestamps: readonly number[]): FrameStats {
  const intervals: number[] = [];
  for (let i = 1; i < timestamps.length; i++) intervals.push((timestamps[i] ?? 0) - (timestamps[i - 1] ?? 0));
  if (intervals.length === 0) throw new Error(`only ${timestamps.length} animation frame(s) recorded; the page drew nothing during the gesture`);
  const sorted = [...intervals].sort((a, b) => a - b);
  const durationMs = intervals.reduce((sum, ms) => sum + ms, 0);
  return {
    frames: intervals.length,
    durationMs,
    fps: (intervals.length * 1000) / durationMs,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    slowFrames: intervals.filter((ms) => ms > SLOW_FRAME_MS).length,
  };
}

/** `2.4x under` for a figure that must stay below its goal, `MISSED: 1.3x over` when it does not. */
export function belowGoal(value: number, goal: number): string {
  return value < goal ? `ok, ${(goal / value).toFixed(1)}x under` : `MISSED, ${(value / goal).toFixed(2)}x over`;
}

/** `1.16x the goal` for a figure that must reach its goal, `MISSED, 0.82x the goal` when it does not. */
export function atLeastGoal(value: number, goal: number): string {
  return `${value >= goal ? "ok" : "MISSED"}, ${(value / goal).toFixed(2)}x the goal`;
}
