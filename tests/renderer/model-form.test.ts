/** The models page's pure parts: form values to a registry entry and back, its checks, and how things are worded. */
import { describe, expect, it } from "vitest";
import type { ModelTestReport } from "../../core/api/outputs";
import { ModelEntrySchema, type ModelEntry } from "../../core/api/schemas";
import { emptyForm, entryFromForm, extraUrlError, fieldApplies, formFromEntry, keyNameError, NUMBER_FIELDS, TEXT_FIELDS, type ModelFormValues } from "../../renderer/models/model-form";
import { canEdit, canRemove, formatPrices, formatUsd, keySourceText, keyStatusText, testFigures } from "../../renderer/models/model-format";

const HOSTED: ModelEntry = {
  id: "vllm/llama3",
  provider: "openai-compatible",
  model: "meta-llama/Meta-Llama-3-8B-Instruct",
  baseUrl: "http://127.0.0.1:8000/v1",
  keyEnv: "VLLM_KEY",
  priceInPerMTok: 0.15,
  priceOutPerMTok: 0.6,
  contextLength: 8192,
  maxConcurrency: 16,
  rpm: 600,
  tpm: 100_000,
  timeoutMs: 30_000,
  maxRetries: 2,
};

const form = (values: Partial<ModelFormValues>): ModelFormValues => ({ ...emptyForm(), ...values });

function errorsOf(values: ModelFormValues) {
  const result = entryFromForm(values);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.entry)}`);
  return result.errors;
}

describe("model form: values to entry and back", () => {
  it("starts blank, as an openai-compatible entry", () => {
    const blank = emptyForm();
    expect(blank.provider).toBe("openai-compatible");
    for (const name of [...TEXT_FIELDS, ...NUMBER_FIELDS]) expect(blank[name]).toBe("");
    expect(emptyForm("llama-cpp").provider).toBe("llama-cpp");
  });

  it("shows an entry as text and gives the same entry back", () => {
    const values = formFromEntry(HOSTED);
    expect(values).toMatchObject({ id: "vllm/llama3", provider: "openai-compatible", priceInPerMTok: "0.15", tpm: "100000", threads: "" });
    expect(entryFromForm(values)).toEqual({ ok: true, entry: HOSTED });
  });

  it("trims text, leaves empty optional fields out and reads numbers", () => {
    const result = entryFromForm(form({ id: "  a/b ", model: " m ", baseUrl: " http://localhost:9000/v1 ", priceInPerMTok: " 1.5 ", maxRetries: "0" }));
    expect(result).toEqual({ ok: true, entry: { id: "a/b", provider: "openai-compatible", model: "m", baseUrl: "http://localhost:9000/v1", priceInPerMTok: 1.5, maxRetries: 0 } });
  });

  it("drops the fields that do not apply to the provider", () => {
    expect(fieldApplies("threads", "llama-cpp")).toBe(true);
    expect(fieldApplies("threads", "openai-compatible")).toBe(false);
    expect(fieldApplies("baseUrl", "llama-cpp")).toBe(false);
    expect(fieldApplies("keyEnv", "anthropic")).toBe(true);
    expect(fieldApplies("rpm", "replay")).toBe(true);
    const local = entryFromForm(form({ provider: "llama-cpp", id: "local/x", model: "models/x.gguf", baseUrl: "http://127.0.0.1:1/v1", keyEnv: "NOPE", threads: "2" }));
    expect(local).toEqual({ ok: true, entry: { id: "local/x", provider: "llama-cpp", model: "models/x.gguf", threads: 2 } });
    const hosted = entryFromForm(form({ id: "h", model: "m", baseUrl: "https://api.example.com/v1", threads: "2" }));
    expect(hosted.ok && hosted.entry).not.toHaveProperty("threads");
  });

  it("produces only entries the host's schema accepts", () => {
    const result = entryFromForm(formFromEntry(HOSTED));
    if (!result.ok) throw new Error("expected an entry");
    expect(ModelEntrySchema.parse(result.entry)).toEqual(result.entry);
  });
});

describe("model form: inline errors", () => {
  it("requires an id and a model", () => {
    expect(errorsOf(form({ baseUrl: "http://127.0.0.1:8000/v1" }))).toEqual({ id: "required", model: "required" });
  });

  it("applies the host's rule: an openai-compatible model needs a base URL (anthropic does not)", () => {
    expect(errorsOf(form({ id: "a", model: "m" })).baseUrl).toMatch(/needs a base URL/);
    expect(entryFromForm(form({ provider: "anthropic", id: "a", model: "claude" })).ok).toBe(true);
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(errorsOf(form({ id: "a", model: "m", baseUrl: "127.0.0.1:8000" })).baseUrl).toMatch(/expected a URL/);
    expect(errorsOf(form({ id: "a", model: "m", baseUrl: "ftp://127.0.0.1/v1" })).baseUrl).toMatch(/http/);
  });

  it("names each wrong number: not a number, not whole, not positive, negative", () => {
    const errors = errorsOf(form({ id: "a", model: "m", baseUrl: "http://127.0.0.1:8000/v1", priceInPerMTok: "cheap", contextLength: "1.5", rpm: "0", maxRetries: "-1", priceOutPerMTok: "-2" }));
    expect(errors).toEqual({ priceInPerMTok: "expected a number", contextLength: "expected a whole number", rpm: "must be more than 0", maxRetries: "must be 0 or more", priceOutPerMTok: "must be 0 or more" });
  });

  it("asks for a key variable keys.set can store", () => {
    expect(errorsOf(form({ id: "a", model: "m", baseUrl: "http://127.0.0.1:8000/v1", keyEnv: "my key" })).keyEnv).toMatch(/environment-variable name/);
    expect(entryFromForm(form({ id: "a", model: "m", baseUrl: "http://127.0.0.1:8000/v1", keyEnv: "MY_KEY_2" })).ok).toBe(true);
  });

  it("checks key names and discover addresses as the host would", () => {
    expect(keyNameError("OPENAI_API_KEY")).toBeNull();
    expect(keyNameError("")).toMatch(/enter/);
    expect(keyNameError("openai_api_key")).toMatch(/capitals/);
    expect(keyNameError("1KEY")).not.toBeNull();
    expect(extraUrlError("http://127.0.0.1:9000/v1")).toBeNull();
    expect(extraUrlError("http://localhost:9000/v1")).toBeNull();
    expect(extraUrlError("http://[::1]:9000/v1")).toBeNull();
    expect(extraUrlError("https://api.openai.com/v1")).toMatch(/this machine only/);
    expect(extraUrlError("not a url")).toMatch(/expected a URL/);
  });
});

describe("models page wording", () => {
  it("prices per million tokens", () => {
    expect(formatUsd(2.5)).toBe("$2.50");
    expect(formatUsd(0.075)).toBe("$0.075");
    expect(formatUsd(0.15)).toBe("$0.15");
    expect(formatPrices(HOSTED)).toBe("$0.15 / $0.60");
    expect(formatPrices({ priceInPerMTok: 0, priceOutPerMTok: 0 })).toBe("free");
    expect(formatPrices({})).toBe("unknown");
    expect(formatPrices({ priceOutPerMTok: 3 })).toBe("? / $3.00");
  });

  it("key status with its variable, and where a key comes from", () => {
    expect(keyStatusText({ keyStatus: "not set", keyName: "OPENAI_API_KEY" })).toBe("not set (OPENAI_API_KEY)");
    expect(keyStatusText({ keyStatus: "none needed" })).toBe("none needed");
    expect(keySourceText({ name: "K", set: false })).toBe("not set");
    expect(keySourceText({ name: "K", set: true, source: "store" })).toBe("stored by Itasca");
    expect(keySourceText({ name: "K", set: true, source: "env" })).toMatch(/environment/);
  });

  it("edits built-in and user entries, removes only the user's", () => {
    expect([canEdit({ source: "built-in" }), canEdit({ source: "user" }), canEdit({ source: "project" })]).toEqual([true, true, false]);
    expect([canRemove({ source: "built-in" }), canRemove({ source: "user" }), canRemove({ source: "project" })]).toEqual([false, true, false]);
  });

  it("a round trip's figures", () => {
    const report: ModelTestReport = { id: "a", provider: "openai-compatible", endpoint: "http://127.0.0.1:8000/v1", latencyMs: 412, firstTokenMs: 120, inputTokens: 14, outputTokens: 9, tokensPerSecond: 21.8, usageEstimated: true, nSupported: false, text: "The sea." };
    expect(testFigures(report)).toEqual(["412 ms", "first token 120 ms", "21.8 tok/s", "14 in / 9 out tokens (estimated)", "n: not supported (parallel requests)"]);
    expect(testFigures({ ...report, firstTokenMs: null, nSupported: null, usageEstimated: false })).toEqual(["412 ms", "first token: not streamed", "21.8 tok/s", "14 in / 9 out tokens", "n: not applicable"]);
  });
});
