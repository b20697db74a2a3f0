/**
 * README "Models, providers and keys": every call goes through a per-model limiter shared by all
 * runs in the process (concurrency, requests and tokens per minute). Two concurrent runs on one
 * Engine, through the openai-compatible provider, against a real HTTP server on 127.0.0.1; the
 * limits are read off the server's arrival times. The engine's `rateWindowMs` shortens the
 * one-minute window to one second so the test takes seconds.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ModelEntry } from "../../core/api/schemas";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import { ModelRegistry } from "../../core/providers/models";
import { ProviderPool } from "../../core/providers/pool";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from "../helpers/openai-server";

const WINDOW_MS = 1_000;
/**
 * The limiter stamps a request when it lets it go; the server stamps it on arrival, a little
 * later by a delay that varies per request (more on a loaded machine). Two arrivals can thus be
 * up to that delay closer than the window the limiter kept between them.
 */
const ARRIVAL_JITTER_MS = 250;
const SAMPLES_PER_RUN = 3;

/** A seeded generate node: each sample goes as its own request (no `n` batching). */
function architecture(maxTokens: number) {
  return withParams(loadArchitecture("presets/architectures/single-call.itasca.json"), "generate", { model: "limited/model", samples: SAMPLES_PER_RUN, seed: 1, max_tokens: maxTokens });
}

let server: OpenAIServer | undefined;
let pool: ProviderPool | undefined;
afterEach(async () => {
  await pool?.close();
  await server?.close();
  pool = undefined;
  server = undefined;
});

function engineFor(entry: Omit<ModelEntry, "id" | "provider" | "baseUrl" | "model">): Engine {
  if (!server) throw new Error("start the server first");
  pool = new ProviderPool({ env: {} });
  const models = new ModelRegistry([{ id: "limited/model", provider: "openai-compatible", baseUrl: server.baseUrl, model: "fake-model", ...entry }]);
  return new Engine({ providers: pool.resolve, models, cache: new MemoryCallCache(), partialIntervalMs: 0, rateWindowMs: WINDOW_MS });
}

/** The most `weight` that arrived within any span of `spanMs` (a sliding window over arrivals). */
function mostInAnySpan(requests: readonly RecordedRequest[], spanMs: number, weight: (r: RecordedRequest) => number): number {
  const sorted = [...requests].sort((a, b) => a.receivedAt - b.receivedAt);
  let most = 0;
  for (const [i, first] of sorted.entries()) {
    let sum = 0;
    for (const r of sorted.slice(i)) if (r.receivedAt < first.receivedAt + spanMs) sum += weight(r);
    most = Math.max(most, sum);
  }
  return most;
}

/** Which run a request belongs to, by its query. */
const queryOf = (r: RecordedRequest) => r.body.messages.at(-1)?.content;

describe("rpm, tpm and maxConcurrency hold across two concurrent runs on one engine", () => {
  it("rpm 3: the six requests of two runs go three per window, at most 2 in flight", async () => {
    server = await startOpenAIServer({ latencyMs: 200 });
    const engine = engineFor({ rpm: 3, maxConcurrency: 2 });
    const arch = architecture(16);
    const [a, b] = await Promise.all([engine.start(engine.check(arch), { text: "first run" }).result, engine.start(engine.check(arch), { text: "second run" }).result]);

    expect(a.status).toBe("completed");
    expect(b.status).toBe("completed");
    expect(a.usage.calls).toBe(SAMPLES_PER_RUN);
    expect(b.usage.calls).toBe(SAMPLES_PER_RUN);
    const requests = server.requests;
    expect(requests).toHaveLength(2 * SAMPLES_PER_RUN);
    expect(requests.filter((r) => queryOf(r) === "first run")).toHaveLength(SAMPLES_PER_RUN);
    expect(requests.filter((r) => queryOf(r) === "second run")).toHaveLength(SAMPLES_PER_RUN);

    // Each run alone fits one window; together they do not, so the shared limiter spreads them.
    expect(mostInAnySpan(requests, WINDOW_MS - ARRIVAL_JITTER_MS, () => 1)).toBeLessThanOrEqual(3);
    const arrivals = requests.map((r) => r.receivedAt).sort((x, y) => x - y);
    for (let i = 0; i + 3 < arrivals.length; i++) expect((arrivals[i + 3] as number) - (arrivals[i] as number)).toBeGreaterThanOrEqual(WINDOW_MS - ARRIVAL_JITTER_MS);
    // The per-model concurrency is shared too: 2 at once, never 3, across both runs.
    expect(server.maxInFlight).toBe(2);
  });

  it("tpm 100: requests of 42 tokens go two per window across both runs", async () => {
    // 40 words of reply for 40 max tokens: the worst case (prompt estimate + 40) and the real
    // count (2 prompt words + 40) both let two requests into 100 tokens, never three.
    const reply = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ");
    server = await startOpenAIServer({ latencyMs: 50, reply: () => reply });
    const engine = engineFor({ tpm: 100, maxConcurrency: 8 });
    const arch = architecture(40);
    const [a, b] = await Promise.all([engine.start(engine.check(arch), { text: "first run" }).result, engine.start(engine.check(arch), { text: "second run" }).result]);

    expect(a.status).toBe("completed");
    expect(b.status).toBe("completed");
    const requests = server.requests;
    expect(requests).toHaveLength(2 * SAMPLES_PER_RUN);
    const tokens = (r: RecordedRequest) => (r.promptTokens ?? Number.NaN) + (r.deliveredTokens ?? Number.NaN);
    expect(requests.map(tokens)).toEqual(Array.from({ length: 6 }, () => 42));
    // The engine's usage is the server's accounting.
    expect(a.usage.inputTokens + a.usage.outputTokens + b.usage.inputTokens + b.usage.outputTokens).toBe(6 * 42);

    expect(mostInAnySpan(requests, WINDOW_MS - ARRIVAL_JITTER_MS, tokens)).toBeLessThanOrEqual(100);
    const arrivals = requests.map((r) => r.receivedAt).sort((x, y) => x - y);
    // Two per window: the 3rd and 5th arrivals each wait for a window after the 1st and 3rd.
    for (let i = 0; i + 2 < arrivals.length; i++) expect((arrivals[i + 2] as number) - (arrivals[i] as number)).toBeGreaterThanOrEqual(WINDOW_MS - ARRIVAL_JITTER_MS);
  });
});
