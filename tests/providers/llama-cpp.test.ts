/**
 * The embedded provider against the real shipped model (stories260K on node-llama-cpp).
 */
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_MODELS } from "../../core/api/builtin-models";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import { LlamaCppProvider } from "../../core/providers/llama-cpp";
import { loadArchitecture, withParams } from "../helpers/architectures";

const MODEL = BUILTIN_MODELS[0]?.model as string;
const provider = new LlamaCppProvider({ threads: 1, sequences: 4 });
afterAll(() => provider.close());

const ask = (content: string, extra: Partial<Parameters<LlamaCppProvider["chat"]>[0]> = {}) =>
  provider.chat({ model: MODEL, messages: [{ role: "user", content }], temperature: 0.8, maxTokens: 24, ...extra });

describe("llama-cpp provider (real model)", () => {
  it("generates text with real token usage and streams it", async () => {
    let streamed = "";
    const response = await ask("Once upon a time", { onText: (_i, delta) => (streamed += delta), seed: 3 });
    expect(response.choices).toHaveLength(1);
    const text = response.choices[0]?.text ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(streamed).toBe(text);
    expect(response.usage.inputTokens).toBeGreaterThan(3);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeLessThanOrEqual(24);
    expect(response.usage.estimated).toBeUndefined();
  });

  it("draws n samples on parallel sequences, distinct seeds giving distinct samples", async () => {
    const response = await ask("The little dog", { n: 4, seed: 11, maxTokens: 32 });
    expect(response.choices).toHaveLength(4);
    // Seeds 11..14, one per sample: four different texts, none of them empty.
    expect(response.choices.every((c) => c.text.length > 0)).toBe(true);
    expect(new Set(response.choices.map((c) => c.text)).size).toBe(4);
    expect(response.usage.outputTokens).toBeGreaterThanOrEqual(4);
    expect(response.usage.outputTokens).toBeLessThanOrEqual(4 * 32);
  });

  it("serves more concurrent calls than sequences by queueing, not failing", async () => {
    const responses = await Promise.all(Array.from({ length: 9 }, (_, i) => ask(`Story ${i}`, { maxTokens: 8 })));
    // All 9 answered on 4 sequences: one non-empty choice each, within max_tokens.
    expect(responses.map((r) => r.choices.length)).toEqual(Array.from({ length: 9 }, () => 1));
    for (const r of responses) {
      expect(r.choices[0]?.text.length).toBeGreaterThan(0);
      expect(r.usage.outputTokens).toBeGreaterThan(0);
      expect(r.usage.outputTokens).toBeLessThanOrEqual(8);
    }
  });

  it("fits a prompt longer than the context instead of failing", async () => {
    // A small context keeps this quick: prompt processing is the slow part on a CPU.
    const small = new LlamaCppProvider({ threads: 1, sequences: 1, contextSize: 256 });
    try {
      const response = await small.chat({ model: MODEL, messages: [{ role: "user", content: "the cat sat on the mat. ".repeat(60) }], temperature: 0, maxTokens: 8 });
      // It answers: a non-empty text from a prompt cut to fit, not an error or an empty reply.
      expect(response.choices).toHaveLength(1);
      expect(response.choices[0]?.text.length).toBeGreaterThan(0);
      expect(response.usage.outputTokens).toBeGreaterThan(0);
      expect(response.usage.outputTokens).toBeLessThanOrEqual(8);
      expect(response.usage.inputTokens).toBeGreaterThan(100);
      expect(response.usage.inputTokens).toBeLessThan(256);
    } finally {
      await small.close();
    }
  });

  it("aborts an in-flight generation", async () => {
    const controller = new AbortController();
    let chunks = 0;
    const pending = ask("Once upon a time", {
      maxTokens: 1000,
      temperature: 1,
      signal: controller.signal,
      onText: () => {
        if (++chunks === 3) controller.abort(new Error("stop now"));
      },
    });
    // It rejects with the abort's reason, and no text arrives after the abort.
    await expect(pending).rejects.toThrow("stop now");
    expect(chunks).toBe(3);
    // The sequence went back to the pool: the next call is served.
    expect((await ask("Once upon a time", { maxTokens: 4 })).choices[0]?.text.length).toBeGreaterThan(0);
  });

  it("names the file when the GGUF model is missing", async () => {
    await expect(provider.chat({ model: "presets/models/missing.gguf", messages: [{ role: "user", content: "x" }], temperature: 0, maxTokens: 1 })).rejects.toThrow(/missing\.gguf/);
  });
});

describe("engine on the embedded model", () => {
  const engine = new Engine({ providers: () => provider, cache: new MemoryCallCache() });
  const arch = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");

  it("runs sample-rank-fuse, reruns it from cache, and reruns only fuse when its temperature changes", async () => {
    const first = await engine.start(engine.check(arch), { text: "Once upon a time" }).result;
    expect(first.status).toBe("completed");
    expect(first.answer?.text.length).toBeGreaterThan(0);
    expect(first.usage.calls).toBe(7);
    expect(first.usage.inputTokens).toBeGreaterThan(0);

    const second = await engine.start(engine.check(arch), { text: "Once upon a time" }).result;
    expect(second.usage).toMatchObject({ calls: 0, cachedCalls: 7 });
    expect(second.answer).toEqual(first.answer);

    const third = await engine.start(engine.check(withParams(arch, "fuse", { temperature: 0.3 })), { text: "Once upon a time" }).result;
    expect(third.trace.filter((c) => !c.cached).map((c) => c.nodeId)).toEqual(["fuse"]);
    expect(third.usage).toMatchObject({ calls: 1, cachedCalls: 6 });
  });
});
