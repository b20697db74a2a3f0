import { describe, expect, it, vi } from "vitest";
import type { RunEvent } from "../../core/api/run-types";
import { ValidationFailedError } from "../../core/engine/executor";
import type { Candidate } from "../../core/graph/ports";
import { rankNode } from "../../core/nodes/rank";
import { loadArchitecture, withParams } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const SAMPLE_RANK_FUSE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");

describe("executor", () => {
  it("runs sample-rank-fuse: 5 samples, 1 rank call, 1 fuse call, answer from the output node", async () => {
    const { engine, provider } = fakeEngine({ reply: (_r, i) => (i < 5 ? `story ${i}` : i === 5 ? "[3] > [1] > [2] > [5] > [4]" : "fused story") });
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "Once upon a time" });
    const result = await run.result;
    expect(result.status).toBe("completed");
    expect(result.answer?.text).toBe("fused story");
    expect(provider.calls).toHaveLength(7);
    expect(result.usage.calls).toBe(7);
    expect(result.usage.cachedCalls).toBe(0);
    expect(result.trace).toHaveLength(7);
    const statuses = Object.fromEntries(result.nodes.map((n) => [n.id, n.status]));
    expect(statuses).toEqual({ input: "done", generate: "done", rank: "done", fuse: "done", output: "done" });
    // The rank prompt lists all 5 samples in sample order; the fuse prompt carries exactly the
    // ranked top 3 ("[3] > [1] > [2]" = story 2, story 0, story 1), in rank order, once each.
    const storiesIn = (call: number) => (provider.calls[call]?.request.messages.map((m) => m.content).join("\n") ?? "").match(/story \d/g);
    expect(storiesIn(5)).toEqual(["story 0", "story 1", "story 2", "story 3", "story 4"]);
    expect(storiesIn(6)).toEqual(["story 2", "story 0", "story 1"]);
  });

  it("draws the samples of a node concurrently", async () => {
    const { engine, provider } = fakeEngine({ latencyMs: 30 });
    await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" }).result;
    expect(provider.maxInFlight).toBe(5);
  });

  it("runs independent branches concurrently, concatenating their candidates in edge order", async () => {
    const arch = loadArchitecture("tests/fixtures/architectures/two-generators.itasca.json");
    // Every reply holds the same number, so the vote keeps all the candidates it received, in order.
    const { engine, provider } = fakeEngine({ latencyMs: 30, reply: (_r, i) => `reply ${i}: 42` });
    const result = await engine.start(engine.check(arch), { text: "q" }).result;
    expect(result.status).toBe("completed");
    // Both generators (2 samples each) were in flight together.
    expect(provider.maxInFlight).toBe(4);
    const vote = result.nodes.find((n) => n.id === "vote");
    expect(vote?.status).toBe("done");
    const received = (candidates: unknown) => (candidates as Candidate[]).map((c) => `${c.origin.node}#${c.origin.sample}`);
    // gen-a's edge into vote.candidates comes first in the file, so its 2 candidates come first.
    expect(received(vote?.outputs?.candidates)).toEqual(["gen-a#0", "gen-a#1", "gen-b#0", "gen-b#1"]);
    expect(vote?.outputs?.answer).toEqual({ text: "42", candidateId: "gen-a#0", votes: { "42": 4 } });

    // The same graph with its edges listed in reverse: gen-b's candidates come first.
    const reversed = { ...arch, edges: [...arch.edges].reverse() };
    const again = await fakeEngine({ reply: () => "42" }).engine.start(engine.check(reversed), { text: "q" }).result;
    expect(received(again.nodes.find((n) => n.id === "vote")?.outputs?.candidates)).toEqual(["gen-b#0", "gen-b#1", "gen-a#0", "gen-a#1"]);
  });

  it("emits the run's events in order, through on() and the async iterator alike", async () => {
    const { engine } = fakeEngine();
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" });
    const viaOn: string[] = [];
    run.on("*", (event) => viaOn.push(event.type));
    const viaIterator: RunEvent[] = [];
    for await (const event of run) viaIterator.push(event);
    expect(viaIterator.map((e) => e.type)).toEqual(viaOn);
    expect(viaOn[0]).toBe("run.started");
    expect(viaOn.at(-1)).toBe("run.completed");
    expect(viaOn.filter((t) => t === "call.completed")).toHaveLength(7);
    // Each node starts once, then completes once; the nodes run in pipeline order.
    const lifecycle = viaIterator.flatMap((e) => (e.type === "node.started" || e.type === "node.completed" ? [`${e.type} ${e.nodeId}`] : []));
    expect(lifecycle).toEqual(["input", "generate", "rank", "fuse", "output"].flatMap((id) => [`node.started ${id}`, `node.completed ${id}`]));
    // A node's calls fall between its start and its completion.
    for (const id of ["generate", "rank", "fuse"]) {
      const at = (type: string) => viaIterator.findIndex((e) => e.type === type && "nodeId" in e && e.nodeId === id);
      const calls = viaIterator.flatMap((e, i) => (e.type === "call.completed" && e.nodeId === id ? [i] : []));
      expect(calls.length, id).toBe(id === "generate" ? 5 : 1);
      expect(Math.min(...calls), id).toBeGreaterThan(at("node.started"));
      expect(Math.max(...calls), id).toBeLessThan(at("node.completed"));
    }
    // Every payload is plain data that survives structured cloning (IPC, workers, the web bridge).
    expect(() => structuredClone(viaIterator)).not.toThrow();
    expect(viaIterator.every((e) => e.runId === run.runId)).toBe(true);
  });

  it("streams partial text as node.partial events", async () => {
    const { engine } = fakeEngine({ reply: () => "partial text" });
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" });
    await run.result;
    const partials = run.events().filter((e) => e.type === "node.partial");
    expect(partials.length).toBeGreaterThan(0);
    expect(partials[0]).toMatchObject({ nodeId: "generate", text: "partial text" });
  });

  it("refuses an invalid architecture with its diagnostics", () => {
    const { engine } = fakeEngine();
    const broken = { ...SAMPLE_RANK_FUSE, edges: SAMPLE_RANK_FUSE.edges.filter((e) => e.to[0] !== "generate") };
    expect(() => engine.start(engine.check(broken), { text: "q" })).toThrow(ValidationFailedError);
    try {
      engine.start(engine.check(broken), { text: "q" });
    } catch (error) {
      expect((error as ValidationFailedError).diagnostics.map((d) => d.code)).toContain("required-input-unconnected");
    }
  });

  it("fails the run with the node named when a provider call fails, keeping what completed", async () => {
    const { engine } = fakeEngine({ fail: (i) => (i === 5 ? new Error("server exploded") : undefined) });
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" });
    const result = await run.result;
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain('node "rank"');
    expect(result.error?.message).toContain("server exploded");
    const byId = Object.fromEntries(result.nodes.map((n) => [n.id, n]));
    expect(byId.generate?.status).toBe("done");
    expect(byId.generate?.outputs?.candidates).toHaveLength(5);
    expect(byId.rank?.status).toBe("failed");
    expect(byId.fuse?.status).toBe("skipped");
    expect(run.events().at(-1)?.type).toBe("run.failed");
  });

  it("accounts usage and dollars per call, per node and per run", async () => {
    const { engine } = fakeEngine({ reply: () => "abcd" });
    const arch = withParams(withParams(withParams(SAMPLE_RANK_FUSE, "generate", { model: "fake/model" }), "rank", { model: "fake/model" }), "fuse", { model: "fake/model" });
    const result = await engine.start(engine.check(arch), { text: "q" }).result;
    const perCall = result.trace.map((c) => c.inputTokens * 1e-6 + c.outputTokens * 2e-6);
    expect(result.usage.costUsd).toBeCloseTo(perCall.reduce((a, b) => a + b, 0), 12);
    expect(result.usage.outputTokens).toBe(7 * 4);
    const nodeSum = result.nodes.reduce((sum, n) => sum + n.usage.inputTokens, 0);
    expect(nodeSum).toBe(result.usage.inputTokens);
  });
});

describe("node failures", () => {
  it("name the node even when node code throws a bare error", async () => {
    const { engine } = fakeEngine();
    const spy = vi.spyOn(rankNode, "run").mockRejectedValue(new TypeError("boom"));
    try {
      const result = await engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" }).result;
      expect(result.status).toBe("failed");
      expect(result.error).toMatchObject({ nodeId: "rank", message: 'node "rank" (rank): boom' });
    } finally {
      spy.mockRestore();
    }
  });
});
