/**
 * Debian's Chromium driven by playwright-core (which bundles no browser), for the end-to-end
 * tests: headless, a fresh profile per launch, and the page's console errors collected so a
 * test can require there were none.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ROOT } from "../helpers/architectures";

export const CHROMIUM = "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Why the end-to-end suites are skipped on a machine without it (printed through skipNotice). */
export const NO_CHROMIUM = `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`;
/** Screenshots the tests leave for people to look at (ignored by git). */
export const ARTIFACTS = join(ROOT, "tests", "artifacts");

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  // A fresh profile per run: no extension, cache or session of a previous run can interfere.
  const profile = mkdtempSync(join(tmpdir(), "itasca-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      viewport,
      timeout: 30_000,
    });
    return { context, close: () => context.close().catch(() => undefined).finally(() => rmSync(profile, { recursive: true, force: true })) };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Console errors and uncaught exceptions of a page, as they happen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/**
 * Opens the studio in a fresh profile: the canvas is drawn and, this being the profile's first
 * start, the template gallery greets the user. `keepGallery` leaves it open; otherwise it is closed.
 */
export async function openStudio(page: Page, url: string, options: { keepGallery?: boolean } = {}): Promise<void> {
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  await page.locator("[data-testid=canvas] .react-flow__node").first().waitFor({ state: "visible" });
  const gallery = page.locator('[data-testid="file-dialog"][data-mode="new"]');
  await gallery.waitFor({ state: "visible" });
  if (options.keepGallery) return;
  await page.locator('[data-testid="file-dialog-close"]').click();
  await gallery.waitFor({ state: "detached" });
}

/** Saves a screenshot into tests/artifacts. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path });
  return path;
}
