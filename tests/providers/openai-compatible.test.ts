/**
 * The openai-compatible provider against a real HTTP server on 127.0.0.1 speaking the protocol.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../../core/providers/errors";
import { OpenAICompatibleProvider } from "../../core/providers/openai-compatible";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const messages = [
  { role: "system" as const, content: "Be brief." },
  { role: "user" as const, content: "Say hi" },
];

describe("openai-compatible provider", () => {
  it("sends the request fields and reads text, finish reason and reported usage", async () => {
    server = await startOpenAIServer({ reply: () => "hello there friend" });
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl, apiKey: "sk-test-key-123456" });
    const response = await provider.chat({ model: "m1", messages, temperature: 0.3, topP: 0.9, maxTokens: 12, seed: 7, stop: ["\n\n"] });
    expect(response.choices).toEqual([{ text: "hello there friend", finishReason: "stop" }]);
    expect(response.usage).toEqual({ inputTokens: 4, outputTokens: 3 });
    const sent = server.requests[0];
    expect(sent?.body).toMatchObject({ model: "m1", temperature: 0.3, top_p: 0.9, max_tokens: 12, seed: 7, stop: ["\n\n"], messages });
    expect(sent?.headers.authorization).toBe("Bearer sk-test-key-123456");
  });

  it("streams deltas through onText and takes usage from the final chunk", async () => {
    server = await startOpenAIServer({ reply: () => "one two three four" });
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl });
    const deltas: string[] = [];
    const response = await provider.chat({ model: "m", messages, temperature: 0, maxTokens: 10, onText: (_i, d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("one two three four");
    expect(response.usage).toEqual({ inputTokens: 4, outputTokens: 4 });
    expect(server.requests[0]?.body.stream).toBe(true);
  });

  it("asks for n samples in one request when the server supports it", async () => {
    server = await startOpenAIServer();
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl });
    const response = await provider.chat({ model: "m", messages, temperature: 1, maxTokens: 5, n: 4 });
    expect(response.choices.map((c) => c.text)).toEqual(["reply 0.0", "reply 0.1", "reply 0.2", "reply 0.3"]);
    expect(server.requests).toHaveLength(1);
    expect(provider.supportsN).toBe(true);
  });

  it("falls back to parallel requests with distinct seeds when the server ignores n", async () => {
    server = await startOpenAIServer({ supportsN: false });
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl });
    const response = await provider.chat({ model: "m", messages, temperature: 1, maxTokens: 5, n: 3, seed: 10 });
    expect(response.choices).toHaveLength(3);
    expect(provider.supportsN).toBe(false);
    expect(server.requests.map((r) => r.body.seed).sort()).toEqual([10, 11, 12]);
    await provider.chat({ model: "m", messages, temperature: 1, maxTokens: 5, n: 2 });
    // Once known, n is no longer tried: two plain requests follow.
    expect(server.requests.slice(3).every((r) => r.body.n === undefined)).toBe(true);
  });

  it("counts usage honestly when the server reports completion tokens of only one of n choices", async () => {
    const longReply = "y ".repeat(200).trim();
    server = await startOpenAIServer({ usage: "first-choice", reply: (_r, c) => (c === 0 ? "x" : longReply) });
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl });
    const r = await provider.chat({ model: "m", messages, temperature: 1, maxTokens: 500, n: 2 });
    // The server said 1 completion token; the text holds about 100 (chars/4): estimated, and marked so.
    expect(r.usage.estimated).toBe(true);
    expect(r.usage.outputTokens).toBeGreaterThanOrEqual(100);
    expect(r.usage.inputTokens).toBe(4);
  });

  it("estimates, and marks as estimated, usage the server does not report", async () => {
    server = await startOpenAIServer({ usage: "none", reply: () => "abcdefgh" });
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl });
    const r = await provider.chat({ model: "m", messages, temperature: 0, maxTokens: 5 });
    expect(r.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 2, estimated: true });
  });

  it("classifies errors: 401 names the key variable, 429 carries Retry-After, 404 and 400 are not retryable", async () => {
    const statuses = [
      { status: 401, kind: "auth", text: 'model "m" rejected the key (401): set OPENAI_API_KEY' },
      { status: 429, kind: "rate-limit", retryAfterSeconds: 3 },
      { status: 404, kind: "not-found" },
      { status: 400, kind: "context-length", message: "This model's maximum context length is 4096 tokens" },
      { status: 400, kind: "bad-request", message: "temperature must be <= 2" },
      { status: 503, kind: "server" },
    ];
    for (const s of statuses) {
      const local = await startOpenAIServer({ faults: () => ({ kind: "status", status: s.status, ...(s.retryAfterSeconds ? { retryAfterSeconds: s.retryAfterSeconds } : {}), ...(s.message ? { message: s.message } : {}) }) });
      try {
        const provider = new OpenAICompatibleProvider({ baseUrl: local.baseUrl, keyEnv: "OPENAI_API_KEY" });
        const error = await provider.chat({ model: "m", messages, temperature: 0, maxTokens: 5 }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ProviderError);
        const pe = error as ProviderError;
        expect(pe.kind, `status ${s.status}`).toBe(s.kind);
        if (s.text) expect(pe.message).toBe(s.text);
        if (s.retryAfterSeconds) expect(pe.retryAfterMs).toBe(3000);
        expect(pe.retryable).toBe(s.kind === "rate-limit" || s.kind === "server");
      } finally {
        await local.close();
      }
    }
  });

  it("reports dropped connections, malformed JSON and truncated streams as retryable errors", async () => {
    for (const [kind, stream] of [["drop", false], ["malformed", false], ["drop", true], ["malformed", true], ["truncated", true]] as const) {
      const local = await startOpenAIServer({ faults: () => ({ kind }) });
      try {
        const provider = new OpenAICompatibleProvider({ baseUrl: local.baseUrl });
        const error = await provider.chat({ model: "m", messages, temperature: 0, maxTokens: 5, ...(stream ? { onText: () => {} } : {}) }).then(() => undefined, (e: unknown) => e);
        expect(error, `${kind} stream=${stream}`).toBeInstanceOf(ProviderError);
        expect((error as ProviderError).retryable, `${kind} stream=${stream}: ${(error as Error).message}`).toBe(true);
      } finally {
        await local.close();
      }
    }
  });

  it("a refused connection is a network error that says to start the server", async () => {
    const provider = new OpenAICompatibleProvider({ baseUrl: "http://127.0.0.1:9/v1" });
    const error = (await provider.chat({ model: "m", messages, temperature: 0, maxTokens: 5 }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("network");
    expect(error.message).toContain("is the server running?");
  });

  it("aborting cancels the in-flight HTTP request", async () => {
    server = await startOpenAIServer({ latencyMs: 5_000 });
    const provider = new OpenAICompatibleProvider({ baseUrl: server.baseUrl });
    const controller = new AbortController();
    const began = performance.now();
    const pending = provider.chat({ model: "m", messages, temperature: 0, maxTokens: 5, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancel")), 50);
    await expect(pending).rejects.toThrow();
    expect(performance.now() - began).toBeLessThan(2_000);
  });
});
