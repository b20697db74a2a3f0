import { describe, expect, it } from "vitest";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const SAMPLE_RANK_FUSE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");

describe("cancellation", () => {
  it("issues no new call after the abort and ends run.cancelled with partial results", async () => {
    // 12 samples, at most 4 at a time, 40 ms each: aborting after the first calls leaves many unissued.
    const { engine, provider } = fakeEngine({ latencyMs: 40 }, { maxConcurrency: 4 });
    const arch = withParams(SAMPLE_RANK_FUSE, "generate", { samples: 12 });
    const controller = new AbortController();
    const run = engine.start(arch, { text: "q" }, { signal: controller.signal });
    let abortedAt = Infinity;
    run.on("call.completed", () => {
      if (abortedAt === Infinity) {
        abortedAt = performance.now();
        controller.abort();
      }
    });
    const result = await run.result;
    expect(result.status).toBe("cancelled");
    expect(run.events().at(-1)?.type).toBe("run.cancelled");
    expect(provider.calls.length).toBeLessThan(12);
    expect(provider.calls.filter((c) => c.startedAt > abortedAt)).toEqual([]);
    // Calls in flight at the abort were aborted, not left running.
    expect(provider.calls.filter((c) => c.aborted).length).toBeGreaterThan(0);
    // Partial results are kept: the input node's output and the completed call.
    expect(result.trace.length).toBeGreaterThanOrEqual(1);
    expect(result.nodes.find((n) => n.id === "input")?.outputs).toBeDefined();
    expect(result.nodes.find((n) => n.id === "generate")?.status).toBe("cancelled");
    expect(result.nodes.find((n) => n.id === "fuse")?.status).toBe("cancelled");
  });

  it("cancel() on the handle stops the run the same way", async () => {
    const { engine, provider } = fakeEngine({ latencyMs: 40 }, { maxConcurrency: 2 });
    const run = engine.start(withParams(SAMPLE_RANK_FUSE, "generate", { samples: 10 }), { text: "q" });
    run.on("call.started", () => run.cancel("user pressed Cancel"));
    const result = await run.result;
    expect(result.status).toBe("cancelled");
    const last = run.events().at(-1);
    expect(last?.type === "run.cancelled" && last.reason).toBe("user pressed Cancel");
    expect(provider.calls.length).toBeLessThanOrEqual(2);
  });

  it("a signal aborted before the start makes no call at all", async () => {
    const { engine, provider } = fakeEngine();
    const controller = new AbortController();
    controller.abort();
    const result = await engine.start(SAMPLE_RANK_FUSE, { text: "q" }, { signal: controller.signal }).result;
    expect(result.status).toBe("cancelled");
    expect(provider.calls).toHaveLength(0);
  });
});
