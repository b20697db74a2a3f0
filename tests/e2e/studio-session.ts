/**
 * One end-to-end session: the real studio in a child process, a fresh headless Chromium, and
 * one page on the studio with its console errors collected. Every e2e suite that drives the
 * designer starts and stops it the same way, so the steps live here once.
 */
import type { Page } from "playwright-core";
import { collectPageErrors, launchBrowser, openStudio, type Browser } from "./browser";
import { startStudioProcess, type StudioProcess } from "./studio-process";

export interface StudioSession {
  studio: StudioProcess;
  browser: Browser;
  page: Page;
  /** The page's console errors and uncaught exceptions, as they happen. */
  errors: string[];
}

export interface StudioSessionOptions {
  /** Accept every `confirm` (replacing or leaving a document with unsaved edits asks first). @default false */
  acceptDialogs?: boolean;
  /** Leave the first start's template gallery open. @default false */
  keepGallery?: boolean;
  /** Runs after the studio started and before the page opens it (copy fixtures, listen to the page). */
  beforeOpen?(session: StudioSession): void;
}

/** Starts a session; on a failure part way, whatever started is stopped before the error propagates. */
export async function openStudioSession(options: StudioSessionOptions = {}): Promise<StudioSession> {
  const studio = await startStudioProcess();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    const session: StudioSession = { studio, browser, page, errors: collectPageErrors(page) };
    page.setDefaultTimeout(20_000);
    if (options.acceptDialogs) page.on("dialog", (dialog) => void dialog.accept());
    options.beforeOpen?.(session);
    await openStudio(page, studio.url, { keepGallery: options.keepGallery === true });
    return session;
  } catch (error) {
    await closeStudioSession({ studio, browser });
    throw error;
  }
}

/** Closes the browser, then stops the studio; either may be missing after a failed start. */
export async function closeStudioSession(session: { studio?: StudioProcess | undefined; browser?: Browser | undefined }): Promise<void> {
  await session.browser?.close();
  await session.studio?.stop();
}
