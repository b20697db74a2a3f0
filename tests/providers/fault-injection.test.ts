/**
 * 64 concurrent calls through the engine and the openai-compatible provider to a real HTTP
 * server that injects faults on a seeded schedule: every call ends with a result or a clear
 * error, none is lost, none is counted twice, and the model's concurrency limit holds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import { ModelRegistry } from "../../core/providers/models";
import { ProviderPool } from "../../core/providers/pool";
import { loadArchitecture } from "../helpers/architectures";
import { startOpenAIServer, type Fault, type OpenAIServer, type RecordedRequest } from "../helpers/openai-server";

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
    const faults = faultSchedule(42, 160);
    server = await startOpenAIServer({ faults, latencyMs: 30 });
    const setup = engineFor(server);
    pool = setup.pool;
    const run = setup.engine.start(setup.engine.check(ARCH), { text: "Tell a story" });
    const result = await run.result;

    // Nothing here bounds how long anything took: on a loaded machine an unfaulted request may
    // also pass the 400 ms per-attempt timeout and be retried, which is the timeout doing its
    // job. Every figure is a count, or a lower bound (Retry-After).
    expect(result.status).toBe("completed");
    expect(result.usage.calls).toBe(64);
    expect(result.trace).toHaveLength(64);
    expect(new Set(result.trace.map((c) => c.sample))).toEqual(new Set(Array.from({ length: 64 }, (_, i) => i)));
    // Every reply is "reply <i>.0": 2 tokens. Retried calls are paid once.
    expect(result.usage.outputTokens).toBe(128);
    const retrying = run.events().flatMap((e) => (e.type === "call.retrying" ? [e] : []));
    const attempts = result.trace.reduce((sum, c) => sum + c.attempts, 0);
    expect(retrying).toHaveLength(attempts - 64);
    const isTimeout = (reason: string) => reason.startsWith("no answer within");

    // Each call's requests, told apart by their seed (one per sample), in the order they arrived.
    const requestsOf = new Map<number, RecordedRequest[]>();
    for (const request of server.requests) requestsOf.set(request.body.seed ?? -1, [...(requestsOf.get(request.body.seed ?? -1) ?? []), request]);
    expect([...requestsOf.keys()].sort((a, b) => a - b)).toEqual(result.trace.map((c) => c.sampling.seed).sort((a, b) => (a ?? 0) - (b ?? 0)));
    let unfaultedFailures = 0;
    let retryAfterChecks = 0;
    for (const call of result.trace) {
      const requests = requestsOf.get(call.sampling.seed ?? -1) ?? [];
      const final = requests.at(-1);
      // The answer kept is the reply to the call's last request, which carried no fault.
      expect(final?.fault, `sample ${call.sample}`).toBeUndefined();
      expect(call.response, `sample ${call.sample}`).toBe(`reply ${final?.index}.0`);
      // An attempt on a socket that failed before the server read it leaves no record: attempts
      // may exceed the requests recorded, never fall short of them.
      expect(call.attempts, `sample ${call.sample}`).toBeGreaterThanOrEqual(requests.length);
      const retries = retrying.filter((e) => e.callId === call.id);
      expect(retries.map((e) => e.attempt)).toEqual(Array.from({ length: call.attempts - 1 }, (_, i) => i + 1));
      unfaultedFailures += requests.slice(0, -1).filter((r) => r.fault === undefined).length;
      // Where every attempt reached the server, attempt k is request k: a 429 answered as such
      // was retried no sooner than its Retry-After (50 ms) after the response ended.
      if (requests.length !== call.attempts) continue;
      for (const [k, request] of requests.slice(0, -1).entries()) {
        const fault = faults(request.index);
        const retry = retries[k];
        if (fault?.kind !== "status" || fault.status !== 429 || retry === undefined || isTimeout(retry.reason)) continue;
        expect(retry.reason).toContain("(429)");
        expect(retry.delayMs).toBeGreaterThanOrEqual(50);
        // Timers may round to the millisecond.
        expect((requests[k + 1]?.receivedAt ?? 0) - (request.endedAt ?? Infinity)).toBeGreaterThanOrEqual(49);
        retryAfterChecks++;
      }
    }
    expect(retryAfterChecks).toBeGreaterThan(0);
    // Every injected fault cost a retry; an unfaulted request the client gave up on can only
    // have been timed out, as were the slow ones.
    const faulted = server.requests.filter((r) => r.fault);
    expect(retrying.length).toBeGreaterThanOrEqual(faulted.length);
    const slow = faulted.filter((r) => r.fault === "slow").length;
    expect(retrying.filter((e) => isTimeout(e.reason)).length).toBeGreaterThanOrEqual(slow + unfaultedFailures);
    // Server side, a request the client gave up on (timeout) stays open until the server sees
    // the socket close, which can be just after the client's next request arrived: allow those.
    const timeouts = retrying.filter((e) => isTimeout(e.reason)).length;
    expect(server.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENCY + timeouts);
    expect(server.maxInFlight).toBeGreaterThan(MAX_CONCURRENCY / 2);

    const byKind: Record<string, number> = {};
    for (const r of faulted) byKind[r.fault as string] = (byKind[r.fault as string] ?? 0) + 1;
    console.log(
      `fault injection: 64 calls, ${server.requests.length} requests, ${faulted.length} faults ${JSON.stringify(byKind)}, ${retrying.length} retries (${timeouts} timeouts, ${retryAfterChecks} Retry-After waits checked), 0 errors, max in flight ${server.maxInFlight}/${MAX_CONCURRENCY}, ${result.ms} ms`,
    );
  }, 60_000);

  it("a rejected key stops the run with a clear error and no retries", async () => {
    server = await startOpenAIServer({ faults: () => ({ kind: "status", status: 401, message: "invalid api key" }) });
    const setup = engineFor(server);
    pool = setup.pool;
    const result = await setup.engine.start(setup.engine.check(ARCH), { text: "q" }).result;
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain('node "generate": call to model "fault/model" failed (auth): model "fake-model" rejected the key (401)');
    // Only the calls already in flight were sent; none was retried (each seed, i.e. call, once)
    // and no new one followed.
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.length).toBeLessThanOrEqual(MAX_CONCURRENCY);
    expect(new Set(server.requests.map((r) => r.body.seed)).size).toBe(server.requests.length);
  });

  it("a server that keeps failing ends each call with an error that says it gave up", async () => {
    server = await startOpenAIServer({ faults: () => ({ kind: "status", status: 503 }) });
    const setup = engineFor(server, 2);
    pool = setup.pool;
    const result = await setup.engine.start(setup.engine.check(ARCH), { text: "q" }).result;
    expect(result.status).toBe("failed");
    expect(result.error?.message).toMatch(/\(server\): .*503.*gave up after 3 attempts/);
    expect(result.usage.calls).toBe(0);
    // maxRetries 2: no call was sent more than 3 times, and the one that ended the run exactly 3 times.
    const perCall = new Map<number | undefined, number>();
    for (const r of server.requests) perCall.set(r.body.seed, (perCall.get(r.body.seed) ?? 0) + 1);
    expect(Math.max(...perCall.values())).toBe(3);
  });
});

describe("coalescing samples into one request", () => {
  it("sends a node's unseeded samples as one n request and still traces, caches and budgets each", async () => {
    server = await startOpenAIServer({ reply: (_i, c) => `sample number ${c}` });
    const setup = engineFor(server);
    pool = setup.pool;
    const unseeded = { ...ARCH, nodes: ARCH.nodes.map((n) => (n.id === "generate" ? { ...n, params: { ...n.params, seed: undefined, samples: 10 } } : n)) };
    const first = await setup.engine.start(setup.engine.check(unseeded), { text: "q" }).result;
    // At most the model's concurrency (8) per request: a request of n takes n server slots.
    expect(server.requests.map((r) => r.body.n)).toEqual([8, 2]);
    expect(first.usage.calls).toBe(10);
    expect(first.trace.map((c) => c.response).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `sample number ${i}`), "sample number 0", "sample number 1"].sort());
    // Usage split over the samples adds up to what the server reported.
    expect(first.usage.outputTokens).toBe(30);
    const again = await setup.engine.start(setup.engine.check(unseeded), { text: "q" }).result;
    expect(again.usage).toMatchObject({ calls: 0, cachedCalls: 10 });
    expect(server.requests).toHaveLength(2);
    const budgeted = await setup.engine.start(setup.engine.check({ ...unseeded, name: "other" }), { text: "another query" }, { budget: { maxCalls: 4 } }).result;
    expect(budgeted.status).toBe("budget-exceeded");
    expect(server.requests.at(-1)?.body.n).toBe(4);
  });
});
