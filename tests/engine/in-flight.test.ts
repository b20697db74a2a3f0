/** Identical calls of concurrent runs are paid once: the second waits for the first and is answered from the cache. */
import { describe, expect, it } from "vitest";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import { ModelRegistry } from "../../core/providers/models";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { FakeProvider } from "../helpers/fake-provider";

function engineOn(provider: FakeProvider): Engine {
  const models = new ModelRegistry([{ id: "test/model", provider: "replay", model: "m", maxConcurrency: 8 }]);
  return new Engine({ providers: () => provider, models, cache: new MemoryCallCache(), partialIntervalMs: 100 });
}

const architecture = withParams(loadArchitecture("presets/architectures/single-call.itasca.json"), "generate", { model: "test/model", samples: 3, seed: 1 });

describe("calls in flight", () => {
  it("two runs of the same architecture at once pay for each sample once", async () => {
    const provider = new FakeProvider({ latencyMs: 80 });
    const engine = engineOn(provider);
    const checked = engine.check(architecture);
    const [a, b] = await Promise.all([engine.start(checked, { text: "q" }).result, engine.start(checked, { text: "q" }).result]);
    expect(provider.calls).toHaveLength(3);
    expect(a.usage.calls + b.usage.calls).toBe(3);
    expect(a.usage.cachedCalls + b.usage.cachedCalls).toBe(3);
    expect(b.answer?.text ?? b.nodes.find((n) => n.id === "generate")?.outputs).toBeDefined();
  });

  it("a waiting call makes its own request when the one it waited for failed", async () => {
    const provider = new FakeProvider({ latencyMs: 40, fail: (i) => (i === 0 ? new Error("boom") : undefined) });
    const engine = engineOn(provider);
    const checked = engine.check(withParams(architecture, "generate", { samples: 1 }));
    const [first, second] = await Promise.all([engine.start(checked, { text: "q" }).result, engine.start(checked, { text: "q" }).result]);
    expect(first.status).toBe("failed");
    expect(second.status).toBe("completed");
    expect(second.usage.calls).toBe(1);
    expect(provider.calls).toHaveLength(2);
  });

  it("a waiting run that is cancelled stops waiting", async () => {
    const provider = new FakeProvider({ latencyMs: 2000 });
    const engine = engineOn(provider);
    const checked = engine.check(withParams(architecture, "generate", { samples: 1 }));
    const slow = engine.start(checked, { text: "q" });
    const waiting = engine.start(checked, { text: "q" });
    setTimeout(() => waiting.cancel("enough"), 50);
    const started = Date.now();
    expect((await waiting.result).status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(1500);
    slow.cancel();
    await slow.result;
  });
});
