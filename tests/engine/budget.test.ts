import { describe, expect, it } from "vitest";
import { BudgetTracker } from "../../core/engine/budget";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const SAMPLE_RANK_FUSE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");

describe("budgets", () => {
  it("stops before the 4th call of a 7-call architecture with maxCalls 3, keeping what it has", async () => {
    const { engine, provider } = fakeEngine({ latencyMs: 5 });
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" }, { budget: { maxCalls: 3 } });
    const result = await run.result;
    expect(provider.calls).toHaveLength(3);
    expect(result.status).toBe("budget-exceeded");
    const exceeded = run.events().filter((e) => e.type === "budget.exceeded");
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]).toMatchObject({ nodeId: "generate", limit: "calls", max: 3 });
    // The three completed calls are kept in the trace and in the usage.
    expect(result.trace).toHaveLength(3);
    expect(result.usage.calls).toBe(3);
    const byId = Object.fromEntries(result.nodes.map((n) => [n.id, n.status]));
    expect(byId).toMatchObject({ input: "done", generate: "budget-stopped", rank: "skipped", fuse: "skipped" });
    expect(run.events().at(-1)?.type).toBe("run.failed");
  });

  it("cached calls are free: a warm rerun fits a budget the cold run did not", async () => {
    const { engine, provider } = fakeEngine();
    await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" }).result;
    const warm = await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" }, { budget: { maxCalls: 0 } }).result;
    expect(warm.status).toBe("completed");
    expect(provider.calls).toHaveLength(7);
  });

  it("stops on dollars once the spend reaches the cap", async () => {
    const { engine, provider } = fakeEngine({ reply: () => "x".repeat(1000) });
    const arch = withParams(withParams(SAMPLE_RANK_FUSE, "generate", { model: "fake/model", samples: 1 }), "rank", { model: "fake/model" });
    // One call costs about $0.002 (1000 output tokens at $2/M): a $0.001 cap allows the first call only.
    const result = await engine.start(engine.check(arch), { text: "q" }, { budget: { maxUsd: 0.001 } }).result;
    expect(result.status).toBe("budget-exceeded");
    expect(provider.calls).toHaveLength(1);
  });

  it("the tracker reserves in-flight calls and settles them", () => {
    const tracker = new BudgetTracker({ maxCalls: 2, maxOutputTokens: 100 });
    const call = { calls: 1, inputTokens: 10, outputTokens: 50, usd: 0 };
    expect(tracker.reserve(call)).toBeUndefined();
    expect(tracker.reserve(call)).toBeUndefined();
    expect(tracker.reserve(call)?.limit).toBe("calls");
    tracker.release(call);
    expect(tracker.reserve(call)).toBeUndefined();
    tracker.commit(call, { calls: 1, inputTokens: 10, outputTokens: 100, usd: 0 });
    expect(tracker.used.outputTokens).toBe(100);
    tracker.commit(call, { calls: 1, inputTokens: 10, outputTokens: 20, usd: 0 });
    expect(tracker.reserve(call)?.limit).toBe("calls");
  });
});
