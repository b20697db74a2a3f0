/**
 * Archon interop in the designer, end to end: the real `itasca studio` and Chromium. A defective
 * Archon config (a generator without max_tokens and with a misspelled `length_contorl`, a
 * critic, a fuser) imported through the top bar's Archon menu shows its graph on the canvas and
 * its warnings, with their codes and JSON paths, in the Problems tab; dropping a config on the
 * window imports it too (an Itasca file dropped still opens as before); the import exports back
 * to a config with the same layers; and a vote architecture is refused, naming its node.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importArchonConfig } from "../../core/interop/archon";
import { ROOT } from "../helpers/architectures";
import { skipNotice } from "../helpers/skip";
import { HAS_CHROMIUM, NO_CHROMIUM, saveScreenshot, type Browser } from "./browser";
import type { StudioProcess } from "./studio-process";
import { closeStudioSession, openStudioSession } from "./studio-session";

const FIXTURE = join(ROOT, "tests", "renderer", "fixtures", "defective-moa.archon.json");
const CONFIG_TEXT = readFileSync(FIXTURE, "utf8");
const CONFIG = JSON.parse(CONFIG_TEXT) as { name: string; layers: unknown[][] };

/** What the import gives in Node, without a registry: the node count and the warning codes the page must show (at least). */
const EXPECTED = (() => {
  const result = importArchonConfig(CONFIG_TEXT, { file: "defective.archon.json" });
  if (!result.ok) throw new Error(result.reason);
  return { nodes: result.architecture.nodes.length, codes: result.warnings.map((w) => w.code) };
})();

let studio: StudioProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

const byTestId = (id: string): Locator => page.locator(`[data-testid="${id}"]`);
const canvasNodes = () => page.locator("[data-testid=canvas] .react-flow__node").count();

async function archonMenu(item: "file-import-archon" | "file-export-archon"): Promise<void> {
  await byTestId("archon-menu").click();
  await byTestId(item).click();
}

/** Drops a file with this text on the page, as a file dragged from the desktop arrives. */
async function dropFile(name: string, text: string): Promise<void> {
  await page.evaluate(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: "application/json" }));
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
}

async function warningCodes(): Promise<string[]> {
  return page.locator('[data-testid="import-warnings"] [data-code]').evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code") ?? ""));
}

const SUITE = "Archon import and export in the designer, in Chromium";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
  beforeAll(async () => {
    // Replacing a document with unsaved edits asks first.
    ({ studio, browser, page, errors } = await openStudioSession({
      acceptDialogs: true,
      beforeOpen: (session) => copyFileSync(FIXTURE, join(session.studio.workDir, "defective.archon.json")),
    }));
  }, 120_000);

  afterAll(() => closeStudioSession({ studio, browser }));

  it("imports a defective config from the Archon menu: the graph on the canvas, the warnings in Problems", async () => {
    await archonMenu("file-import-archon");
    await page.locator('[data-testid="file-dialog"][data-mode="import-archon"]').waitFor({ state: "visible" });
    await byTestId("file-entry-defective.archon.json").click();
    await byTestId("file-dialog").waitFor({ state: "detached" });
    await expect.poll(() => byTestId("file-name").textContent()).toBe(`${CONFIG.name}.itasca.json`);
    await expect.poll(canvasNodes).toBe(EXPECTED.nodes);

    await byTestId("import-warnings").waitFor({ state: "visible" });
    const codes = await warningCodes();
    expect(codes).toEqual(expect.arrayContaining([...EXPECTED.codes, "misspelled-key", "missing-max-tokens"]));
    const misspelled = page.locator('[data-testid="import-warnings"] [data-code="misspelled-key"]').first();
    expect(await misspelled.getAttribute("data-path")).toBe("layers[0][0].length_contorl");
    expect(await misspelled.locator(".problem-severity").textContent()).toBe("warning");
    expect(Number(await byTestId("problems-count").getAttribute("data-import-warnings"))).toBe(codes.length);

    // A warning about a node selects it, as a diagnostic does.
    const nodeId = await misspelled.getAttribute("data-node-id");
    expect(nodeId).not.toBe("");
    await misspelled.click();
    await expect.poll(() => byTestId("inspector-node").getAttribute("data-node-id")).toBe(nodeId);
    await saveScreenshot(page, "e2e-archon-import.png");
  });

  it("exports the imported graph to a config with the same layers", async () => {
    await archonMenu("file-export-archon");
    await page.locator('[data-testid="file-dialog"][data-mode="export-archon"]').waitFor({ state: "visible" });
    expect(await byTestId("save-name").inputValue()).toBe(`${CONFIG.name}.archon.json`);
    await expect.poll(() => byTestId("file-dir").textContent()).not.toBe("…");
    await byTestId("save-name").fill("round-trip");
    await byTestId("file-dialog-save").click();
    await byTestId("file-dialog").waitFor({ state: "detached" });
    await expect.poll(() => byTestId("notice").textContent()).toContain("Exported round-trip.archon.json");
    const exported = JSON.parse(readFileSync(join(studio!.workDir, "round-trip.archon.json"), "utf8")) as { name: string; layers: unknown[][] };
    expect(exported.layers).toHaveLength(CONFIG.layers.length);
    expect(exported.layers.map((layer) => layer.length)).toEqual(CONFIG.layers.map((layer) => layer.length));
  });

  it("imports a config dropped on the window, and still opens a dropped Itasca file", async () => {
    const dropped = { ...CONFIG, name: "dropped-moa" };
    await dropFile("dropped.json", JSON.stringify(dropped));
    await expect.poll(() => byTestId("file-name").textContent()).toBe("dropped-moa.itasca.json");
    await expect.poll(canvasNodes).toBe(EXPECTED.nodes);
    await expect.poll(() => byTestId("import-warnings").getAttribute("aria-label")).toContain("dropped.json");

    await dropFile("sample.itasca.json", readFileSync(join(ROOT, "presets", "architectures", "sample-rank-fuse.itasca.json"), "utf8"));
    await expect.poll(() => byTestId("file-name").textContent()).toBe("sample.itasca.json");
    // Warnings belong to the document they came with.
    await byTestId("import-warnings").waitFor({ state: "detached" });
  });

  it("refuses to export game24-vote, naming the vote node and selecting it", async () => {
    await byTestId("file-new").click();
    await byTestId("template-game24-vote").click();
    await expect.poll(() => byTestId("file-name").textContent()).toBe("game24-vote.itasca.json");
    await archonMenu("file-export-archon");
    await expect.poll(() => byTestId("notice").textContent()).toMatch(/Cannot export as an Archon config: .*"vote"/);
    expect(await page.locator('[data-testid="file-dialog"]').count()).toBe(0);
    await expect.poll(() => byTestId("inspector-node").getAttribute("data-node-id")).toBe("vote");
    await saveScreenshot(page, "e2e-archon-export-refused.png");
    expect(errors).toEqual([]);
  });
});
