/**
 * Mouse gestures at a human pace with the page's frames recorded meanwhile: panning the empty
 * canvas and dragging one node. Each checks that the gesture had its effect, so a bench that
 * missed its target never reports the frame rate of an idle page.
 */
import type { Page } from "playwright-core";
import { frameStats, type FrameStats } from "./frame-stats";
import { CANVAS, findEmptyPane, findNodeToDrag, startFrameRecorder, stopFrameRecorder, transformOf, type Point } from "./page-probes";

/** Frame statistics of a gesture, with how well the input covered its frames. */
export interface GestureStats extends FrameStats {
  /** Frame intervals in which at least one pointer move arrived. */
  framesWithInput: number;
  /** Pointer moves the page received. */
  moves: number;
  /** Wall time from press to release. */
  gestureMs: number;
}

export interface GestureOptions {
  /** Pointer moves between press and release. @default 120 */
  steps?: number;
  /**
   * Time between pointer moves: a 60 Hz pointer, so 120 steps take about two seconds and every
   * frame has input to handle. @default 16
   */
  stepMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Presses at `from`, moves by `by` in paced steps, releases; returns the frames recorded meanwhile. */
async function recordDrag(page: Page, from: Point, by: Point, options: GestureOptions): Promise<GestureStats> {
  const steps = options.steps ?? 120;
  const stepMs = options.stepMs ?? 16;
  await page.mouse.move(from.x, from.y);
  await page.evaluate(startFrameRecorder);
  await page.mouse.down();
  const began = performance.now();
  const moves: Promise<void>[] = [];
  for (let i = 1; i <= steps; i++) {
    // Sent on the clock, not after the previous move's round trip: a hand keeps moving while the
    // page draws, so every frame has input waiting (the protocol keeps the moves in order).
    moves.push(page.mouse.move(from.x + (by.x * i) / steps, from.y + (by.y * i) / steps));
    const wait = began + i * stepMs - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(moves);
  await page.mouse.up();
  const gestureMs = performance.now() - began;
  // Two frames after the release: the commit a drop triggers (undo step, validation) counts too.
  const recorded = await page.evaluate(stopFrameRecorder, 2);
  return { ...frameStats(recorded.times), framesWithInput: recorded.framesWithInput, moves: recorded.moves, gestureMs };
}

/** Pans the canvas by dragging its empty pane. */
export async function measurePan(page: Page, by: Point, options: GestureOptions = {}): Promise<GestureStats> {
  const start = await page.evaluate(findEmptyPane, CANVAS);
  if (start === null) throw new Error("no empty spot on the canvas pane to start panning from");
  const before = await page.evaluate(transformOf, { canvas: CANVAS, nodeId: null });
  const stats = await recordDrag(page, start, by, options);
  const after = await page.evaluate(transformOf, { canvas: CANVAS, nodeId: null });
  if (after === before) throw new Error(`panning did not move the viewport (transform stayed "${before}")`);
  return stats;
}

/** Drags the node nearest the canvas centre by its header; returns the stats and the node's id. */
export async function measureNodeDrag(page: Page, by: Point, options: GestureOptions = {}): Promise<GestureStats & { nodeId: string }> {
  const target = await page.evaluate(findNodeToDrag, CANVAS);
  if (target === null) throw new Error("no node on the canvas to drag");
  const before = await page.evaluate(transformOf, { canvas: CANVAS, nodeId: target.id });
  const stats = await recordDrag(page, target, by, options);
  const after = await page.evaluate(transformOf, { canvas: CANVAS, nodeId: target.id });
  if (after === before) throw new Error(`dragging node "${target.id}" did not move it (transform stayed "${before}")`);
  return { ...stats, nodeId: target.id };
}

/** Frames while nothing happens: what the browser paces animation frames at. */
export async function measureIdle(page: Page, ms = 1000): Promise<FrameStats> {
  await page.evaluate(startFrameRecorder);
  await sleep(ms);
  return frameStats((await page.evaluate(stopFrameRecorder, 0)).times);
}
