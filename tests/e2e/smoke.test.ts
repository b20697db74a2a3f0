/**
 * The first start, end to end: the real web studio, the built renderer, Debian's Chromium. The
 * editor renders its palette and canvas with the template gallery open, with no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipNotice } from "../helpers/skip";
import { collectPageErrors, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, openStudio, saveScreenshot, type Browser } from "./browser";
import { startStudioProcess, type StudioProcess } from "./studio-process";

let studio: StudioProcess | undefined;
let browser: Browser | undefined;

const SUITE = "web studio in Chromium";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
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

    // The first start: the sample architecture on the canvas, and the template gallery over it.
    await openStudio(page, studio.url, { keepGallery: true });
    await page.locator("[data-testid=palette]").waitFor({ state: "visible" });
    expect(await page.locator('[data-testid^="template-"]').count()).toBeGreaterThanOrEqual(4);
    await saveScreenshot(page, "e2e-start-gallery.png");
    // Picking the sample from the gallery shows it, ready to run.
    await page.locator('[data-testid="template-sample-rank-fuse"]').click();
    await page.locator('[data-testid="file-dialog"]').waitFor({ state: "detached" });
    await page.locator('[data-testid="node-generate"]').waitFor({ state: "visible" });
    // A reload is not a first start: no gallery.
    await page.reload({ waitUntil: "load" });
    await page.locator("[data-testid=canvas] .react-flow__node").first().waitFor({ state: "visible" });
    expect(await page.locator('[data-testid="file-dialog"]').count()).toBe(0);

    await saveScreenshot(page, "e2e-start.png");
    expect(errors, `studio stderr:\n${studio.stderr()}`).toEqual([]);
  });
});
