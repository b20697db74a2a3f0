import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey, LayeredCallCache, MemoryCallCache } from "../../core/engine/cache";
import { openDatabase } from "../../core/store/database";
import { SqliteCallCache } from "../../core/store/sqlite-cache";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const SAMPLE_RANK_FUSE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("call cache", () => {
  const base = { provider: "p", endpoint: "e", model: "m", messages: [{ role: "user" as const, content: "hi" }], sampling: { temperature: 0.7, maxTokens: 10 }, sample: 0 };

  it("keys on everything that changes a completion, sample index and seed included", () => {
    const key = cacheKey(base);
    expect(cacheKey({ ...base })).toBe(key);
    expect(cacheKey({ ...base, sample: 1 })).not.toBe(key);
    expect(cacheKey({ ...base, sampling: { ...base.sampling, seed: 3 } })).not.toBe(key);
    expect(cacheKey({ ...base, sampling: { ...base.sampling, temperature: 0.8 } })).not.toBe(key);
    expect(cacheKey({ ...base, model: "m2" })).not.toBe(key);
    expect(cacheKey({ ...base, endpoint: "e2" })).not.toBe(key);
    expect(cacheKey({ ...base, messages: [{ role: "system", content: "hi" }] })).not.toBe(key);
  });

  it("a second run of the same architecture makes no calls and reports every call cached", async () => {
    const { engine, provider } = fakeEngine();
    const first = await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "Once upon a time" }).result;
    const second = await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "Once upon a time" }).result;
    expect(provider.calls).toHaveLength(7);
    expect(second.usage.calls).toBe(0);
    expect(second.usage.cachedCalls).toBe(7);
    expect(second.trace.every((c) => c.cached)).toBe(true);
    expect(second.answer).toEqual(first.answer);
    expect(second.nodes.filter((n) => n.calls + n.cachedCalls > 0).every((n) => n.status === "cached")).toBe(true);
  });

  it("changing only the fuse node's temperature reruns only the fuse node", async () => {
    const { engine, provider } = fakeEngine();
    await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "Once upon a time" }).result;
    const changed = withParams(SAMPLE_RANK_FUSE, "fuse", { temperature: 0.2 });
    const rerun = await engine.start(engine.check(changed), { text: "Once upon a time" }).result;
    const fresh = rerun.trace.filter((c) => !c.cached);
    expect(fresh.map((c) => c.nodeId)).toEqual(["fuse"]);
    expect(rerun.trace.filter((c) => c.cached).map((c) => c.nodeId).sort()).toEqual(["generate", "generate", "generate", "generate", "generate", "rank"]);
    expect(provider.calls).toHaveLength(8);
  });

  it("persists completed calls in SQLite, so another engine (another process) reuses them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itasca-cache-"));
    dirs.push(dir);
    const file = join(dir, "itasca.sqlite");
    const firstDb = openDatabase(file);
    const first = fakeEngine({}, { cache: new LayeredCallCache([new MemoryCallCache(), new SqliteCallCache(firstDb)]) });
    await first.engine.start(first.engine.check(SAMPLE_RANK_FUSE), { text: "q" }).result;
    firstDb.close();

    const secondDb = openDatabase(file);
    const second = fakeEngine({}, { cache: new LayeredCallCache([new MemoryCallCache(), new SqliteCallCache(secondDb)]) });
    const result = await second.engine.start(second.engine.check(SAMPLE_RANK_FUSE), { text: "q" }).result;
    secondDb.close();
    expect(second.provider.calls).toHaveLength(0);
    expect(result.usage.cachedCalls).toBe(7);
  });

  it("the layered cache warms its fast layer from the slow one", () => {
    const fast = new MemoryCallCache();
    const slow = new MemoryCallCache();
    const value = { text: "t", finishReason: "stop" as const, inputTokens: 1, outputTokens: 1, estimatedUsage: false };
    slow.set("k", value);
    const layered = new LayeredCallCache([fast, slow]);
    expect(layered.get("k")).toEqual(value);
    expect(fast.get("k")).toEqual(value);
  });
});
