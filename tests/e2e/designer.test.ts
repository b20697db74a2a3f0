/**
 * The designer end to end, as a new user drives it: the real `itasca studio`, the built
 * renderer, Debian's Chromium, the embedded model. One page walks through the scenario
 * in order (each step builds on the one before): build sample-rank-fuse from the palette, a
 * refused connection, inspector edits with a refused value, undo/redo, save / reload / open,
 * a run, a cached rerun, and a cancelled long run. Screenshots go to tests/artifacts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, NO_CHROMIUM, saveScreenshot, type Browser } from "./browser";
import { skipNotice } from "../helpers/skip";
import type { StudioProcess } from "./studio-process";
import { closeStudioSession, openStudioSession } from "./studio-session";

let studio: StudioProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

const byTestId = (id: string): Locator => page.locator(`[data-testid="${id}"]`);

/**
 * Where a locator's centre is on the page, once it has stopped moving: after Layout or Fit the
 * viewport animates (300 ms, longer on a loaded machine), and a press aimed at where a handle
 * was lands on the canvas background instead, which pans the view.
 */
async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  let last = "";
  for (let attempt = 0; attempt < 100; attempt++) {
    const box = await locator.boundingBox();
    if (box === null) throw new Error(`${locator.toString()} is not visible`);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const seen = `${centre.x},${centre.y}`;
    if (seen === last) return centre;
    last = seen;
    await page.waitForTimeout(100);
  }
  throw new Error(`${locator.toString()} kept moving for 10 s`);
}

/** Drags a node type from the palette onto the canvas at a fraction of its size (HTML5 drag and drop). */
async function dropFromPalette(nodeType: string, xFraction: number, yFraction: number): Promise<void> {
  const canvas = byTestId("canvas");
  const box = await canvas.boundingBox();
  if (box === null) throw new Error("the canvas is not visible");
  await byTestId(`palette-item-${nodeType}`).dragTo(canvas, { targetPosition: { x: box.width * xFraction, y: box.height * yFraction } });
}

/** Presses on an output handle and moves to an input handle; `whileOver` runs before the release. */
async function dragEdge(from: string, to: string, whileOver?: () => Promise<void>): Promise<void> {
  const start = await centreOf(byTestId(from));
  const end = await centreOf(byTestId(to));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await whileOver?.();
  await page.mouse.up();
}

async function connect(fromNode: string, fromPort: string, toNode: string, toPort: string): Promise<void> {
  const before = await page.locator(".react-flow__edge").count();
  await dragEdge(`handle-${fromNode}-out-${fromPort}`, `handle-${toNode}-in-${toPort}`);
  await expect.poll(() => page.locator(".react-flow__edge").count(), { message: `edge ${fromNode}.${fromPort} -> ${toNode}.${toPort}` }).toBe(before + 1);
}

async function select(nodeId: string): Promise<void> {
  await page.locator(`[data-testid="node-${nodeId}"] .tnode-title`).click();
  await expect.poll(() => byTestId("inspector-node").getAttribute("data-node-id")).toBe(nodeId);
}

const callsOf = (nodeId: string) => byTestId(`node-calls-${nodeId}`).getAttribute("data-calls");
const statusOf = (nodeId: string) => byTestId(`node-status-${nodeId}`).getAttribute("data-status");
const runStatus = () => byTestId("run-status").getAttribute("data-status");

/** The graph as the canvas draws it: node ids with their flow positions, and edge ids. */
async function drawnGraph(): Promise<{ nodes: string[]; edges: string[] }> {
  const nodes = await page.locator(".react-flow__node").evaluateAll((elements) => elements.map((e) => `${e.getAttribute("data-id")} ${(e as HTMLElement).style.transform}`));
  const edges = await page.locator(".react-flow__edge").evaluateAll((elements) => elements.map((e) => e.getAttribute("data-id") ?? ""));
  return { nodes: nodes.sort(), edges: edges.sort() };
}

async function saveAs(name: string): Promise<void> {
  await byTestId("file-save-as").click();
  await expect.poll(() => byTestId("file-dir").textContent()).not.toBe("…");
  await byTestId("save-name").fill(name);
  await byTestId("file-dialog-save").click();
  await expect.poll(() => byTestId("file-name").textContent()).toBe(`${name}.itasca.json`);
}

const PIPELINE = ["input", "generate", "rank", "fuse", "output"] as const;

const SUITE = "the designer in Chromium, end to end";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
  beforeAll(async () => {
    // Leaving the page with unsaved edits asks first; the reload below happens after a save.
    ({ studio, browser, page, errors } = await openStudioSession({ acceptDialogs: true, keepGallery: true }));
  }, 120_000);

  afterAll(() => closeStudioSession({ studio, browser }));

  it("builds input -> generate -> rank -> fuse -> output from the palette", async () => {
    // The first start greets with the template gallery: start blank.
    await byTestId("template-blank").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(2);
    // The blank template's output goes, so that every technique node comes from the palette.
    await page.locator('[data-testid="node-output"] .tnode-title').click();
    await page.keyboard.press("Delete");
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(1);

    await dropFromPalette("generate", 0.2, 0.75);
    await dropFromPalette("rank", 0.4, 0.75);
    await dropFromPalette("fuse", 0.6, 0.75);
    await dropFromPalette("output", 0.8, 0.75);
    for (const id of PIPELINE) await byTestId(`node-${id}`).waitFor({ state: "visible" });

    await byTestId("layout").click();
    await expect.poll(() => byTestId("layout").isEnabled()).toBe(true);
    // The fit after the layout animates for 300 ms; handles are found where they end up.
    await page.waitForTimeout(600);

    await connect("input", "query", "generate", "query");
    await connect("generate", "candidates", "rank", "candidates");
    await connect("input", "query", "rank", "query");
    await connect("rank", "candidates", "fuse", "candidates");
    await connect("input", "query", "fuse", "query");
    await connect("fuse", "candidates", "output", "candidates");
    // Auto-layout again, now with edges: one layer per step, left to right.
    await byTestId("layout").click();
    await expect.poll(async () => {
      const xs = await Promise.all(PIPELINE.map(async (id) => (await byTestId(`node-${id}`).boundingBox())?.x ?? Number.NaN));
      return xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? Number.NaN));
    }).toBe(true);
    await expect.poll(() => byTestId("problems-count").getAttribute("data-errors")).toBe("0");
    // 1 sample and 1 fuser; rank makes no call for a single candidate.
    await expect.poll(() => byTestId("estimated-calls").getAttribute("data-calls")).toBe("2");
  });

  it("refuses a connection between different port types, saying why", async () => {
    const edges = await page.locator(".react-flow__edge").count();
    let hint: { valid: string | null; text: string | null } = { valid: null, text: null };
    await dragEdge("handle-generate-out-candidates", "handle-fuse-in-query", async () => {
      const element = byTestId("connection-hint");
      await element.waitFor({ state: "visible" });
      hint = { valid: await element.getAttribute("data-valid"), text: await element.textContent() };
    });
    expect(hint.valid).toBe("false");
    expect(hint.text).toMatch(/candidates/);
    expect(hint.text).toMatch(/query/);
    await page.waitForTimeout(200);
    expect(await page.locator(".react-flow__edge").count()).toBe(edges);
  });

  it("sets samples to 4 in the inspector, and shows an out-of-range value as an error without applying it", async () => {
    await select("generate");
    await byTestId("field-samples").fill("4");
    await expect.poll(() => callsOf("generate")).toBe("4");
    await expect.poll(() => byTestId("estimated-calls").getAttribute("data-calls")).toBe("6");

    await byTestId("field-samples").fill("999");
    await byTestId("field-error-samples").waitFor({ state: "visible" });
    expect(await byTestId("field-error-samples").textContent()).toMatch(/256/);
    expect(await callsOf("generate")).toBe("4");
    await byTestId("field-samples").fill("4");
    await byTestId("field-error-samples").waitFor({ state: "detached" });
    await page.keyboard.press("Escape");
  });

  it("undoes and redoes the edit", async () => {
    await page.keyboard.press("Control+z");
    await expect.poll(() => callsOf("generate")).toBe("1");
    await byTestId("redo").click();
    await expect.poll(() => callsOf("generate")).toBe("4");
    await saveScreenshot(page, "e2e-editor.png");
  });

  it("leaves the graph alone while a dialog covers it, and Escape closes the dialog", async () => {
    await select("rank");
    const nodes = await page.locator(".react-flow__node").count();
    await byTestId("file-open").click();
    await byTestId("file-dialog").waitFor({ state: "visible" });
    await page.keyboard.press("Delete");
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Escape");
    await byTestId("file-dialog").waitFor({ state: "detached" });
    expect(await page.locator(".react-flow__node").count()).toBe(nodes);
    expect(await callsOf("generate")).toBe("4");
  });

  it("saves, and after a page reload opens the file to the identical graph", async () => {
    const drawn = await drawnGraph();
    expect(drawn.nodes).toHaveLength(5);
    expect(drawn.edges).toHaveLength(6);
    await byTestId("file-save").click(); // untitled: save asks where
    await expect.poll(() => byTestId("file-dir").textContent()).not.toBe("…");
    await byTestId("save-name").fill("designed");
    await byTestId("file-dialog-save").click();
    await expect.poll(() => byTestId("file-name").textContent()).toBe("designed.itasca.json");
    await byTestId("dirty-mark").waitFor({ state: "detached" });
    const saved = readFileSync(join(studio!.workDir, "designed.itasca.json"), "utf8");
    expect(JSON.parse(saved)).toMatchObject({ version: 1, nodes: expect.arrayContaining([expect.objectContaining({ id: "generate", params: expect.objectContaining({ samples: 4 }) })]) });

    await page.reload({ waitUntil: "load" });
    await page.locator("[data-testid=canvas] .react-flow__node").first().waitFor({ state: "visible" });
    await byTestId("file-open").click();
    await byTestId("file-entry-designed.itasca.json").click();
    await expect.poll(() => byTestId("file-name").textContent()).toBe("designed.itasca.json");
    await expect.poll(drawnGraph).toEqual(drawn);
    expect(await page.locator('[data-testid="dirty-mark"]').count()).toBe(0);

    // Written again from what was opened, the file is byte for byte what was saved.
    await saveAs("designed-again");
    expect(readFileSync(join(studio!.workDir, "designed-again.itasca.json"), "utf8")).toBe(saved);
  });

  it("runs on the embedded model: every node reaches done, the answer appears, the usage table counts the calls", { timeout: 150_000 }, async () => {
    await byTestId("query-input").fill("Once upon a time");
    await byTestId("run-button").click();
    await expect.poll(runStatus, { timeout: 120_000 }).toBe("completed");
    for (const id of PIPELINE) expect(await statusOf(id), id).toBe("done");
    // Starting a run opens the Run tab.
    expect(await byTestId("run-tab").getAttribute("aria-selected")).toBe("true");
    expect(await byTestId("run-answer").getAttribute("data-ready")).toBe("true");
    expect((await byTestId("run-answer").textContent())?.trim()).not.toBe("");
    const total = byTestId("usage-row-total");
    expect(await total.getAttribute("data-calls")).toBe("6");
    expect(await total.getAttribute("data-cached")).toBe("0");
    expect(await byTestId("usage-row-generate").getAttribute("data-calls")).toBe("4");
    await saveScreenshot(page, "e2e-run-finished.png");
  });

  it("runs again from the cache: the model nodes show cached", { timeout: 90_000 }, async () => {
    await byTestId("run-button").click();
    await expect.poll(runStatus, { timeout: 60_000 }).toBe("completed");
    for (const id of ["generate", "rank", "fuse"]) expect(await statusOf(id), id).toBe("cached");
    const total = byTestId("usage-row-total");
    expect(await total.getAttribute("data-calls")).toBe("0");
    expect(await total.getAttribute("data-cached")).toBe("6");
    await saveScreenshot(page, "e2e-run-cached.png");
  });

  it("stops a run at the budget set in the meter, before the call that would pass it", { timeout: 90_000 }, async () => {
    // 4 samples, 1 rank call, 1 fuser: the meter marks a 3-call budget as over.
    await byTestId("budget-meter").click();
    await byTestId("budget-max-calls").fill("3");
    await expect.poll(() => byTestId("budget-meter").getAttribute("data-over")).toBe("true");
    await byTestId("budget-close").click();
    await byTestId("query-input").fill("A dog and a cat");
    await byTestId("run-button").click();
    await expect.poll(runStatus, { timeout: 60_000 }).toBe("budget-exceeded");
    expect(await byTestId("usage-row-total").getAttribute("data-calls")).toBe("3");
    expect(await statusOf("generate")).toBe("budget-stopped");
    // No limit again for what follows.
    await byTestId("budget-meter").click();
    await byTestId("budget-max-calls").fill("");
    await expect.poll(() => byTestId("budget-meter").getAttribute("data-over")).toBe("false");
    await byTestId("budget-close").click();
  });

  it("cancels a long run: it stops before finishing", { timeout: 120_000 }, async () => {
    await select("generate");
    await byTestId("field-samples").fill("256");
    await byTestId("field-max_tokens").fill("512");
    await page.keyboard.press("Escape");
    await byTestId("query-input").fill("A long story about a dragon who");
    await byTestId("run-button").click();
    await expect.poll(() => statusOf("generate"), { timeout: 60_000 }).toBe("running");
    // A running node shows a progress ring: its calls done out of the 256 estimated.
    const progress = await byTestId("node-status-generate").getAttribute("data-progress");
    expect(progress).toMatch(/^0\.\d\d$/);
    await byTestId("cancel-button").click();
    await expect.poll(runStatus, { timeout: 30_000 }).toBe("cancelled");
    expect(await statusOf("generate")).toBe("cancelled");
    for (const id of ["rank", "fuse", "output"]) expect(await statusOf(id), id).not.toBe("done");
    const made = Number(await byTestId("usage-row-total").getAttribute("data-calls"));
    expect(made).toBeLessThan(256);
    expect(errors, `studio stderr:\n${studio!.stderr()}`).toEqual([]);
  });
});
