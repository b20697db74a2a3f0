/**
 * The models and keys page end to end: the real `itasca studio`, the built renderer, Debian's
 * Chromium, the embedded model, and a real OpenAI-protocol server on 127.0.0.1. One page walks
 * the scenario in order (each step builds on the one before): test the built-in model, add a
 * hosted one, set its key (which must never come back to the page), test it with the key,
 * edit it, discover the server, remove it. Screenshot: tests/artifacts/e2e-models.png.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRETS_FILE } from "../../core/studio/file-secret-store";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";
import { skipNotice } from "../helpers/skip";
import { collectPageErrors, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, openStudio, saveScreenshot, type Browser } from "./browser";
import { startStudioProcess, type StudioProcess } from "./studio-process";

// Shaped like no real provider's key, so only the page's own discipline can keep it out.
const KEY_NAME = "ITASCA_E2E_KEY";
const KEY_VALUE = "e2e-page-key-93c1f7a04d2b";
const MODEL_ID = "e2e/fake";
const SERVED_MODEL = "e2e-tiny";
const REPLY = "The sea is wide and blue.";

let studio: StudioProcess | undefined;
let browser: Browser | undefined;
let fake: OpenAIServer | undefined;
let page: Page;
let errors: string[] = [];
/** Bodies of every /api/ response and every event-socket frame the page received. */
const received: Promise<string>[] = [];

const byTestId = (id: string): Locator => page.locator(`[data-testid="${id}"]`);

async function openPage(): Promise<void> {
  await byTestId("models-button").click();
  await byTestId("models-page").waitFor({ state: "visible" });
}

async function closeWithEscape(): Promise<void> {
  await page.keyboard.press("Escape");
  await byTestId("models-page").waitFor({ state: "detached" });
}

/** The model picker of the start document's generate node lists these ids. */
async function pickerOptions(): Promise<string[]> {
  await page.locator('[data-testid="node-generate"] .tnode-title').click();
  const picker = byTestId("field-model");
  await picker.waitFor({ state: "visible" });
  return picker.locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
}

async function waitForTest(id: string, timeout: number): Promise<Locator> {
  const result = byTestId(`model-test-result-${id}`);
  await page.locator(`[data-testid="model-test-result-${id}"]:not([data-status="busy"])`).waitFor({ state: "visible", timeout });
  return result;
}

const SUITE = "models and keys page in Chromium";
describe.skipIf(skipNotice(!HAS_CHROMIUM, SUITE, NO_CHROMIUM))(SUITE, () => {
  beforeAll(async () => {
    expect(process.env[KEY_NAME], `${KEY_NAME} must not be set in the test environment`).toBeUndefined();
    fake = await startOpenAIServer({ models: [SERVED_MODEL], reply: () => REPLY });
    studio = await startStudioProcess();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    errors = collectPageErrors(page);
    page.setDefaultTimeout(20_000);
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/api/")) received.push(response.text().catch(() => ""));
    });
    page.on("websocket", (socket) => socket.on("framereceived", (frame) => received.push(Promise.resolve(String(frame.payload)))));
    await openStudio(page, studio.url);
  }, 120_000);

  afterAll(async () => {
    // Each step on its own: a failed launch must still stop the servers.
    await browser?.close();
    await studio?.stop();
    await fake?.close();
  });

  it("lists the built-in model and tests it on the embedded model", { timeout: 150_000 }, async () => {
    await openPage();
    const row = byTestId("model-row-local/stories260k");
    await row.waitFor({ state: "visible" });
    await expect.poll(() => byTestId("model-key-local/stories260k").textContent()).toBe("none needed");
    await expect.poll(() => byTestId("model-source-local/stories260k").textContent()).toBe("built-in");
    expect(await byTestId("model-remove-local/stories260k").count()).toBe(0);

    await byTestId("model-test-local/stories260k").click();
    const result = await waitForTest("local/stories260k", 120_000);
    expect(await result.getAttribute("data-status"), (await result.textContent()) ?? "").toBe("ok");
    expect(await result.textContent()).toMatch(/\d+ ms/);
  });

  it("adds an openai-compatible model: inline errors first, then its key is 'not set'", async () => {
    if (!fake) throw new Error("setup failed");
    await byTestId("models-add").click();
    await byTestId("models-form").waitFor({ state: "visible" });
    await byTestId("model-field-id").fill(MODEL_ID);
    await byTestId("model-field-model").fill(SERVED_MODEL);
    await byTestId("model-save").click();
    // The host's rule, checked before the request: an openai-compatible model needs a base URL.
    await expect.poll(() => byTestId("model-error-baseUrl").textContent()).toMatch(/needs a base URL/);
    await byTestId("model-field-priceInPerMTok").fill("cheap");
    await expect.poll(() => byTestId("model-error-priceInPerMTok").textContent()).toBe("expected a number");

    await byTestId("model-field-provider").selectOption("openai-compatible");
    await byTestId("model-field-baseUrl").fill(fake.baseUrl);
    await byTestId("model-field-keyEnv").fill(KEY_NAME);
    await byTestId("model-field-priceInPerMTok").fill("1");
    await byTestId("model-field-priceOutPerMTok").fill("2");
    await byTestId("model-field-timeoutMs").fill("10000");
    await byTestId("model-field-maxRetries").fill("0");
    await byTestId("model-save").click();
    await byTestId("models-form").waitFor({ state: "detached" });

    await byTestId(`model-row-${MODEL_ID}`).waitFor({ state: "visible" });
    expect(await byTestId(`model-source-${MODEL_ID}`).textContent()).toBe("user");
    expect(await byTestId(`model-price-${MODEL_ID}`).textContent()).toBe("$1.00 / $2.00");
    expect(await byTestId(`model-key-${MODEL_ID}`).textContent()).toBe(`not set (${KEY_NAME})`);
    await expect.poll(() => byTestId(`key-status-${KEY_NAME}`).textContent()).toBe("not set");

    // The pickers' list was refreshed too: the inspector offers the new model.
    await closeWithEscape();
    expect(await pickerOptions()).toContain(MODEL_ID);
    await openPage();
  });

  it("sets the key: the status becomes 'set', the field is emptied, the value never reaches the page", async () => {
    if (!studio) throw new Error("setup failed");
    await byTestId(`model-set-key-${MODEL_ID}`).click();
    await expect.poll(() => byTestId("key-name").inputValue()).toBe(KEY_NAME);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("key-value");
    await page.keyboard.type(KEY_VALUE);
    await byTestId("key-save").click();

    await expect.poll(() => byTestId(`model-key-${MODEL_ID}`).textContent()).toBe(`set (${KEY_NAME})`);
    await expect.poll(() => byTestId(`key-status-${KEY_NAME}`).textContent()).toBe("stored by Itasca");
    expect(await byTestId("key-value").inputValue()).toBe("");
    expect(await byTestId(`key-delete-${KEY_NAME}`).count()).toBe(1);

    const file = join(studio.home, SECRETS_FILE);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await page.content()).not.toContain(KEY_VALUE);
  });

  it("tests the hosted model: the server saw the key, the page shows latency and the reply", async () => {
    if (!fake) throw new Error("setup failed");
    await byTestId(`model-test-${MODEL_ID}`).click();
    const result = await waitForTest(MODEL_ID, 30_000);
    expect(await result.getAttribute("data-status"), (await result.textContent()) ?? "").toBe("ok");
    const text = (await result.textContent()) ?? "";
    expect(text).toMatch(/\d+ ms/);
    expect(text).toContain(REPLY);
    expect(text).toMatch(/n: supported/);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) expect(request.headers.authorization).toBe(`Bearer ${KEY_VALUE}`);
  });

  it("edits the entry: the new price is listed", async () => {
    await byTestId(`model-edit-${MODEL_ID}`).click();
    await byTestId("models-form").waitFor({ state: "visible" });
    expect(await byTestId("model-field-id").getAttribute("readonly")).not.toBeNull();
    expect(await byTestId("model-field-priceOutPerMTok").inputValue()).toBe("2");
    await byTestId("model-field-priceOutPerMTok").fill("2.5");
    await byTestId("model-save").click();
    await byTestId("models-form").waitFor({ state: "detached" });
    await expect.poll(() => byTestId(`model-price-${MODEL_ID}`).textContent()).toBe("$1.00 / $2.50");
    expect(await byTestId(`model-key-${MODEL_ID}`).textContent()).toBe(`set (${KEY_NAME})`);
  });

  it("discovers the fake server at the extra address and adds what it serves", { timeout: 90_000 }, async () => {
    if (!fake) throw new Error("setup failed");
    await byTestId("discover-url").fill(fake.baseUrl);
    await byTestId("discover-run").click();
    const server = byTestId(`discover-server-${fake.baseUrl}`);
    await server.waitFor({ state: "visible", timeout: 30_000 });
    expect(await server.textContent()).toContain(fake.baseUrl);
    const discoveredId = `server/${SERVED_MODEL}`;
    await byTestId(`discover-add-${discoveredId}`).click();
    await byTestId(`model-row-${discoveredId}`).waitFor({ state: "visible" });
    await expect.poll(() => byTestId(`discover-add-${discoveredId}`).textContent()).toBe("Added");

    // The edited entry still answers with the stored key; the screenshot shows its figures.
    await byTestId(`model-test-${MODEL_ID}`).click();
    expect(await (await waitForTest(MODEL_ID, 30_000)).getAttribute("data-status")).toBe("ok");
    if (await byTestId("notice").isVisible()) await byTestId("notice").click();
    await saveScreenshot(page, "e2e-models.png");
  });

  it("removes the user models (after a confirm); they leave the page and the picker", async () => {
    for (const id of [MODEL_ID, `server/${SERVED_MODEL}`]) {
      await byTestId(`model-remove-${id}`).click();
      await byTestId(`model-remove-${id}-confirm`).click();
      await byTestId(`model-row-${id}`).waitFor({ state: "detached" });
    }
    // The stored key outlives the model: it is the user's, deleted from the keys list.
    await expect.poll(() => byTestId(`key-status-${KEY_NAME}`).textContent()).toBe("stored by Itasca");

    const nodes = await page.locator("[data-testid=canvas] .react-flow__node").count();
    await closeWithEscape();
    expect(await page.locator("[data-testid=canvas] .react-flow__node").count()).toBe(nodes);
    expect(await pickerOptions()).not.toContain(MODEL_ID);
  });

  it("never sent the key back: not in the page, not in any response or event", async () => {
    expect(await page.content()).not.toContain(KEY_VALUE);
    const bodies = await Promise.all(received);
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body).not.toContain(KEY_VALUE);
    expect(errors, `studio stderr:\n${studio?.stderr() ?? ""}`).toEqual([]);
  });
});
