/**
 * Itasca on the real llama-server: the openai-compatible provider (n, seeds, streaming, usage,
 * abort) and a whole architecture run through the Engine and the ProviderPool.
 */
import { afterAll, describe, expect, it } from "vitest";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import type { Candidate } from "../../core/graph/ports";
import type { Architecture } from "../../core/graph/schema";
import { ModelRegistry, type ModelEntry } from "../../core/providers/models";
import { OpenAICompatibleProvider } from "../../core/providers/openai-compatible";
import { ProviderPool } from "../../core/providers/pool";
import type { ProviderChatRequest } from "../../core/providers/types";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { SERVER_MODEL, skipLlamaServer, useLlamaServer } from "../helpers/llama-server";

const MODEL_ID = "test/llama-server";
const PARALLEL = 8;

describe.skipIf(skipLlamaServer)("llama-server through Itasca (provider, pool, engine)", () => {
  const server = useLlamaServer({ parallel: PARALLEL });
  const pools: ProviderPool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  const ask = (provider: OpenAICompatibleProvider, extra: Partial<ProviderChatRequest> = {}) =>
    provider.chat({ model: SERVER_MODEL, messages: [{ role: "user", content: "Once upon a time" }], temperature: 1, maxTokens: 24, ...extra });

  function engine(): Engine {
    const entry: ModelEntry = { id: MODEL_ID, provider: "openai-compatible", baseUrl: server().baseUrl, model: SERVER_MODEL, maxConcurrency: PARALLEL };
    const pool = new ProviderPool();
    pools.push(pool);
    return new Engine({ providers: pool.resolve, models: new ModelRegistry([entry]), cache: new MemoryCallCache(), partialIntervalMs: 0 });
  }

  /** sample-rank-fuse with every model call on the server; fuse seeded too, so a run is reproducible. */
  function architecture(): Architecture {
    let arch = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");
    for (const id of ["generate", "rank", "fuse"]) arch = withParams(arch, id, { model: MODEL_ID });
    return withParams(arch, "fuse", { seed: 3 });
  }

  it("draws n samples in one request with seeds that reproduce, and marks the one-choice usage as estimated", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: server().baseUrl });
    const first = await ask(provider, { n: 4, seed: 21 });
    expect(first.choices).toHaveLength(4);
    expect(provider.supportsN).toBe(true);
    expect(new Set(first.choices.map((c) => c.text)).size).toBeGreaterThan(1);
    const second = await ask(provider, { n: 4, seed: 21 });
    expect(second.choices.map((c) => c.text)).toEqual(first.choices.map((c) => c.text));
    // llama-server reports the completion tokens of one choice only; the provider says so.
    expect(first.usage.estimated).toBe(true);
    expect(first.usage.inputTokens).toBeGreaterThan(3);
    expect(first.usage.outputTokens).toBeGreaterThan(24);
  });

  it("reports the server's own usage for a single choice", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: server().baseUrl });
    const { choices, usage } = await ask(provider, { seed: 2, maxTokens: 16 });
    expect(choices[0]?.text.length).toBeGreaterThan(0);
    expect(usage.estimated).toBeUndefined();
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeLessThanOrEqual(16);
  });

  it("streams each choice's text to onText, matching the returned choices", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: server().baseUrl });
    const streamed: string[] = ["", ""];
    const response = await ask(provider, { n: 2, seed: 9, onText: (index, delta) => (streamed[index] += delta) });
    expect(streamed).toEqual(response.choices.map((c) => c.text));
    expect(streamed.every((t) => t.length > 0)).toBe(true);
  });

  it("aborts an in-flight request with the caller's reason", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: server().baseUrl });
    const controller = new AbortController();
    const reason = new Error("stop now");
    const pending = ask(provider, { maxTokens: 400, signal: controller.signal, onText: () => controller.abort(reason) });
    await expect(pending).rejects.toBe(reason);
    // The server is still fine afterwards.
    expect((await ask(provider, { maxTokens: 4 })).choices).toHaveLength(1);
  });

  it("runs sample-rank-fuse through the Engine and ProviderPool, and a rerun with the same seeds gives the same answer", async () => {
    const first = await engine().start(architecture(), { text: "Once upon a time" }).result;
    expect(first.status, first.error?.message).toBe("completed");
    expect(first.answer?.text.length).toBeGreaterThan(0);
    expect(first.usage.calls).toBe(5 + 1 + 1);
    expect(first.usage.inputTokens).toBeGreaterThan(0);
    expect(first.usage.outputTokens).toBeGreaterThan(0);
    const generated = first.nodes.find((n) => n.id === "generate")?.outputs?.["candidates"] as Candidate[];
    expect(generated).toHaveLength(5);
    expect(new Set(generated.map((c) => c.text)).size).toBeGreaterThan(1);
    expect(first.trace.every((call) => call.provider === "openai-compatible" && !call.cached)).toBe(true);

    // A fresh engine (empty cache): the same seeds must give the same texts from the server itself.
    const second = await engine().start(architecture(), { text: "Once upon a time" }).result;
    expect(second.usage.cachedCalls).toBe(0);
    expect(second.answer?.text).toBe(first.answer?.text);
  });

  it("cancels a run with a call in flight", async () => {
    const arch = withParams(architecture(), "generate", { max_tokens: 400, samples: 3 });
    const handle = engine().start(arch, { text: "Once upon a time" });
    handle.on("node.partial", () => handle.cancel("user pressed cancel"));
    const result = await handle.result;
    expect(result.status).toBe("cancelled");
    expect(result.trace.filter((c) => c.nodeId === "fuse")).toHaveLength(0);
  });
});
