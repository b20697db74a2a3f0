/**
 * The Evaluate tab end to end: the real `itasca studio`, the built renderer, Debian's Chromium,
 * the replay provider (game24-vote over the preset slice "game24", whose first puzzles the
 * shipped replay file covers). One page walks through the scenario in order: evaluate a
 * small slice and watch the progress reach 100%, filter wrong answers, open one item's run on
 * the canvas, evaluate again with fewer samples and compare the two. Screenshots go to tests/artifacts.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipNotice } from "../helpers/skip";
import { HAS_CHROMIUM, NO_CHROMIUM, saveScreenshot, type Browser } from "./browser";
import type { StudioProcess } from "./studio-process";
import { closeStudioSession, openStudioSession } from "./studio-session";

let studio: StudioProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

const byTestId = (id: string): Locator => page.locator(`[data-testid="${id}"]`);

/** Shows a bottom tab: clicking the tab already shown would fold the panel away. */
async function showTab(tab: "evaluate" | "run"): Promise<void> {
  if ((await byTestId(`${tab}-tab`).getAttribute("aria-selected")) !== "true" || (await byTestId(`${tab}-panel`).count()) === 0) await byTestId(`${tab}-tab`).click();
  await byTestId(`${tab}-panel`).waitFor({ state: "visible" });
}
const NODES = ["input", "generate", "vote", "output"] as const;
const LIMIT = 5;

/** The Evaluate form set to the game24 slice, all items, the first `LIMIT`. */
async function fillForm(): Promise<void> {
  await byTestId("eval-dataset").selectOption("game24");
  await byTestId("eval-split").selectOption("all");
  await byTestId("eval-limit").fill(String(LIMIT));
}

/** Waits for the shown evaluation to complete; returns the progress percentages the bar showed on the way. */
async function evaluationSeen(start: () => Promise<void>): Promise<string[]> {
  // Recorded in the page as the bar changes: the replay provider can finish within a poll interval.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { percents: string[] }).percents = seen;
    const note = () => {
      const bar = document.querySelector('[data-testid="eval-progress"]');
      const value = bar === null ? null : `${bar.getAttribute("data-percent")}:${bar.getAttribute("data-status")}`;
      if (value !== null && seen.at(-1) !== value) seen.push(value);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-percent", "data-status"] });
  });
  await start();
  await expect.poll(() => byTestId("eval-progress").getAttribute("data-status"), { timeout: 60_000 }).toBe("completed");
  return page.evaluate(() => (window as unknown as { percents: string[] }).percents);
}

const SUITE = "the Evaluate tab in Chromium, end to end";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
  beforeAll(async () => {
    ({ studio, browser, page, errors } = await openStudioSession({ acceptDialogs: true, keepGallery: true }));
  }, 120_000);

  afterAll(() => closeStudioSession({ studio, browser }));

  it("opens game24-vote and saves it, so its evaluations have a history", { timeout: 60_000 }, async () => {
    await byTestId("template-game24-vote").click();
    await byTestId("file-dialog").waitFor({ state: "detached" });
    for (const id of NODES) await byTestId(`node-${id}`).waitFor({ state: "visible" });
    await byTestId("file-save").click();
    await expect.poll(() => byTestId("file-dir").textContent()).not.toBe("…");
    await byTestId("save-name").fill("game24-eval");
    await byTestId("file-dialog-save").click();
    await expect.poll(() => byTestId("file-name").textContent()).toBe("game24-eval.itasca.json");
    // The "Saved" notice would sit over the panel in the screenshots.
    await byTestId("notice").click();
  });

  it("evaluates a slice of 5 puzzles: the progress reaches 100%, with the summary card beside the results", { timeout: 90_000 }, async () => {
    await showTab("evaluate");
    expect(await byTestId("eval-history").count()).toBe(0);
    await expect.poll(() => byTestId("eval-dataset").locator("option").count()).toBeGreaterThan(1);
    await fillForm();
    const seen = await evaluationSeen(() => byTestId("eval-run").click());
    // The bar only moves forward and ends full.
    const percents = seen.map((s) => Number(s.split(":")[0]));
    expect(percents.at(-1)).toBe(100);
    expect(percents.every((p, i) => i === 0 || p >= percents[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe("100:completed");

    const progress = byTestId("eval-progress");
    expect(await progress.getAttribute("data-done")).toBe(String(LIMIT));
    expect(await progress.getAttribute("data-total")).toBe(String(LIMIT));
    expect(await byTestId("eval-results").getAttribute("data-rows")).toBe(String(LIMIT));
    const summary = byTestId("eval-summary");
    await summary.waitFor({ state: "visible" });
    expect(await summary.getAttribute("data-scored")).toBe(String(LIMIT));
    expect(await byTestId("eval-accuracy").textContent()).toMatch(/^\d+\.\d%$/);
    expect(await byTestId("eval-ci").textContent()).toMatch(/^95% CI \d+\.\d–\d+\.\d%$/);
    // The history of this file now lists it.
    await expect.poll(() => byTestId("eval-history").locator("li").count()).toBe(1);
    await saveScreenshot(page, "e2e-evaluate-finished.png");
  });

  it("filters the results to the wrong answers", async () => {
    const rows = byTestId("eval-results").locator("tbody tr");
    const marks = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-correct")));
    const wrong = marks.filter((mark) => mark !== "true").length;
    expect(wrong).toBeGreaterThan(0);
    await byTestId("eval-wrong-only").check();
    await expect.poll(() => rows.count()).toBe(wrong);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-correct")));
    expect(shown.every((mark) => mark !== "true")).toBe(true);
  });

  it("opens one wrong item's run on the canvas: its node statuses, and each node's candidates with their annotations", { timeout: 30_000 }, async () => {
    const row = byTestId("eval-results").locator("tbody tr").first();
    const itemId = await row.getAttribute("data-item-id");
    const index = (await row.getAttribute("data-testid"))!.replace("eval-item-", "");
    // From the keyboard: the item's id is a button in its row.
    await byTestId(`eval-item-open-${index}`).focus();
    await page.keyboard.press("Enter");
    const detail = byTestId("eval-item-detail");
    await detail.waitFor({ state: "visible" });
    expect(await detail.getAttribute("data-item-id")).toBe(itemId);
    await expect.poll(() => detail.getAttribute("data-run-id")).not.toBe("");
    // The canvas shows that run: every node ended (the replayed samples may come from the cache).
    for (const id of NODES) await expect.poll(() => byTestId(`node-status-${id}`).getAttribute("data-status"), { message: id }).toMatch(/^(done|cached)$/);
    // Its generate node drew 10 candidates; vote annotated them with the answers it read.
    await byTestId("eval-node-generate").locator("summary").click();
    await expect.poll(() => byTestId("eval-node-generate").locator('[data-testid^="candidate-"]').count()).toBe(10);
    await byTestId("eval-node-vote").locator("summary").click();
    await expect.poll(() => byTestId("eval-node-vote").locator(".annotation--answer").count()).toBeGreaterThan(0);
    // The Run tab shows the same run.
    await byTestId("eval-node-generate").locator("summary").click();
    await saveScreenshot(page, "e2e-evaluate-item.png");
    await showTab("run");
    expect(await byTestId("run-status").getAttribute("data-status")).toBe("completed");
    await showTab("evaluate");
    await byTestId("eval-item-close").click();
    await byTestId("eval-item-detail").waitFor({ state: "detached" });
  });

  it("evaluates again with 5 samples and compares the two on the same puzzles", { timeout: 90_000 }, async () => {
    await page.locator('[data-testid="node-generate"] .tnode-title').click();
    await expect.poll(() => byTestId("inspector-node").getAttribute("data-node-id")).toBe("generate");
    await byTestId("field-samples").fill("5");
    await expect.poll(() => byTestId("node-calls-generate").getAttribute("data-calls")).toBe("5");
    await showTab("evaluate");
    await byTestId("eval-wrong-only").uncheck();
    // Started from the keyboard: Enter in the form submits it.
    await evaluationSeen(async () => {
      await byTestId("eval-limit").focus();
      await page.keyboard.press("Enter");
    });
    await expect.poll(() => byTestId("eval-history").locator("li").count()).toBe(2);
    const picks = byTestId("eval-history").locator('input[type="checkbox"]');
    await picks.nth(0).check();
    await picks.nth(1).check();
    await byTestId("eval-compare").click();
    const comparison = byTestId("eval-comparison");
    await expect.poll(() => comparison.getAttribute("data-ready")).toBe("true");
    expect(await byTestId("eval-compare-items").textContent()).toBe(String(LIMIT));
    const [wins, losses, ties] = ((await byTestId("eval-compare-wlt").textContent()) ?? "").split("/").map((part) => Number(part.trim()));
    expect((wins ?? 0) + (losses ?? 0) + (ties ?? 0)).toBe(LIMIT);
    expect(await byTestId("eval-compare-difference").textContent()).toMatch(/pts/);
    await saveScreenshot(page, "e2e-evaluate-compare.png");

    // The other theme (the profile starts in the system's): same layout, its own colours.
    const theme = () => page.evaluate(() => document.documentElement.dataset["theme"]);
    const first = await theme();
    await byTestId("theme-toggle").click();
    await expect.poll(theme).not.toBe(first);
    await saveScreenshot(page, `e2e-evaluate-${await theme()}.png`);
    await byTestId("theme-toggle").click();
    expect(errors, `studio stderr:\n${studio!.stderr()}`).toEqual([]);
  });
});
