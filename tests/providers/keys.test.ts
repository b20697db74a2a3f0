/**
 * README "Models, providers and keys": keys come from the environment (the entry's `keyEnv`,
 * else the provider's usual variable), the environment beats a key the host stored, and a
 * resolved key is what the provider sends.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ENDPOINT_PRESETS } from "../../core/providers/endpoints";
import { defaultKeyEnv, resolveApiKey, type SecretStore } from "../../core/providers/keys";
import { ProviderPool } from "../../core/providers/pool";
import { redactor } from "../../core/providers/redact";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";

/** The variables the README lists, in its order. */
const README_KEY_ENVS = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "TOGETHER_API_KEY", "GROQ_API_KEY", "FIREWORKS_API_KEY", "OPENROUTER_API_KEY", "DEEPSEEK_API_KEY", "GEMINI_API_KEY"];

/** A host keychain in memory. */
function memorySecrets(values: Record<string, string>): SecretStore {
  const map = new Map(Object.entries(values));
  return {
    get: (name) => map.get(name),
    set: (name, value) => void map.set(name, value),
    delete: (name) => void map.delete(name),
    list: () => [...map.keys()],
  };
}

/** Every listed variable set to a value naming it, so a test sees which one was read. */
const ALL_KEYS: NodeJS.ProcessEnv = Object.fromEntries(README_KEY_ENVS.map((name) => [name, `key-from-${name}`]));

describe("the provider's usual key variable", () => {
  it("each hosted preset's endpoint maps to the variable the README lists for it, and those are all eight", () => {
    const hosted = ENDPOINT_PRESETS.filter((p) => !p.local);
    expect(hosted.map((p) => [p.id, defaultKeyEnv({ provider: p.provider, baseUrl: p.baseUrl })])).toEqual([
      ["openai", "OPENAI_API_KEY"],
      ["together", "TOGETHER_API_KEY"],
      ["groq", "GROQ_API_KEY"],
      ["fireworks", "FIREWORKS_API_KEY"],
      ["openrouter", "OPENROUTER_API_KEY"],
      ["deepseek", "DEEPSEEK_API_KEY"],
      ["gemini", "GEMINI_API_KEY"],
      ["anthropic", "ANTHROPIC_API_KEY"],
    ]);
    // The preset's own keyEnv (what `models add --preset` writes) names the same variable.
    for (const p of hosted) expect(p.keyEnv).toBe(defaultKeyEnv({ provider: p.provider, baseUrl: p.baseUrl }));
    expect(new Set(hosted.map((p) => p.keyEnv))).toEqual(new Set(README_KEY_ENVS));
  });

  it("resolves each hosted preset's key from its own variable when all eight are set", () => {
    for (const p of ENDPOINT_PRESETS.filter((preset) => !preset.local)) {
      expect(resolveApiKey({ provider: p.provider, baseUrl: p.baseUrl }, ALL_KEYS)).toBe(`key-from-${p.keyEnv}`);
    }
  });

  it("matches subdomains and other hosts of a provider, and needs no key for local servers", () => {
    expect(defaultKeyEnv({ provider: "openai-compatible" })).toBe("OPENAI_API_KEY");
    expect(defaultKeyEnv({ provider: "openai-compatible", baseUrl: "https://api.together.ai/v1" })).toBe("TOGETHER_API_KEY");
    expect(defaultKeyEnv({ provider: "openai-compatible", baseUrl: "https://eu.api.fireworks.ai/v1" })).toBe("FIREWORKS_API_KEY");
    expect(defaultKeyEnv({ provider: "anthropic" })).toBe("ANTHROPIC_API_KEY");
    expect(defaultKeyEnv({ provider: "anthropic", baseUrl: "http://127.0.0.1:9999" })).toBe("ANTHROPIC_API_KEY");
    // A host that merely ends in a provider's name is not that provider.
    expect(defaultKeyEnv({ provider: "openai-compatible", baseUrl: "https://notgroq.com/v1" })).toBeUndefined();
    for (const p of ENDPOINT_PRESETS.filter((preset) => preset.local)) {
      expect(defaultKeyEnv({ provider: p.provider, baseUrl: p.baseUrl })).toBeUndefined();
      expect(resolveApiKey({ provider: p.provider, baseUrl: p.baseUrl }, ALL_KEYS)).toBeUndefined();
    }
    expect(defaultKeyEnv({ provider: "llama-cpp" })).toBeUndefined();
    expect(defaultKeyEnv({ provider: "replay" })).toBeUndefined();
  });
});

describe("an entry's own keyEnv", () => {
  it("wins over the provider's usual variable", () => {
    const groq = { provider: "openai-compatible" as const, baseUrl: "https://api.groq.com/openai/v1", keyEnv: "MY_GROQ_KEY" };
    expect(defaultKeyEnv(groq)).toBe("MY_GROQ_KEY");
    expect(resolveApiKey(groq, { ...ALL_KEYS, MY_GROQ_KEY: "key-from-mine" })).toBe("key-from-mine");
    const anthropic = { provider: "anthropic" as const, keyEnv: "TEAM_ANTHROPIC" };
    expect(resolveApiKey(anthropic, { ...ALL_KEYS, TEAM_ANTHROPIC: "key-from-team" })).toBe("key-from-team");
  });

  it("replaces the usual variable: when it is unset, no other account's key is sent", () => {
    const groq = { provider: "openai-compatible" as const, baseUrl: "https://api.groq.com/openai/v1", keyEnv: "MY_GROQ_KEY" };
    expect(resolveApiKey(groq, ALL_KEYS)).toBeUndefined();
  });

  it("gives a local server a key when the entry names one", () => {
    expect(resolveApiKey({ provider: "openai-compatible", baseUrl: "http://127.0.0.1:8000/v1", keyEnv: "VLLM_KEY" }, { VLLM_KEY: "vllm-secret-1" })).toBe("vllm-secret-1");
  });
});

describe("the environment and the host's secret store", () => {
  const entry = { provider: "openai-compatible" as const, baseUrl: "https://api.openai.com/v1" };

  it("the environment beats a stored key; the store is used only when the environment has none", () => {
    const secrets = memorySecrets({ OPENAI_API_KEY: "stored-openai-key" });
    expect(resolveApiKey(entry, { OPENAI_API_KEY: "env-openai-key" }, secrets)).toBe("env-openai-key");
    expect(resolveApiKey(entry, {}, secrets)).toBe("stored-openai-key");
    expect(resolveApiKey(entry, {}, memorySecrets({}))).toBeUndefined();
    // The store is looked up under the same variable name: a key stored for another provider is not used.
    expect(resolveApiKey(entry, {}, memorySecrets({ GROQ_API_KEY: "stored-groq-key" }))).toBeUndefined();
  });

  it("a resolved key is registered with the redactor", () => {
    const key = resolveApiKey(entry, { OPENAI_API_KEY: "env-key-for-redaction-0123" });
    expect(key).toBe("env-key-for-redaction-0123");
    expect(redactor.redact("request failed with env-key-for-redaction-0123 in it")).toBe("request failed with [redacted] in it");
  });
});

describe("the key a provider sends (real HTTP server on 127.0.0.1)", () => {
  let server: OpenAIServer | undefined;
  const pools: ProviderPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    await server?.close();
    server = undefined;
  });

  async function authorizationSent(options: ConstructorParameters<typeof ProviderPool>[0], keyEnv?: string): Promise<string | undefined> {
    if (!server) throw new Error("start the server first");
    const pool = new ProviderPool(options);
    pools.push(pool);
    const provider = pool.resolve({ id: "keyed/model", provider: "openai-compatible", baseUrl: server.baseUrl, model: "fake-model", ...(keyEnv ? { keyEnv } : {}) });
    const before = server.requests.length;
    await provider.chat({ model: "fake-model", messages: [{ role: "user", content: "hello" }], temperature: 0, maxTokens: 8 });
    expect(server.requests).toHaveLength(before + 1);
    const header = server.requests[before]?.headers.authorization;
    return Array.isArray(header) ? header[0] : header;
  }

  it("sends the environment's key over a stored one, the stored one without it, and a placeholder for no key", async () => {
    server = await startOpenAIServer();
    const secrets = memorySecrets({ ITASCA_TEST_SERVER_KEY: "stored-server-key-456" });
    expect(await authorizationSent({ env: { ITASCA_TEST_SERVER_KEY: "env-server-key-123" }, secrets }, "ITASCA_TEST_SERVER_KEY")).toBe("Bearer env-server-key-123");
    expect(await authorizationSent({ env: {}, secrets }, "ITASCA_TEST_SERVER_KEY")).toBe("Bearer stored-server-key-456");
    // A local server without keyEnv needs no key: the SDK's required placeholder goes instead, never a hosted key.
    expect(await authorizationSent({ env: ALL_KEYS })).toBe("Bearer no-key");
  });
});
