import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyInfo, ModelInfo } from "../../core/api/contract";
import { FileSecretStore } from "../../core/studio/file-secret-store";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";
import { startTestStudio, type TestStudio } from "../helpers/studio";

// Shaped like no real provider's key, so the pattern redaction cannot be what hides it.
const KEY_VALUE = "studio-test-key-4c7f2a9e1b";

let studio: TestStudio;
let hostile: OpenAIServer;
beforeAll(async () => {
  studio = await startTestStudio();
  // Its 400 body quotes the raw key it received, and 400 bodies do reach error messages.
  hostile = await startOpenAIServer({ faults: (_i, _b, headers) => ({ kind: "status", status: 400, message: `bad parameter for key ${String(headers.authorization).replace(/^Bearer /, "")}` }) });
});
afterAll(async () => {
  await studio?.close();
  await hostile?.close();
});

const modelsById = async (): Promise<Map<string, ModelInfo>> => {
  const list = await studio.api<ModelInfo[]>("models.list");
  if (!list.ok) throw new Error(list.error.message);
  return new Map(list.value.map((m) => [m.entry.id, m]));
};

describe("web studio: models and keys", () => {
  it("lists the built-in models with 'none needed' and never a key value", async () => {
    const models = await modelsById();
    expect(models.get("local/stories260k")).toMatchObject({ source: "built-in", keyStatus: "none needed" });
  });

  it("saves a hosted model: its key is 'not set', then 'set' after keys.set, stored 0600, never sent back", async () => {
    const saved = await studio.api("models.save", { entry: { id: "hosted/test", provider: "openai-compatible", baseUrl: hostile.baseUrl, model: "m", keyEnv: "STUDIO_TEST_KEY", maxRetries: 0, timeoutMs: 2000 } });
    expect(saved).toEqual({ ok: true, value: { id: "hosted/test" } });
    expect((await modelsById()).get("hosted/test")).toMatchObject({ source: "user", keyName: "STUDIO_TEST_KEY", keyStatus: "not set" });

    expect(await studio.api("keys.set", { name: "STUDIO_TEST_KEY", value: KEY_VALUE })).toEqual({ ok: true, value: { name: "STUDIO_TEST_KEY", set: true } });
    expect((await modelsById()).get("hosted/test")).toMatchObject({ keyStatus: "set" });
    expect(await studio.api<KeyInfo[]>("keys.list")).toEqual({ ok: true, value: [{ name: "STUDIO_TEST_KEY", set: true, source: "store" }] });

    const file = join(studio.home, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain(KEY_VALUE);
    expect(new FileSecretStore(file).get("STUDIO_TEST_KEY")).toBe(KEY_VALUE);

    // A failing round trip with the key in use: the error must not carry it either.
    const tested = await studio.api("models.test", { id: "hosted/test" });
    expect(tested).toMatchObject({ ok: false, error: { code: "provider-error", message: expect.stringContaining("[redacted]") as unknown } });
    expect(hostile.requests[0]?.headers.authorization).toBe(`Bearer ${KEY_VALUE}`);

    for (const response of studio.responses) expect(response).not.toContain(KEY_VALUE);
  });

  it("deletes a key and removes a user model; built-in models cannot be removed", async () => {
    expect(await studio.api("keys.delete", { name: "STUDIO_TEST_KEY" })).toEqual({ ok: true, value: { name: "STUDIO_TEST_KEY", set: false } });
    expect((await modelsById()).get("hosted/test")).toMatchObject({ keyStatus: "not set" });
    expect(statSync(join(studio.home, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(await studio.api("models.remove", { id: "hosted/test" })).toEqual({ ok: true, value: { id: "hosted/test", removed: true } });
    expect((await modelsById()).has("hosted/test")).toBe(false);
    const builtIn = await studio.api("models.remove", { id: "local/stories260k" });
    expect(builtIn).toMatchObject({ ok: false, error: { code: "not-found", message: 'model "local/stories260k" is built in and cannot be removed' } });
  });

  it("refuses an openai-compatible model without a baseUrl and a discover URL off this machine", async () => {
    const noUrl = await studio.api("models.save", { entry: { id: "x/y", provider: "openai-compatible", model: "m" } });
    expect(noUrl).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringMatching(/^models\.save: entry\.baseUrl: /) as unknown } });
    const remote = await studio.api("models.discover", { extraUrls: ["http://10.0.0.5:8000/v1"] });
    expect(remote).toMatchObject({ ok: false, error: { code: "invalid-arguments" } });
  });

  it("tests the embedded model with a real round trip", async () => {
    const report = await studio.api<{ id: string; outputTokens: number }>("models.test", { id: "local/stories260k" });
    expect(report).toMatchObject({ ok: true, value: { id: "local/stories260k" } });
  });
});

describe("FileSecretStore", () => {
  it("tightens a loosened file on open and lists names only", async () => {
    const { chmodSync, mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "itasca-secrets-"));
    try {
      const file = join(dir, "secrets.json");
      writeFileSync(file, JSON.stringify({ keys: { A_KEY: "value-a-123456" } }));
      chmodSync(file, 0o644);
      const store = new FileSecretStore(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(store.list()).toEqual(["A_KEY"]);
      writeFileSync(file, "{ not json value-a-123456");
      expect(() => new FileSecretStore(file)).toThrow(/not valid JSON/);
      try {
        new FileSecretStore(file);
      } catch (error) {
        expect(String(error)).not.toContain("value-a-123456");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
