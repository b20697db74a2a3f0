/**
 * `npm run bench:ui`: the designer in headless Chromium (Debian's /usr/bin/chromium) on a
 * generated 500-node / 700-edge architecture, opened the way a user opens a file: dropped on the
 * window. Measures time to first render, and frame times while panning the canvas and while
 * dragging a node. Prints figures and ratios against the goals (first render < 1 s, >= 50 fps);
 * never fails on speed (shared machines are noisy), only on a broken run.
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { mtimeOf } from "../../core/paths/source-times";
import { CHROMIUM, HAS_CHROMIUM, launchBrowser, type Browser } from "../e2e/browser";
import { startStudioProcess, type StudioProcess } from "../e2e/studio-process";
import { ROOT } from "../helpers/architectures";
import { ensureRendererBuilt } from "../helpers/renderer-build";
import { atLeastGoal, belowGoal, median, SLOW_FRAME_MS, type FrameStats } from "./ui/frame-stats";
import { BENCH_EDGE_COUNT, BENCH_NODE_COUNT, benchArchitectureText } from "./ui/generate-architecture";
import { measureIdle, measureNodeDrag, measurePan, type GestureStats } from "./ui/gestures";
import { CANVAS, dropAndTimeRender, waitForDrawn, type RenderTiming } from "./ui/page-probes";

const FIRST_RENDER_GOAL_MS = 1000;
const FPS_GOAL = 50;
/** Page loads measured; the summary shows the median of these. */
const RUNS = 3;
const VIEWPORT = { width: 1400, height: 900 };
const PAN_BY = { x: -420, y: -260 };
const DRAG_BY = { x: 300, y: 160 };
const DRAW_TIMEOUT_MS = 60_000;
const GESTURE = { steps: 120, stepMs: 16 } as const;

interface RunFigures {
  pageLoadMs: number;
  idle: FrameStats;
  render: RenderTiming;
  pan: GestureStats;
  drag: GestureStats & { nodeId: string };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => `${value.toFixed(0)} ms`;
const frames = (stats: FrameStats) =>
  `${stats.fps.toFixed(1)} fps (median ${stats.medianMs.toFixed(1)} ms, p95 ${stats.p95Ms.toFixed(1)} ms, max ${stats.maxMs.toFixed(0)} ms, ${stats.slowFrames}/${stats.frames} frames > ${SLOW_FRAME_MS} ms)`;
const gesture = (stats: GestureStats) => `${frames(stats)}; ${stats.moves} moves in ${ms(stats.gestureMs)}, input in ${((100 * stats.framesWithInput) / stats.frames).toFixed(0)}% of frames`;

/**
 * The tsx loader compiles with esbuild's keepNames, which wraps named functions in `__name()`;
 * the probes are sent to the page as source text, so the page needs that helper too.
 */
const KEEP_NAMES_SHIM = "globalThis.__name = globalThis.__name || ((fn) => fn);";

async function measureRun(context: BrowserContext, studio: StudioProcess, text: string, problems: string[]): Promise<RunFigures> {
  const page: Page = await context.newPage();
  try {
    page.setDefaultTimeout(DRAW_TIMEOUT_MS);
    page.on("console", (message) => void (message.type() === "error" && problems.push(`console: ${message.text()}`)));
    page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
    // Dropping onto an unsaved document would ask first; the start document is saved, but never block on a dialog.
    page.on("dialog", (dialog) => void dialog.accept());

    await page.goto(studio.url, { waitUntil: "load", timeout: 30_000 });
    // The page's clock starts at navigation: this is load to the start document drawn.
    const pageLoadMs = await page.evaluate(waitForDrawn, { canvas: CANVAS, timeoutMs: DRAW_TIMEOUT_MS });
    // A fresh browser profile is a first start, which greets with the template gallery: close it as a user would.
    const gallery = page.locator("[data-testid=file-dialog]");
    if (await gallery.isVisible()) {
      await page.locator("[data-testid=file-dialog-close]").click();
      await gallery.waitFor({ state: "hidden" });
    }
    // A second of nothing: lets the start-up requests (models, templates) settle, and shows the frame pacing.
    const idle = await measureIdle(page);

    const render = await page.evaluate(dropAndTimeRender, { canvas: CANVAS, text, fileName: "bench-500.itasca.json", timeoutMs: DRAW_TIMEOUT_MS });
    if (render.nodes === 0 || render.nodes > BENCH_NODE_COUNT) throw new Error(`the dropped document drew ${render.nodes} nodes; expected up to ${BENCH_NODE_COUNT}`);
    await sleep(500);
    const pan = await measurePan(page, PAN_BY, GESTURE);
    await sleep(500);
    const drag = await measureNodeDrag(page, DRAG_BY, GESTURE);
    return { pageLoadMs, idle, render, pan, drag };
  } finally {
    await page.close().catch(() => undefined);
  }
}

function printRun(index: number, run: RunFigures): void {
  const { render } = run;
  console.log(`run ${index + 1}:`);
  console.log(`  page load to start document drawn  ${ms(run.pageLoadMs)}`);
  console.log(`  idle (no input)                    ${frames(run.idle)}`);
  // xyflow mounts only what lies inside the viewport (onlyRenderVisibleElements): say which picture was timed.
  const drawn = render.nodes === BENCH_NODE_COUNT ? `all ${render.nodes} nodes and ${render.edges} edges` : `the ${render.nodes} nodes and ${render.edges} edges inside the viewport (of ${BENCH_NODE_COUNT} and ${BENCH_EDGE_COUNT}; xyflow mounts only visible elements)`;
  console.log(`  drop to first render               ${ms(render.drawnMs)}: ${drawn} measured, fitted and drawn (nodes in the DOM at ${ms(render.nodesInDomMs)}, view fitted at ${render.fittedMs === null ? "never" : ms(render.fittedMs)})`);
  console.log(`  panning                            ${gesture(run.pan)}`);
  console.log(`  dragging node ${run.drag.nodeId.padEnd(20)} ${gesture(run.drag)}`);
}

function printSummary(runs: readonly RunFigures[]): void {
  const all = (pick: (run: RunFigures) => number) => runs.map(pick);
  const row = (label: string, values: number[], unit: string, verdict: (value: number) => string) => {
    const middle = median(values);
    console.log(`  ${label.padEnd(26)} ${`${middle.toFixed(unit === "fps" ? 1 : 0)} ${unit}`.padEnd(10)} runs ${values.map((v) => v.toFixed(unit === "fps" ? 1 : 0)).join(" / ").padEnd(22)} ${verdict(middle)}`);
  };
  console.log(`\nsummary, median of ${runs.length} runs (goals: first render < ${FIRST_RENDER_GOAL_MS} ms, >= ${FPS_GOAL} fps):`);
  row("first render", all((r) => r.render.drawnMs), "ms", (v) => `goal < ${FIRST_RENDER_GOAL_MS} ms: ${belowGoal(v, FIRST_RENDER_GOAL_MS)}`);
  row("panning", all((r) => r.pan.fps), "fps", (v) => `goal >= ${FPS_GOAL} fps: ${atLeastGoal(v, FPS_GOAL)}`);
  row("dragging a node", all((r) => r.drag.fps), "fps", (v) => `goal >= ${FPS_GOAL} fps: ${atLeastGoal(v, FPS_GOAL)}`);
  row("  panning p95 frame", all((r) => r.pan.p95Ms), "ms", () => `frames > ${SLOW_FRAME_MS} ms: ${all((r) => r.pan.slowFrames).join(" / ")}`);
  row("  dragging p95 frame", all((r) => r.drag.p95Ms), "ms", () => `frames > ${SLOW_FRAME_MS} ms: ${all((r) => r.drag.slowFrames).join(" / ")}`);
  row("page load (context)", all((r) => r.pageLoadMs), "ms", () => "navigation to the start document drawn");
  row("idle frame rate (context)", all((r) => r.idle.fps), "fps", () => "rAF pacing with no input: the ceiling for every fps figure");
}

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) {
    console.log(`bench:ui skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
    return;
  }
  const cores = cpus();
  console.log("Itasca UI benchmark");
  console.log(`machine: ${cores.length} cores (${cores[0]?.model.trim() ?? "unknown"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const build = await ensureRendererBuilt(ROOT);
  console.log(build.reason === undefined ? "renderer: production build up to date" : `renderer: was ${build.reason}; rebuilt in ${(build.ms / 1000).toFixed(1)} s`);
  const builtAt = mtimeOf(join(ROOT, "renderer", "dist", "index.html"));
  const text = benchArchitectureText();
  console.log(`architecture: ${BENCH_NODE_COUNT} nodes, ${BENCH_EDGE_COUNT} edges, ${(text.length / 1024).toFixed(0)} KiB, dropped on the window as a file; viewport ${VIEWPORT.width}x${VIEWPORT.height}`);
  console.log(
    `gestures: ${GESTURE.steps} pointer moves ${GESTURE.stepMs} ms apart (a 60 Hz mouse), sent without waiting for the page; frame times are requestAnimationFrame intervals in the page, whole vsyncs at 60 Hz (16.7, 33.3, 50 ms) in headless Chromium too`,
  );

  let studio: StudioProcess | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  try {
    studio = await startStudioProcess();
    browser = await launchBrowser(VIEWPORT);
    const { context } = browser;
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    const probe = await context.newPage();
    console.log(`browser: ${await probe.evaluate(() => navigator.userAgent)}`);
    await probe.close();
    const runs: RunFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await measureRun(context, studio, text, problems);
      printRun(i, run);
      runs.push(run);
      // The studio serves renderer/dist as it is on disk; a build by someone else mid-bench swaps the bundle under it.
      if (mtimeOf(join(ROOT, "renderer", "dist", "index.html")) !== builtAt) console.log("  warning: renderer/dist was rebuilt during this run by another process; figures may mix bundles");
    }
    printSummary(runs);
  } finally {
    // Printed on failure too: a page error is usually why a run broke.
    if (problems.length > 0) console.log(`\nthe page reported ${problems.length} error(s):\n  ${problems.join("\n  ")}`);
    // Each step on its own: a failed launch must still stop the studio.
    await browser?.close();
    await studio?.stop();
  }
}

await main();
