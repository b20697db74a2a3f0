/**
 * The anthropic provider against a local server speaking the Messages API: request shape,
 * system prompt mapping, streaming, usage, parallel samples and cancellation.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AnthropicProvider } from "../../core/providers/anthropic";
import { ProviderError } from "../../core/providers/errors";
import type { ProviderChatRequest } from "../../core/providers/types";
import { AnthropicTestServer, messageEvents, messageJson } from "../helpers/anthropic-server";

const KEY = "sk-ant-test-PLANTED-0123456789abcdef";
const fixture = (name: string) => readFileSync(new URL(`../fixtures/anthropic/${name}`, import.meta.url), "utf8");

let server: AnthropicTestServer;
let provider: AnthropicProvider;

beforeAll(async () => {
  server = await AnthropicTestServer.start();
  provider = new AnthropicProvider({ baseUrl: server.url, apiKey: KEY, timeoutMs: 5_000 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const ask = (extra: Partial<ProviderChatRequest> = {}) =>
  provider.chat({ model: "claude-test", messages: [{ role: "user", content: "Tell me a story." }], temperature: 0.5, maxTokens: 64, ...extra });

describe("anthropic provider: request shape", () => {
  it("maps system prompts, merges same-role turns and sends the Messages API fields", async () => {
    await ask({
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "First part." },
        { role: "system", content: "Answer in English." },
        { role: "user", content: "Second part." },
        { role: "assistant", content: "Draft one." },
        { role: "assistant", content: "Draft two." },
        { role: "user", content: "Go on." },
      ],
      temperature: 1.7,
      topP: 0.9,
      seed: 42,
      stop: ["THE END", "\n"],
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1/messages");
    expect(request?.body).toEqual({
      model: "claude-test",
      max_tokens: 64,
      system: "You are terse.\n\nAnswer in English.",
      messages: [
        { role: "user", content: "First part.\n\nSecond part." },
        { role: "assistant", content: "Draft one.\n\nDraft two." },
        { role: "user", content: "Go on." },
      ],
      // Clamped to Anthropic's 0..1; no seed (the API has none); the whitespace-only stop is dropped.
      temperature: 1,
      top_p: 0.9,
      stop_sequences: ["THE END"],
      stream: false,
    });
  });

  it("sends the key and the API version in headers, and no seed, no system and no streaming on a plain call", async () => {
    await ask({ seed: 7 });
    const headers = server.requests[0]?.headers ?? {};
    // SDK 1.x sends the key as a bearer token (0.x used x-api-key); either way it reaches the server.
    expect(headers.authorization ?? headers["x-api-key"]).toMatch(new RegExp(KEY));
    expect(headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(headers["x-stainless-retry-count"]).toBe("0");
    expect(server.requests[0]?.body).not.toHaveProperty("seed");
    expect(server.requests[0]?.body.stream).toBe(false);
    expect(server.requests[0]?.body).not.toHaveProperty("system");
  });

  it("fails before any request when there is no key, naming ANTHROPIC_API_KEY", async () => {
    const keyless = new AnthropicProvider({ baseUrl: server.url });
    const error = await keyless.chat({ model: "claude-test", messages: [{ role: "user", content: "hi" }], temperature: 0, maxTokens: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("auth");
    expect((error as ProviderError).message).toMatch(/ANTHROPIC_API_KEY/);
    expect(server.requests).toHaveLength(0);
  });

  it("rejects a prompt with only a system message before any request", async () => {
    const error = await ask({ messages: [{ role: "system", content: "Only rules." }] }).catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe("bad-request");
    expect(server.requests).toHaveLength(0);
  });
});

describe("anthropic provider: replies and usage", () => {
  it("returns the text, finish reason and reported usage of a plain call", async () => {
    server.respond(() => ({ json: messageJson({ text: "A short tale.", inputTokens: 21, outputTokens: 4 }) }));
    const response = await ask();
    expect(response.choices).toEqual([{ text: "A short tale.", finishReason: "stop" }]);
    expect(response.usage).toEqual({ inputTokens: 21, outputTokens: 4 });
  });

  it("joins text blocks, skips thinking, counts cached input and maps stop_sequence to stop", async () => {
    server.respond(() => ({ json: JSON.parse(fixture("message.json")) as unknown }));
    const response = await ask();
    expect(response.choices).toEqual([{ text: "The lantern was still warm.", finishReason: "stop" }]);
    expect(response.usage).toEqual({ inputTokens: 45, outputTokens: 9 });
  });

  it("maps max_tokens to length", async () => {
    server.respond(() => ({ json: messageJson({ text: "Once", stopReason: "max_tokens" }) }));
    expect((await ask()).choices[0]?.finishReason).toBe("length");
  });

  it("streams text deltas to onText that add up to the final text, with usage from the events", async () => {
    server.respond(() => ({ events: messageEvents(["Once", " upon", " a", " time."], { inputTokens: 13, outputTokens: 5 }), eventDelayMs: 5 }));
    const deltas: [number, string][] = [];
    const response = await ask({ onText: (index, delta) => deltas.push([index, delta]) });
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(deltas).toEqual([
      [0, "Once"],
      [0, " upon"],
      [0, " a"],
      [0, " time."],
    ]);
    expect(response.choices).toEqual([{ text: "Once upon a time.", finishReason: "stop" }]);
    expect(response.usage).toEqual({ inputTokens: 13, outputTokens: 5 });
  });

  it("reads a full recorded stream: pings and thinking blocks skipped, cumulative usage kept", async () => {
    server.respond(() => ({ sse: fixture("stream.sse") }));
    let streamed = "";
    const response = await ask({ onText: (_i, delta) => (streamed += delta) });
    expect(response.choices).toEqual([{ text: "Once upon a time, a fox found a lantern in the snow.", finishReason: "length" }]);
    expect(streamed).toBe(response.choices[0]?.text);
    expect(response.usage).toEqual({ inputTokens: 25, outputTokens: 42 });
  });

  it("reports a stream that ends before message_stop as malformed (retryable)", async () => {
    server.respond(() => ({ events: messageEvents(["Once"]).slice(0, 3) }));
    const error = (await ask({ onText: () => {} }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("malformed");
    expect(error.retryable).toBe(true);
  });

  it("estimates usage, and says so, when a server omits it", async () => {
    server.respond(() => ({ json: { ...messageJson({ text: "12345678" }), usage: undefined } }));
    const response = await ask();
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.outputTokens).toBe(2);
  });
});

describe("anthropic provider: parallel samples", () => {
  it("draws n samples as n requests and sums their usage", async () => {
    server.respond((_request, index) => ({ json: messageJson({ text: `sample ${index}`, inputTokens: 10, outputTokens: index + 1 }) }));
    const response = await ask({ n: 3 });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => JSON.stringify(r.body) === JSON.stringify(server.requests[0]?.body))).toBe(true);
    expect(response.choices.map((c) => c.text).sort()).toEqual(["sample 0", "sample 1", "sample 2"]);
    expect(response.usage).toEqual({ inputTokens: 30, outputTokens: 6 });
  });

  it("streams each sample under its own choice index", async () => {
    let count = 0;
    server.respond(() => {
      const piece = `s${count++}`;
      return { events: messageEvents([piece, "!"]) };
    });
    const texts = new Map<number, string>();
    const response = await ask({ n: 2, onText: (index, delta) => texts.set(index, (texts.get(index) ?? "") + delta) });
    expect([...texts.keys()].sort()).toEqual([0, 1]);
    expect(response.choices.map((c) => c.text)).toEqual([texts.get(0), texts.get(1)]);
  });

  it("stops the sibling requests when one sample fails", async () => {
    server.respond((_request, index) => (index === 0 ? { status: 400, json: { type: "error", error: { type: "invalid_request_error", message: "bad" } } } : { events: messageEvents(["slow"]), hold: true }));
    const error = (await ask({ n: 3, onText: () => {} }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("bad-request");
    await Promise.all(server.requests.map((r) => r.ended));
    expect(server.requests.slice(1).every((r) => r.closedEarly)).toBe(true);
  });
});

describe("anthropic provider: cancellation and timeouts", () => {
  it("aborts mid-stream quickly, and the server sees the connection closed", async () => {
    server.respond(() => ({ events: messageEvents(["first"]).slice(0, 3), hold: true }));
    const controller = new AbortController();
    const pending = ask({ signal: controller.signal, onText: () => controller.abort() });
    const began = performance.now();
    const error = (await pending.catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe("aborted");
    expect(performance.now() - began).toBeLessThan(2_000);
    await server.requests[0]?.ended;
    expect(server.requests[0]?.closedEarly).toBe(true);
  });

  it("makes no request when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = (await ask({ signal: controller.signal }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("aborted");
    expect(server.requests).toHaveLength(0);
  });

  it("reports the engine's per-attempt timeout (a TimeoutError signal) as a timeout", async () => {
    server.respond(() => ({ events: messageEvents(["slow"]).slice(0, 3), hold: true }));
    const error = (await ask({ signal: AbortSignal.timeout(150), onText: () => {} }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("timeout");
    expect(error.retryable).toBe(true);
  });

  it("reports the SDK's own timeout (no headers in time) as a timeout", async () => {
    const impatient = new AnthropicProvider({ baseUrl: server.url, apiKey: KEY, timeoutMs: 150 });
    server.respond(() => ({ json: messageJson({ text: "late" }), delayMs: 1_000 }));
    const error = (await impatient.chat({ model: "claude-test", messages: [{ role: "user", content: "hi" }], temperature: 0, maxTokens: 8 }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("timeout");
  });
});
