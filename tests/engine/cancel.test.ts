import { describe, expect, it } from "vitest";
import type { RunHandle } from "../../core/engine/executor";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const SAMPLE_RANK_FUSE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");
const QUERY = { text: "q" };

/** The node statuses a run of sample-rank-fuse stores when it is cancelled while generate draws. */
const CANCELLED_IN_GENERATE = { input: "done", generate: "cancelled", rank: "cancelled", fuse: "cancelled", output: "cancelled" };

/**
 * 12 samples, at most 4 at a time, 40 ms each; `cancel` is called at the first call.completed.
 * Whatever the machine's load, the calls out at that moment are the ones the provider saw.
 */
async function cancelAtFirstCompletion(cancel: (run: RunHandle, controller: AbortController) => void) {
  const { engine, provider } = fakeEngine({ latencyMs: 40 }, { maxConcurrency: 4 });
  const controller = new AbortController();
  const run = engine.start(engine.check(withParams(SAMPLE_RANK_FUSE, "generate", { samples: 12 })), QUERY, { signal: controller.signal });
  let abortedAt: number | undefined;
  run.on("call.completed", () => {
    if (abortedAt !== undefined) return;
    abortedAt = performance.now();
    cancel(run, controller);
  });
  const result = await run.result;
  return { run, result, provider, abortedAt: abortedAt ?? Number.NaN };
}

/** What every cancelled run keeps and drops, asserted exactly. */
function expectCancelledKeepingTheCompletedCall({ run, result, provider, abortedAt }: Awaited<ReturnType<typeof cancelAtFirstCompletion>>, reason: string) {
  expect(result.status).toBe("cancelled");
  const last = run.events().at(-1);
  expect(last?.type).toBe("run.cancelled");
  expect(last?.type === "run.cancelled" && last.reason).toBe(reason);
  // Only the calls out at the abort were ever issued (at most the 4 slots), none after it.
  expect(provider.calls.length).toBeGreaterThanOrEqual(1);
  expect(provider.calls.length).toBeLessThanOrEqual(4);
  expect(provider.calls.filter((c) => c.startedAt > abortedAt)).toEqual([]);
  expect(run.events().filter((e) => e.type === "call.started")).toHaveLength(provider.calls.length);
  // Exactly one call finished (its completion caused the abort); every other one was aborted.
  const finished = provider.calls.flatMap((c, index) => (c.aborted ? [] : [index]));
  expect(finished).toHaveLength(1);
  expect(provider.calls.filter((c) => c.aborted)).toHaveLength(provider.calls.length - 1);
  // Partial results are kept: the finished call in the trace and the usage, the input's output.
  expect(result.trace.map((c) => ({ nodeId: c.nodeId, response: c.response, cached: c.cached }))).toEqual([{ nodeId: "generate", response: `reply ${finished[0]}`, cached: false }]);
  expect(result.usage.calls).toBe(1);
  expect(Object.fromEntries(result.nodes.map((n) => [n.id, n.status]))).toEqual(CANCELLED_IN_GENERATE);
  const byId = Object.fromEntries(result.nodes.map((n) => [n.id, n]));
  expect(byId.input?.outputs).toEqual({ query: QUERY });
  expect(byId.generate?.calls).toBe(1);
  expect(byId.generate?.outputs).toBeUndefined();
  expect(byId.generate?.error?.code).toBe("cancelled");
  for (const id of ["rank", "fuse", "output"]) expect(byId[id]?.calls, id).toBe(0);
}

describe("cancellation", () => {
  it("issues no new call after the abort and ends run.cancelled with partial results", async () => {
    const outcome = await cancelAtFirstCompletion((_run, controller) => controller.abort(new Error("caller aborted")));
    expectCancelledKeepingTheCompletedCall(outcome, "caller aborted");
  });

  it("cancel() on the handle stops the run the same way", async () => {
    const outcome = await cancelAtFirstCompletion((run) => run.cancel("user pressed Cancel"));
    expectCancelledKeepingTheCompletedCall(outcome, "user pressed Cancel");
  });

  it("cancel() from a call.started listener: that call never reaches the provider", async () => {
    const { engine, provider } = fakeEngine({ latencyMs: 40 }, { maxConcurrency: 2 });
    const run = engine.start(engine.check(withParams(SAMPLE_RANK_FUSE, "generate", { samples: 10 })), QUERY);
    run.on("call.started", () => run.cancel("user pressed Cancel"));
    const result = await run.result;
    expect(result.status).toBe("cancelled");
    const last = run.events().at(-1);
    expect(last?.type === "run.cancelled" && last.reason).toBe("user pressed Cancel");
    expect(provider.calls).toEqual([]);
    expect(result.trace).toEqual([]);
    expect(result.usage.calls).toBe(0);
    expect(Object.fromEntries(result.nodes.map((n) => [n.id, n.status]))).toEqual(CANCELLED_IN_GENERATE);
    expect(result.nodes.find((n) => n.id === "input")?.outputs).toEqual({ query: QUERY });
  });

  it("a signal aborted before the start makes no call at all", async () => {
    const { engine, provider } = fakeEngine();
    const controller = new AbortController();
    controller.abort(new Error("aborted early"));
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), QUERY, { signal: controller.signal });
    const result = await run.result;
    expect(result.status).toBe("cancelled");
    expect(provider.calls).toHaveLength(0);
    expect(result.trace).toEqual([]);
    const last = run.events().at(-1);
    expect(last?.type === "run.cancelled" && last.reason).toBe("aborted early");
    expect(run.events().filter((e) => e.type === "call.started")).toEqual([]);
  });
});
