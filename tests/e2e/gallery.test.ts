/**
 * The template gallery end to end: the real `itasca studio` and Chromium. Every preset in
 * presets/architectures (read from the folder, so presets added later are covered) has a card
 * with a preview drawing one box per node, and the expected calls the cost estimator gives;
 * a card opens from the keyboard, and the budget meter then agrees with the card.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateArchitecture } from "../../core/cost/estimate";
import { validateArchitecture } from "../../core/validation/validate";
import { ROOT } from "../helpers/architectures";
import { skipNotice } from "../helpers/skip";
import { HAS_CHROMIUM, NO_CHROMIUM, saveScreenshot, type Browser } from "./browser";
import type { StudioProcess } from "./studio-process";
import { closeStudioSession, openStudioSession } from "./studio-session";

const PRESET_DIR = join(ROOT, "presets", "architectures");

interface Preset {
  file: string;
  name: string;
  nodes: number;
  calls: number;
}

/** What each preset's card should show, computed here in Node from the file and the estimator. */
function presets(): Preset[] {
  return readdirSync(PRESET_DIR)
    .filter((file) => file.endsWith(".itasca.json"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(PRESET_DIR, file), "utf8");
      const { document } = validateArchitecture(text, { file });
      if (document === undefined) throw new Error(`${file} does not load`);
      return { file, name: document.name, nodes: document.nodes.length, calls: estimateArchitecture(document, null).calls };
    });
}

let studio: StudioProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

const byTestId = (id: string): Locator => page.locator(`[data-testid="${id}"]`);

const SUITE = "the template gallery in Chromium";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
  beforeAll(async () => {
    ({ studio, browser, page, errors } = await openStudioSession({ keepGallery: true }));
  }, 120_000);

  afterAll(() => closeStudioSession({ studio, browser }));

  it("shows every preset with a preview of its nodes and the estimator's expected calls", async () => {
    const expected = presets();
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => byTestId("template-gallery").getAttribute("data-count")).toBe(String(expected.length));
    for (const preset of expected) {
      const card = byTestId(`template-card-${preset.name}`);
      await card.waitFor({ state: "visible" });
      expect(await card.locator("svg.graph-thumbnail rect.thumb-node").count(), preset.file).toBe(preset.nodes);
      expect(await byTestId(`template-calls-${preset.name}`).getAttribute("data-calls"), preset.file).toBe(String(preset.calls));
    }
    // The blank canvas is a card too, before the presets.
    expect(await byTestId("template-card-blank").locator("rect.thumb-node").count()).toBe(2);
    expect(await page.locator(".template-card").count()).toBe(expected.length + 1);
    await saveScreenshot(page, "e2e-gallery.png");
  });

  it("colours the preview's boxes from the theme's category colours, in either theme", async () => {
    const fill = () => byTestId("template-card-blank").locator("rect.thumb-node").first().evaluate((rect) => getComputedStyle(rect).fill);
    const theme = (name: string) => page.evaluate((value) => (document.documentElement.dataset["theme"] = value), name);
    const initial = await page.evaluate(() => document.documentElement.dataset["theme"]);
    await theme("dark");
    const dark = await fill();
    await saveScreenshot(page, "e2e-gallery-dark.png");
    await theme("light");
    const light = await fill();
    await saveScreenshot(page, "e2e-gallery-light.png");
    // --category-io of each theme (renderer/styles/theme.css).
    expect([dark, light]).toEqual(["rgb(139, 149, 167)", "rgb(107, 117, 134)"]);
    await theme(initial ?? "dark");
  });

  it("unfolds a long description with its more button", async () => {
    const long = presets().find((preset) => ((JSON.parse(readFileSync(join(PRESET_DIR, preset.file), "utf8")) as { description?: string }).description?.length ?? 0) > 110);
    if (long === undefined) return;
    const card = byTestId(`template-card-${long.name}`);
    await card.getByRole("button", { name: "more" }).click();
    await expect.poll(() => byTestId(`template-description-${long.name}`).getAttribute("class")).not.toContain("clamped");
    await card.getByRole("button", { name: "less" }).click();
  });

  it("opens a template from the keyboard, and the budget meter agrees with its card", async () => {
    const preset = presets().find((p) => p.file === "sample-rank-fuse.itasca.json") ?? presets()[0];
    if (preset === undefined) throw new Error("no presets");
    await byTestId(`template-${preset.name}`).focus();
    await page.keyboard.press("Enter");
    await byTestId("file-dialog").waitFor({ state: "detached" });
    await expect.poll(() => byTestId("file-name").textContent()).toBe(preset.file);
    expect(await page.locator("[data-testid=canvas] .react-flow__node").count()).toBe(preset.nodes);
    expect(await byTestId("estimated-calls").getAttribute("data-calls")).toBe(String(preset.calls));
    expect(errors).toEqual([]);
  });
});
