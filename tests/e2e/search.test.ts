/**
 * The Search tab end to end: the real `itasca studio`, the built renderer, Debian's Chromium,
 * the replay provider. One page walks through the scenario in order: open game24-vote,
 * mark `generate.samples` searchable (1..20) in the inspector, search it on 5 Game-of-24
 * puzzles and watch the trials table fill to the end, the best-so-far curve and the Pareto
 * scatter; open a trial on the canvas, apply the best and undo it; then search the shipped
 * replay space file (aggregation x samples), whose front has several trials. Screenshots go to
 * tests/artifacts/e2e-search*.png.
 */
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";
import { skipNotice } from "../helpers/skip";
import { HAS_CHROMIUM, NO_CHROMIUM, saveScreenshot, type Browser } from "./browser";
import type { StudioProcess } from "./studio-process";
import { closeStudioSession, openStudioSession } from "./studio-session";

let studio: StudioProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

const byTestId = (id: string): Locator => page.locator(`[data-testid="${id}"]`);
const TRIALS = 6;
const LIMIT = 5;
const SPACE = join(ROOT, "presets", "spaces", "game24-replay.space.json");

/** Shows a bottom tab: clicking the tab already shown would fold the panel away. */
async function showTab(tab: "search" | "run"): Promise<void> {
  if ((await byTestId(`${tab}-tab`).getAttribute("aria-selected")) !== "true" || (await byTestId(`${tab}-panel`).count()) === 0) await byTestId(`${tab}-tab`).click();
  await byTestId(`${tab}-panel`).waitFor({ state: "visible" });
}

/** The generate node's samples as its card shows them. */
async function cardSamples(): Promise<string> {
  return ((await page.locator('[data-testid="node-generate"] .chip', { hasText: "samples" }).textContent()) ?? "").replace("samples", "").trim();
}

/** Waits for the shown search to complete; returns the trial counts the table showed on the way. */
async function searchSeen(start: () => Promise<void>): Promise<number[]> {
  // Recorded in the page as the table grows: a replayed search can finish within a poll interval.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { rows: number[] }).rows = seen;
    const note = () => {
      const table = document.querySelector('[data-testid="search-trials"]');
      const rows = table === null ? null : Number(table.getAttribute("data-rows"));
      if (rows !== null && seen.at(-1) !== rows) seen.push(rows);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-rows"] });
  });
  const before = (await byTestId("search-progress").count()) === 0 ? null : await byTestId("search-progress").getAttribute("data-search-id");
  await start();
  // A new search, not the one shown before, ran to its end.
  await expect.poll(async () => {
    const progress = byTestId("search-progress");
    if ((await progress.count()) === 0 || (await progress.getAttribute("data-search-id")) === before) return "not started";
    return progress.getAttribute("data-status");
  }, { timeout: 90_000 }).toBe("completed");
  return page.evaluate(() => (window as unknown as { rows: number[] }).rows);
}

const SUITE = "the Search tab in Chromium, end to end";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
  beforeAll(async () => {
    ({ studio, browser, page, errors } = await openStudioSession({ acceptDialogs: true, keepGallery: true }));
  }, 120_000);

  afterAll(() => closeStudioSession({ studio, browser }));

  it("opens game24-vote, saves it, and marks generate.samples searchable from 1 to 20 in the inspector", { timeout: 60_000 }, async () => {
    await byTestId("template-game24-vote").click();
    await byTestId("file-dialog").waitFor({ state: "detached" });
    await byTestId("node-generate").waitFor({ state: "visible" });
    await byTestId("file-save").click();
    await expect.poll(() => byTestId("file-dir").textContent()).not.toBe("…");
    await byTestId("save-name").fill("game24-search");
    await byTestId("file-dialog-save").click();
    await expect.poll(() => byTestId("file-name").textContent()).toBe("game24-search.itasca.json");
    await byTestId("notice").click();

    await page.locator('[data-testid="node-generate"] .tnode-title').click();
    await expect.poll(() => byTestId("inspector-node").getAttribute("data-node-id")).toBe("generate");
    const toggle = byTestId("search-toggle-samples");
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    // From the keyboard: the toggle is a button.
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    await byTestId("search-min-samples").fill("1");
    await byTestId("search-max-samples").fill("20");
    // The card says a search varies it; the graph itself is unchanged (marks are not edits).
    await expect.poll(() => byTestId("node-search-generate").getAttribute("data-count")).toBe("1");
    expect(await byTestId("dirty-mark").count()).toBe(0);
  });

  it("searches it on 5 puzzles: the trials table fills to the last trial, with the best curve and the Pareto scatter", { timeout: 120_000 }, async () => {
    await showTab("search");
    const mark = byTestId("search-mark-generate.samples");
    await mark.waitFor({ state: "visible" });
    expect(await mark.textContent()).toContain("1–20");
    await expect.poll(() => byTestId("search-dataset").locator("option").count()).toBeGreaterThan(1);
    await byTestId("search-dataset").selectOption("game24");
    await byTestId("search-split").selectOption("all");
    await byTestId("search-limit").fill(String(LIMIT));
    await byTestId("search-algorithm").selectOption("random");
    await byTestId("search-trial-count").fill(String(TRIALS));
    const rows = await searchSeen(() => byTestId("search-start").click());
    // The table only grows, and ends with every trial.
    expect(rows.at(-1)).toBe(TRIALS);
    expect(rows.every((n, i) => i === 0 || n >= rows[i - 1]!)).toBe(true);

    const progress = byTestId("search-progress");
    expect(await progress.getAttribute("data-done")).toBe(String(TRIALS));
    const table = byTestId("search-trials").locator("tbody tr");
    expect(await table.count()).toBe(TRIALS);
    const statuses = await table.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status")));
    expect(statuses.every((s) => s === "scored")).toBe(true);
    // Replayed samples cost $0, so the scatter's cost is calls per query.
    await byTestId("search-best-curve").waitFor({ state: "visible" });
    expect(Number(await byTestId("search-best-path").getAttribute("data-points"))).toBe(TRIALS);
    const points = byTestId("search-pareto-points");
    expect(Number(await points.getAttribute("data-count"))).toBeGreaterThan(0);
    expect(Number(await points.getAttribute("data-front"))).toBeGreaterThan(0);
    expect(await byTestId("search-pareto").getAttribute("aria-label")).toContain("calls");
    expect(await byTestId("search-best-score").textContent()).toMatch(/^\d+\.\d%$/);
    await expect.poll(() => byTestId("search-history").locator("li").count()).toBe(1);
    // The canvas stayed usable throughout: the card shows the document's own samples.
    expect(await cardSamples()).toBe("10");
    await saveScreenshot(page, "e2e-search-finished.png");
  });

  it("opens a trial on the canvas, applies the best, and undoes both", { timeout: 60_000 }, async () => {
    const row = byTestId("search-trials").locator("tbody tr").first();
    const index = (await row.getAttribute("data-testid"))!.replace("search-trial-", "");
    const samples = String((JSON.parse((await row.getAttribute("data-config")) ?? "{}") as { samples?: number }).samples);
    expect(samples).toMatch(/^\d+$/);
    // From the keyboard: a trial's index is a button in its row.
    await byTestId(`search-trial-open-${index}`).focus();
    await page.keyboard.press("Enter");
    await expect.poll(cardSamples).toBe(samples);
    await expect.poll(() => row.getAttribute("class")).toContain("eval-row--open");
    await expect.poll(() => byTestId("notice").textContent()).toContain(`Trial ${index}`);
    await saveScreenshot(page, "e2e-search-trial.png");

    const best = byTestId("search-best");
    const bestIndex = await best.getAttribute("data-trial");
    const bestSamples = String((JSON.parse((await byTestId(`search-trial-${bestIndex}`).getAttribute("data-config")) ?? "{}") as { samples?: number }).samples);
    await byTestId("search-apply-best").click();
    await expect.poll(() => byTestId("notice").textContent()).toContain("Applied the best");
    await expect.poll(cardSamples).toBe(bestSamples);
    await expect.poll(() => byTestId("dirty-mark").count()).toBe(1);
    // Each was one undo step.
    await byTestId("undo").click();
    await expect.poll(cardSamples).toBe(samples);
    await byTestId("undo").click();
    await expect.poll(cardSamples).toBe("10");
    await byTestId("notice").click();
  });

  it("searches the shipped replay space file with Bayesian optimisation: several trials on the front", { timeout: 150_000 }, async () => {
    await byTestId("search-space-source").selectOption("file");
    await byTestId("search-space-file").fill(SPACE);
    await byTestId("search-limit").fill("10");
    await byTestId("search-algorithm").selectOption("bayes");
    await byTestId("search-trial-count").fill("10");
    // Started from the keyboard: Enter in the form submits it.
    await searchSeen(async () => {
      await byTestId("search-trial-count").focus();
      await page.keyboard.press("Enter");
    });
    expect(await byTestId("search-trials").locator("tbody tr").count()).toBe(10);
    // One column per dimension: the aggregation, and the samples (inactive for "first").
    expect(await byTestId("search-trials").locator("thead th").allTextContents()).toEqual(["#", "aggregation", "samples", "status", "score", "calls/q"]);
    // Bayesian optimisation scores every trial on all the items: the fidelity is said once, not per row.
    expect(await byTestId("search-fidelity").textContent()).toBe("every trial scored on 10 items");
    const configs = await byTestId("search-trials").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => JSON.parse(tr.getAttribute("data-config") ?? "{}") as Record<string, unknown>));
    expect(configs.every((c) => ["first", "vote", "verify-vote"].includes(String(c["aggregation"])))).toBe(true);
    expect(Number(await byTestId("search-pareto-points").getAttribute("data-front"))).toBeGreaterThan(1);
    expect(Number(await byTestId("search-best").getAttribute("data-score"))).toBeGreaterThan(0);
    await expect.poll(() => byTestId("search-history").locator("li").count()).toBe(2);
    await saveScreenshot(page, "e2e-search-pareto.png");

    // The other theme: same layout, its own colours.
    const theme = () => page.evaluate(() => document.documentElement.dataset["theme"]);
    const first = await theme();
    await byTestId("theme-toggle").click();
    await expect.poll(theme).not.toBe(first);
    await saveScreenshot(page, `e2e-search-${await theme()}.png`);
    await byTestId("theme-toggle").click();
    expect(errors, `studio stderr:\n${studio!.stderr()}`).toEqual([]);
  });
});
