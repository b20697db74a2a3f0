/**
 * The first end-to-end test: the real web studio, the built renderer, Debian's Chromium.
 * The editor must render its palette and canvas with no console error.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";
import { startStudioProcess, type StudioProcess } from "./studio-process";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "tests", "artifacts");

let studio: StudioProcess | undefined;
let browser: BrowserContext | undefined;
let profile: string | undefined;

describe.skipIf(!existsSync(CHROMIUM))("web studio in Chromium", () => {
  beforeAll(async () => {
    // Built once per checkout: the studio serves renderer/dist as it is.
    if (!existsSync(join(ROOT, "renderer", "dist", "index.html"))) execSync("npm run --silent build:renderer", { cwd: ROOT, stdio: "inherit", timeout: 180_000 });
    studio = await startStudioProcess();
    profile = mkdtempSync(join(tmpdir(), "itasca-chromium-"));
    // A fresh profile per run: no extension, cache or session of a previous run can interfere.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      viewport: { width: 1400, height: 900 },
      timeout: 30_000,
    });
  }, 240_000);

  afterAll(async () => {
    // Each step on its own: a failed launch must still stop the server and remove the profile.
    await browser?.close().catch(() => undefined);
    await studio?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("renders the palette and the canvas with no console error", async () => {
    if (!browser || !studio) throw new Error("setup failed");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
    page.setDefaultTimeout(20_000);

    await page.goto(studio.url, { waitUntil: "load", timeout: 30_000 });
    await page.locator("[data-testid=palette]").waitFor({ state: "visible" });
    await page.locator("[data-testid=canvas]").waitFor({ state: "visible" });
    // The start document's nodes: the canvas is drawn, not only mounted.
    await page.locator("[data-testid=canvas] .react-flow__node").first().waitFor({ state: "visible" });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "e2e-editor.png") });
    expect(errors, `studio stderr:\n${studio.stderr()}`).toEqual([]);
  });
});
