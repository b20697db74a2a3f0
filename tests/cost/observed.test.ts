/**
 * Observed averages (core/cost/observed.ts): what earlier runs measured, as ratios to what each
 * node's estimate expected given what actually reached it, so they carry over to other params.
 * The runs here are real engine runs on a provider double that counts one token per character
 * (four times the estimator's chars / 4), with a program verifier that passes every other sample.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../core/api/run-types";
import { estimateArchitecture, estimateNodes } from "../../core/cost/estimate";
import { expectedOutputPerCall, observeRuns, type ObservedCallStats, type ObservedRun } from "../../core/cost/observed";
import type { Architecture } from "../../core/graph/schema";
import { fakeEngine } from "../helpers/fake-engine";
import { loadArchitecture, withParams } from "../helpers/architectures";

const VERIFY = loadArchitecture("tests/cost/fixtures/verify-then-fuse.itasca.json");
const QUERY = { text: "4 5 6 10" };
const RIGHT = "Steps: 10 - 4 = 6, 6 * 5 = 30, 30 - 6 = 24\nAnswer: (10 - 4) * 5 - 6 = 24";
const WRONG = "Steps: 4 + 5 = 9, 9 + 6 = 15, 15 + 10 = 25\nAnswer: 4 + 5 + 6 + 10 = 24";

/** Runs the architecture on the double: even samples are right, odd ones wrong, the fuser writes a fixed line. */
async function run(architecture: Architecture): Promise<{ result: RunResult; observed: ObservedRun }> {
  const { engine } = fakeEngine({ reply: (request) => (request.messages.at(-1)?.content.includes("[1]") ? "Answer: (10 - 4) * 5 - 6 = 24" : (request.sampleIndex ?? 0) % 2 === 0 ? RIGHT : WRONG) });
  const result = await engine.start(engine.check(architecture), QUERY).result;
  expect(result.status).toBe("completed");
  return { result, observed: { architecture, query: QUERY, nodes: result.nodes, calls: result.trace } };
}

const countOf = (result: RunResult, nodeId: string) => {
  const out = result.nodes.find((n) => n.id === nodeId)?.outputs?.["candidates"];
  return Array.isArray(out) ? out.length : NaN;
};

function measured(result: RunResult) {
  return { calls: result.trace.length, inputTokens: result.trace.reduce((s, c) => s + c.inputTokens, 0), outputTokens: result.trace.reduce((s, c) => s + c.outputTokens, 0) };
}

describe("observeRuns", () => {
  it("keeps a verifier's pass rate, a tokenizer's ratio and the mean output per (node type, model)", async () => {
    const { result, observed } = await run(VERIFY);
    expect(countOf(result, "verify")).toBe(2);
    const usage = observeRuns([observed]);
    expect(usage.runs).toBe(1);
    expect(usage.outputs.find((o) => o.nodeType === "verify")).toMatchObject({ port: "candidates", nodeRuns: 1, itemRatio: 0.5 });
    expect(usage.outputs.find((o) => o.nodeType === "generate")).toMatchObject({ model: "fake/model", itemRatio: 1 });
    const generate = usage.calls.find((c) => c.nodeType === "generate");
    expect(generate).toMatchObject({ model: "fake/model", calls: 4, callRatio: 1, lengthShare: 0, meanOutputTokens: (RIGHT.length + WRONG.length) / 2 });
    // The double counts a token per character, the estimator about one per four: the fuser's
    // prompt (template, query, candidates) is about 4 times its estimate. (The generator's prompt
    // is the query alone, while its estimate also counts the template's placeholders.)
    const fuse = usage.calls.find((c) => c.nodeType === "fuse");
    expect(fuse?.inputTokenRatio).toBeGreaterThan(3.5);
    expect(fuse?.inputTokenRatio).toBeLessThan(4.5);
    expect(generate?.inputTokenRatio).toBeGreaterThan(0);
    // A verifier in program mode calls no model, so it has no call figures.
    expect(usage.calls.map((c) => c.nodeType).sort()).toEqual(["fuse", "generate"]);
  });

  it("carries them to other params: observed on 4 samples, the estimate of 8 matches a run of 8", async () => {
    const first = await run(VERIFY);
    const observed = observeRuns([first.observed]);
    const eight = withParams(VERIFY, "generate", { samples: 8 });
    const blind = estimateArchitecture(eight, null, { queryTokens: 2 });
    const informed = estimateArchitecture(eight, null, { queryTokens: 2, observed });
    const { result } = await run(eight);
    const actual = measured(result);

    expect(estimateNodes(eight, { observed }).get("verify")?.outputCounts).toEqual({ candidates: 4 });
    expect(countOf(result, "verify")).toBe(4);
    // Calls are exact either way; tokens within 3% with the observations (the prompts are
    // rendered the same way, only the query differs), while without them input is a quarter of
    // the double's count and output is every call's max_tokens.
    expect(informed.calls).toBe(actual.calls);
    expect(blind.calls).toBe(actual.calls);
    expect(Math.abs(informed.inputTokens / actual.inputTokens - 1)).toBeLessThan(0.03);
    expect(Math.abs(informed.outputTokens / actual.outputTokens - 1)).toBeLessThan(0.03);
    expect(Math.abs(blind.inputTokens / actual.inputTokens - 1)).toBeGreaterThan(0.5);
    expect(blind.outputTokens).toBe(8 * 256 + 32);
    expect(informed.outputTokensMax).toBe(blind.outputTokens);
  });

  it("compares wall times with the latency model, given the registry, and scales later estimates by the ratio", async () => {
    const registry = [{ id: "fake/model", provider: "openai-compatible" as const, ttftMs: 1, decodeTokensPerSecond: 10_000, maxConcurrency: 64 }];
    const { engine } = fakeEngine({ latencyMs: 60, reply: (request) => ((request.sampleIndex ?? 0) % 2 === 0 ? RIGHT : WRONG) });
    const result = await engine.start(engine.check(VERIFY), QUERY).result;
    const observed = observeRuns([{ architecture: VERIFY, query: QUERY, nodes: result.nodes, calls: result.trace }], { models: registry });
    const generate = observed.calls.find((c) => c.nodeType === "generate");
    const measuredMs = result.nodes.find((n) => n.id === "generate")?.ms ?? NaN;
    expect(generate?.observedMs).toBe(measuredMs);
    expect(generate?.predictedMs).toBeGreaterThan(0);
    expect(generate?.predictedMs).toBeLessThan(measuredMs / 2);
    const informed = estimateArchitecture(VERIFY, registry, { queryTokens: 2, observed });
    expect(Math.abs((informed.nodes.get("generate")?.latencyMs ?? NaN) / measuredMs - 1)).toBeLessThan(0.2);
    // Without the registry nothing is timed, so nothing is scaled.
    expect(observeRuns([{ architecture: VERIFY, query: QUERY, nodes: result.nodes, calls: result.trace }]).calls.every((c) => c.observedMs === undefined)).toBe(true);
  });

  it("skips nodes that did not finish and node types it does not know", async () => {
    const { observed } = await run(VERIFY);
    const partial = observeRuns([{ ...observed, nodes: observed.nodes.filter((n) => n.id !== "fuse"), architecture: { ...observed.architecture, nodes: [...observed.architecture.nodes, { id: "x", type: "no-such-node", params: {}, position: { x: 0, y: 0 } }] } }]);
    expect(partial.calls.map((c) => c.nodeType)).toEqual(["generate"]);
  });
});

describe("expectedOutputPerCall", () => {
  const stats = (lengthShare: number, meanStoppedOutputTokens?: number): ObservedCallStats => ({
    nodeType: "generate",
    model: "m",
    nodeRuns: 1,
    calls: 10,
    callRatio: 1,
    lengthShare,
    meanOutputTokens: 0,
    ...(meanStoppedOutputTokens === undefined ? {} : { meanStoppedOutputTokens }),
  });

  it("is max_tokens for the calls the ceiling cut off, and the observed mean (capped by the ceiling) for the rest", () => {
    expect(expectedOutputPerCall(undefined, 256)).toBe(256);
    expect(expectedOutputPerCall(stats(1), 64)).toBe(64);
    expect(expectedOutputPerCall(stats(0, 40), 256)).toBe(40);
    expect(expectedOutputPerCall(stats(0.5, 40), 100)).toBe(70);
    // A lowered ceiling caps what used to stop later.
    expect(expectedOutputPerCall(stats(0, 40), 16)).toBe(16);
  });
});
