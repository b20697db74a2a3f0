/**
 * The first end-to-end test: the real web studio, the built renderer, Debian's Chromium.
 * The editor must render its palette and canvas with no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, HAS_CHROMIUM, launchBrowser, saveScreenshot, type Browser } from "./browser";
import { startStudioProcess, type StudioProcess } from "./studio-process";

let studio: StudioProcess | undefined;
let browser: Browser | undefined;

describe.skipIf(!HAS_CHROMIUM)("web studio in Chromium", () => {
  beforeAll(async () => {
    studio = await startStudioProcess();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    // Each step on its own: a failed launch must still stop the server.
    await browser?.close();
    await studio?.stop();
  });

  it("renders the palette and the canvas with no console error", async () => {
    if (!browser || !studio) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    page.setDefaultTimeout(20_000);

    await page.goto(studio.url, { waitUntil: "load", timeout: 30_000 });
    await page.locator("[data-testid=palette]").waitFor({ state: "visible" });
    await page.locator("[data-testid=canvas]").waitFor({ state: "visible" });
    // The start document's nodes: the canvas is drawn, not only mounted.
    await page.locator("[data-testid=canvas] .react-flow__node").first().waitFor({ state: "visible" });

    await saveScreenshot(page, "e2e-editor.png");
    expect(errors, `studio stderr:\n${studio.stderr()}`).toEqual([]);
  });
});
