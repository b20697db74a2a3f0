/**
 * Itasca on the real llama-server: the openai-compatible provider (n, seeds, streaming, usage,
 * abort) and a whole architecture run through the Engine and the ProviderPool.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ModelEntry } from "../../core/api/schemas";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import type { Candidate } from "../../core/graph/ports";
import type { Architecture } from "../../core/graph/schema";
import { ModelRegistry } from "../../core/providers/models";
import { OpenAICompatibleProvider } from "../../core/providers/openai-compatible";
import { ProviderPool } from "../../core/providers/pool";
import type { ProviderChatRequest } from "../../core/providers/types";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { LLAMA_SERVER_SKIPPED, SERVER_MODEL, skipLlamaServer, useLlamaServer } from "../helpers/llama-server";
import { skipNotice } from "../helpers/skip";

const MODEL_ID = "test/llama-server";
const PARALLEL = 8;

const SUITE = "llama-server through Itasca (provider, pool, engine)";
describe.skipIf(skipNotice(skipLlamaServer, SUITE, LLAMA_SERVER_SKIPPED))(SUITE, () => {
  const server = useLlamaServer({ parallel: PARALLEL });
  const pools: ProviderPool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  const ask = (provider: OpenAICompatibleProvider, extra: Partial<ProviderChatRequest> = {}) =>
    provider.chat({ model: SERVER_MODEL, messages: [{ role: "user", content: "Once upon a time" }], temperature: 1, maxTokens: 24, ...extra });

  /** Validates, then starts: the engine runs only checked architectures. */
  function start(on: Engine, arch: Architecture, query: { text: string }) {
    return on.start(on.check(arch), query);
  }

  function engine(maxConcurrency = PARALLEL): Engine {
    const entry: ModelEntry = { id: MODEL_ID, provider: "openai-compatible", baseUrl: server().baseUrl, model: SERVER_MODEL, maxConcurrency };
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

  it("draws n samples in one request, with seeds that reproduce them", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: server().baseUrl });
    const first = await ask(provider, { n: 4, seed: 21 });
    expect(first.choices).toHaveLength(4);
    expect(provider.supportsN).toBe(true);
    expect(new Set(first.choices.map((c) => c.text)).size).toBeGreaterThan(1);
    const second = await ask(provider, { n: 4, seed: 21 });
    expect(second.choices.map((c) => c.text)).toEqual(first.choices.map((c) => c.text));
  });

  it("counts the output of all n choices, though llama-server reports the tokens of one", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: server().baseUrl });
    const { choices, usage } = await ask(provider, { n: 4, seed: 31, maxTokens: 24 });
    // Seed 31 runs every choice to max_tokens, so the true total is 4 x 24.
    expect(choices.map((c) => c.finishReason)).toEqual(["length", "length", "length", "length"]);
    expect(usage.inputTokens).toBeGreaterThan(3);
    // The server's usage says 24: choice 0's tokens only.
    expect(usage.outputTokens).toBeGreaterThan(24);
    expect(usage.estimated).toBe(true);
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

  it("runs sample-rank-fuse through the Engine and ProviderPool, its 5 samples decoded concurrently", async () => {
    const result = await start(engine(), architecture(), { text: "Once upon a time" }).result;
    expect(result.status, result.error?.message).toBe("completed");
    expect(result.answer?.text.length).toBeGreaterThan(0);
    expect(result.usage.calls).toBe(5 + 1 + 1);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.estimated).toBe(false);
    const generated = result.nodes.find((n) => n.id === "generate")?.outputs?.["candidates"] as Candidate[];
    expect(generated).toHaveLength(5);
    expect(new Set(generated.map((c) => c.text)).size).toBeGreaterThan(1);
    expect(result.trace.every((call) => call.provider === "openai-compatible" && !call.cached)).toBe(true);
  });

  it("gives the same answer for the same seeds on a rerun with an empty cache", async () => {
    // One call at a time: llama.cpp's CPU kernels are not batch-invariant, so a seeded sample
    // reproduces exactly only when it decodes in the same company (see llama-server.test.ts).
    const first = await start(engine(1), architecture(), { text: "Once upon a time" }).result;
    const second = await start(engine(1), architecture(), { text: "Once upon a time" }).result;
    expect(first.status, first.error?.message).toBe("completed");
    expect(second.usage.cachedCalls).toBe(0);
    expect(second.trace.map((c) => c.response)).toEqual(first.trace.map((c) => c.response));
    expect(second.answer?.text).toBe(first.answer?.text);
  });

  it("cancels a run with a call in flight", async () => {
    const arch = withParams(architecture(), "generate", { max_tokens: 400, samples: 3 });
    const handle = start(engine(), arch, { text: "Once upon a time" });
    handle.on("node.partial", () => handle.cancel("user pressed cancel"));
    const result = await handle.result;
    expect(result.status).toBe("cancelled");
    expect(result.trace.filter((c) => c.nodeId === "fuse")).toHaveLength(0);
  });
});
