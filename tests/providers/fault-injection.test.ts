/**
 * 64 concurrent calls through the engine and the openai-compatible provider to a real HTTP
 * server that injects faults on a seeded schedule: every call ends with a result or a clear
 * error, none is lost, none is counted twice, and the model's concurrency limit holds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Engine } from "../../core/engine/executor";
import { MemoryCallCache } from "../../core/engine/cache";
import { ModelRegistry } from "../../core/providers/models";
import { ProviderPool } from "../../core/providers/pool";
import { loadArchitecture } from "../helpers/architectures";
import { startOpenAIServer, type Fault, type OpenAIServer } from "../helpers/openai-server";

const ARCH = loadArchitecture("tests/fixtures/architectures/fan-out-64.itasca.json");
const MAX_CONCURRENCY = 8;

/** mulberry32: a small seeded PRNG, so the fault schedule is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function faultSchedule(seed: number, faultyRequests: number): (index: number) => Fault | undefined {
  const random = seeded(seed);
  const plan: (Fault | undefined)[] = Array.from({ length: faultyRequests }, () => {
    const r = random();
    if (r < 0.08) return { kind: "status", status: 429, retryAfterSeconds: 0.05 };
    if (r < 0.14) return { kind: "status", status: 500 };
    if (r < 0.2) return { kind: "status", status: 503 };
    if (r < 0.24) return { kind: "slow", ms: 1_500 };
    if (r < 0.3) return { kind: "drop" };
    if (r < 0.35) return { kind: "malformed" };
    if (r < 0.4) return { kind: "truncated" };
    return undefined;
  });
  // Past the schedule every request succeeds, so the test is bounded whatever the timing.
  return (index) => plan[index];
}

function engineFor(server: OpenAIServer, maxRetries = 8): { engine: Engine; pool: ProviderPool } {
  const models = new ModelRegistry([{ id: "fault/model", provider: "openai-compatible", baseUrl: server.baseUrl, model: "fake-model", maxConcurrency: MAX_CONCURRENCY, timeoutMs: 400, maxRetries }]);
  const pool = new ProviderPool({ env: {} });
  return { engine: new Engine({ providers: pool.resolve, models, cache: new MemoryCallCache(), retryPolicy: { baseDelayMs: 5, maxDelayMs: 40 } }), pool };
}

let server: OpenAIServer | undefined;
let pool: ProviderPool | undefined;
afterEach(async () => {
  await pool?.close();
  await server?.close();
});

describe("fault injection at 64 concurrent calls", () => {
  it("every call ends with one result, none lost or counted twice, limits respected", async () => {
    server = await startOpenAIServer({ faults: faultSchedule(42, 160), latencyMs: 30 });
    const setup = engineFor(server);
    pool = setup.pool;
    const run = setup.engine.start(ARCH, { text: "Tell a story" });
    const result = await run.result;

    expect(result.status).toBe("completed");
    expect(result.usage.calls).toBe(64);
    expect(result.trace).toHaveLength(64);
    expect(new Set(result.trace.map((c) => c.sample))).toEqual(new Set(Array.from({ length: 64 }, (_, i) => i)));
    // Every reply is "reply <i>.0": 2 tokens. Retried calls are paid once.
    expect(result.usage.outputTokens).toBe(128);
    const attempts = result.trace.reduce((sum, c) => sum + c.attempts, 0);
    // An attempt on a keep-alive socket the server had just dropped fails before the server sees
    // it, so attempts may exceed the requests the server recorded, never fall short of them.
    expect(attempts).toBeGreaterThanOrEqual(server.requests.length);
    const faults = server.requests.filter((r) => r.fault).length;
    // Every injected fault cost exactly one retry; on a loaded machine an unfaulted request may
    // also pass the 400 ms timeout and be retried, which is the timeout doing its job.
    const retries = attempts - 64;
    expect(retries).toBeGreaterThanOrEqual(faults);
    expect(retries - faults).toBeLessThanOrEqual(12);
    expect(run.events().filter((e) => e.type === "call.retrying")).toHaveLength(retries);
    // Server side, a request the client gave up on (timeout) stays open until the server sees
    // the socket close, which can be just after the client's next request arrived: allow those.
    const timeouts = run.events().filter((e) => e.type === "call.retrying" && e.reason.startsWith("no answer within")).length;
    expect(server.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENCY + timeouts);
    expect(server.maxInFlight).toBeGreaterThan(MAX_CONCURRENCY / 2);

    const byKind: Record<string, number> = {};
    for (const r of server.requests) if (r.fault) byKind[r.fault] = (byKind[r.fault] ?? 0) + 1;
    console.log(`fault injection: 64 calls, ${server.requests.length} requests, ${faults} faults ${JSON.stringify(byKind)}, ${retries} retries, 0 errors, max in flight ${server.maxInFlight}/${MAX_CONCURRENCY}, ${result.ms} ms`);
  }, 60_000);

  it("a rejected key stops the run with a clear error and no retries", async () => {
    server = await startOpenAIServer({ faults: () => ({ kind: "status", status: 401, message: "invalid api key" }) });
    const setup = engineFor(server);
    pool = setup.pool;
    const result = await setup.engine.start(ARCH, { text: "q" }).result;
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain('node "generate": call to model "fault/model" failed (auth): model "fake-model" rejected the key (401)');
    // Only the calls already in flight were sent; none was retried and no new one followed.
    expect(server.requests.length).toBeLessThanOrEqual(MAX_CONCURRENCY);
  });

  it("a server that keeps failing ends each call with an error that says it gave up", async () => {
    server = await startOpenAIServer({ faults: () => ({ kind: "status", status: 503 }) });
    const setup = engineFor(server, 2);
    pool = setup.pool;
    const result = await setup.engine.start(ARCH, { text: "q" }).result;
    expect(result.status).toBe("failed");
    expect(result.error?.message).toMatch(/\(server\): .*503.*gave up after 3 attempts/);
    expect(result.usage.calls).toBe(0);
  });
});

describe("coalescing samples into one request", () => {
  it("sends a node's unseeded samples as one n request and still traces, caches and budgets each", async () => {
    server = await startOpenAIServer({ reply: (_i, c) => `sample number ${c}` });
    const setup = engineFor(server);
    pool = setup.pool;
    const unseeded = { ...ARCH, nodes: ARCH.nodes.map((n) => (n.id === "generate" ? { ...n, params: { ...n.params, seed: undefined, samples: 10 } } : n)) };
    const first = await setup.engine.start(unseeded, { text: "q" }).result;
    // At most the model's concurrency (8) per request: a request of n takes n server slots.
    expect(server.requests.map((r) => r.body.n)).toEqual([8, 2]);
    expect(first.usage.calls).toBe(10);
    expect(first.trace.map((c) => c.response).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `sample number ${i}`), "sample number 0", "sample number 1"].sort());
    // Usage split over the samples adds up to what the server reported.
    expect(first.usage.outputTokens).toBe(30);
    const again = await setup.engine.start(unseeded, { text: "q" }).result;
    expect(again.usage).toMatchObject({ calls: 0, cachedCalls: 10 });
    expect(server.requests).toHaveLength(2);
    const budgeted = await setup.engine.start({ ...unseeded, name: "other" }, { text: "another query" }, { budget: { maxCalls: 4 } }).result;
    expect(budgeted.status).toBe("budget-exceeded");
    expect(server.requests.at(-1)?.body.n).toBe(4);
  });
});
