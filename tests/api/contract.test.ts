import { describe, expect, it } from "vitest";
import { CHANNELS, CONTRACT, isChannel, validateRequest } from "../../core/api/contract";

describe("host contract: request validation", () => {
  it("names the channel and the JSON path of a wrong argument", () => {
    const result = validateRequest("run.start", { architecture: {}, query: { text: 42 } });
    expect(result).toEqual({ ok: false, error: { code: "invalid-arguments", message: "run.start: query.text: expected string, received number" } });
  });

  it("reports missing arguments, unknown keys and a non-object at the top", () => {
    const missing = validateRequest("run.get", {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toBe("run.get: runId: expected string, received undefined");

    const extra = validateRequest("keys.delete", { name: "OPENAI_API_KEY", value: "x" });
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.error.message).toMatch(/^keys\.delete: arguments: unrecognized key: "value"/);

    const scalar = validateRequest("run.cancel", "run-1");
    expect(scalar.ok).toBe(false);
    if (!scalar.ok) expect(scalar.error.message).toBe("run.cancel: arguments: expected object, received string");
  });

  it("points into nested objects and arrays", () => {
    const budget = validateRequest("run.start", { architecture: {}, query: { text: "q" }, budget: { maxCalls: -1 } });
    expect(budget.ok).toBe(false);
    if (!budget.ok) expect(budget.error.message).toMatch(/^run\.start: budget\.maxCalls: too small/);

    const urls = validateRequest("models.discover", { extraUrls: ["http://127.0.0.1:8000/v1", "not a url"] });
    expect(urls.ok).toBe(false);
    if (!urls.ok) expect(urls.error.message).toMatch(/^models\.discover: extraUrls\[1\]: /);

    const entry = validateRequest("models.save", { entry: { id: "x", provider: "cloud", model: "m" } });
    expect(entry.ok).toBe(false);
    if (!entry.ok) expect(entry.error.message).toMatch(/^models\.save: entry\.provider: /);
  });

  it("checks key names, so a value can never be mistaken for a name", () => {
    const result = validateRequest("keys.set", { name: "sk-not-a-name", value: "secret" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^keys\.set: name: expected an environment-variable name/);
  });

  it("refuses an unknown channel, listing the known ones", () => {
    const result = validateRequest("run.delete", {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("unknown-channel");
      expect(result.error.message).toContain('unknown channel "run.delete"');
      expect(result.error.message).toContain("run.start");
    }
    expect(isChannel("toString")).toBe(false);
  });

  it("passes good arguments through, and no-argument channels accept nothing or {}", () => {
    expect(validateRequest("run.start", { architecture: { name: "a" }, query: { text: "q", system: "s" }, budget: { maxCalls: 3 } })).toEqual({
      ok: true,
      value: { architecture: { name: "a" }, query: { text: "q", system: "s" }, budget: { maxCalls: 3 } },
    });
    expect(validateRequest("models.list", undefined).ok).toBe(true);
    expect(validateRequest("models.list", {}).ok).toBe(true);
    expect(validateRequest("run.list", { limit: 5 }).ok).toBe(true);
  });

  it("covers every channel the studio needs", () => {
    expect(CHANNELS).toEqual(Object.keys(CONTRACT));
    for (const name of ["architecture.validate", "run.start", "run.cancel", "run.list", "run.get", "files.templates", "files.read", "files.write", "files.recent", "models.list", "models.save", "models.remove", "models.test", "models.discover", "keys.set", "keys.delete", "keys.list"]) {
      expect(CHANNELS).toContain(name);
    }
  });
});
