/** The latency model (core/cost/latency.ts) and its composition along the DAG (core/cost/critical-path.ts). */
import { describe, expect, it } from "vitest";
import type { ModelEntry } from "../../core/api/schemas";
import { PROVIDER_KINDS } from "../../core/api/schemas";
import { criticalPath } from "../../core/cost/critical-path";
import { estimateArchitecture } from "../../core/cost/estimate";
import {
  DEFAULT_CPU_HARDWARE,
  DEFAULT_LATENCY,
  DEFAULT_MODEL_CONCURRENCY,
  callLatencyMs,
  latencyFromTestReport,
  latencyProfile,
  nodeLatencyMs,
  roofline,
} from "../../core/cost/latency";
import { concurrencyOf } from "../../core/providers/models";
import { loadArchitecture } from "../helpers/architectures";

const RTX_4090 = { memoryBandwidthGBps: 1008, peakTflops: 165 };
const SAMPLE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");
const BRANCHES = loadArchitecture("tests/cost/fixtures/two-branches.itasca.json");

describe("latencyProfile", () => {
  it("decodes at memory bandwidth / weight bytes and prefills at peak FLOP/s / (2 x params) on the roofline", () => {
    // An 8B model at 4.5 bits per weight (Q4_K_M) on an RTX 4090: 4.5 GB read per output token.
    const roof = roofline(8, 4.5, RTX_4090);
    expect(roof.decodeTokensPerSecond).toBeCloseTo(1008e9 / 4.5e9, 6);
    expect(roof.prefillTokensPerSecond).toBeCloseTo(165e12 / 16e9, 6);
    expect(roof.ttftMs).toBeCloseTo((4.5e9 / 1008e9) * 1000, 6);
    const profile = latencyProfile({ provider: "openai-compatible", paramsB: 8, bitsPerWeight: 4.5, hardware: RTX_4090 });
    expect(profile).toMatchObject({ decodeTokensPerSecond: roof.decodeTokensPerSecond, sources: { ttft: "roofline", prefill: "roofline", decode: "roofline" } });
    // 1000 prompt tokens and 100 output tokens: about 4.5 + 97 + 446 ms.
    expect(callLatencyMs(profile, 1000, 100)).toBeCloseTo(roof.ttftMs + (1000 / roof.prefillTokensPerSecond) * 1000 + (100 / roof.decodeTokensPerSecond) * 1000, 6);
  });

  it("prefers measured figures, field by field, over the roofline and the roofline over the provider's default", () => {
    const measured = latencyProfile({ provider: "llama-cpp", paramsB: 8, ttftMs: 250, decodeTokensPerSecond: 30 });
    expect(measured).toMatchObject({ ttftMs: 250, decodeTokensPerSecond: 30, sources: { ttft: "measured", prefill: "roofline", decode: "measured" } });
    // llama-cpp without hardware: the default CPU, fp16 weights.
    expect(measured.prefillTokensPerSecond).toBeCloseTo(roofline(8, 16, DEFAULT_CPU_HARDWARE).prefillTokensPerSecond, 6);
    // A hosted model of known size but unknown hardware gets no roofline.
    expect(latencyProfile({ provider: "anthropic", paramsB: 70 })).toMatchObject({ ...DEFAULT_LATENCY.anthropic, sources: { ttft: "default", decode: "default" } });
    expect(latencyProfile({ provider: "anthropic", paramsB: 70 }, { hardware: RTX_4090 }).sources.decode).toBe("roofline");
    expect(latencyProfile(undefined)).toMatchObject(DEFAULT_LATENCY["openai-compatible"]);
  });

  it("gives replay no model time, however many tokens", () => {
    const replay = latencyProfile({ provider: "replay" });
    expect(callLatencyMs(replay, 100_000, 100_000)).toBe(0);
    expect(replay.sources.decode).toBe("replay");
  });

  it("runs a node's calls in waves of its model's concurrency, capped by the engine's", () => {
    const profile = latencyProfile({ provider: "openai-compatible", maxConcurrency: 4, ttftMs: 100, decodeTokensPerSecond: 50 });
    const one = callLatencyMs(profile, 0, 50);
    expect(one).toBeCloseTo(100 + (0 / profile.prefillTokensPerSecond) * 1000 + 1000, 6);
    expect(nodeLatencyMs(profile, 4, 0, 50)).toBeCloseTo(one, 6);
    expect(nodeLatencyMs(profile, 5, 0, 50)).toBeCloseTo(2 * one, 6);
    expect(nodeLatencyMs(profile, 0, 0, 50)).toBe(0);
    // An expected 0.5 calls (an observed pass rate) takes half a call on average.
    expect(nodeLatencyMs(profile, 0.5, 0, 50)).toBeCloseTo(one / 2, 6);
    expect(latencyProfile({ provider: "replay" }, { maxConcurrency: 16 }).concurrency).toBe(16);
  });

  it("uses the providers' own default concurrency (a copy, since core/cost sits below core/providers)", () => {
    for (const provider of PROVIDER_KINDS) {
      const entry: ModelEntry = { id: "x", provider, model: "m" };
      expect(DEFAULT_MODEL_CONCURRENCY[provider]).toBe(concurrencyOf(entry));
    }
  });

  it("reads a models test report: first token, then the rest of the tokens over the rest of the time", () => {
    expect(latencyFromTestReport({ latencyMs: 1100, firstTokenMs: 100, outputTokens: 51 })).toEqual({ ttftMs: 100, decodeTokensPerSecond: 50 });
    expect(latencyFromTestReport({ latencyMs: 500, firstTokenMs: null, outputTokens: 10 })).toEqual({});
  });
});

describe("critical path", () => {
  it("takes the slower of two parallel branches, and starts a node when its last input is ready", () => {
    const models = [
      { id: "test/fast", provider: "openai-compatible" as const, maxConcurrency: 8, ttftMs: 0, decodeTokensPerSecond: 100 },
      { id: "test/slow", provider: "openai-compatible" as const, maxConcurrency: 2, ttftMs: 0, decodeTokensPerSecond: 100 },
    ];
    const cost = estimateArchitecture(BRANCHES, models, { queryTokens: 0 });
    const fast = cost.nodes.get("fast");
    const slow = cost.nodes.get("slow");
    const fuse = cost.nodes.get("fuse");
    if (fast === undefined || slow === undefined || fuse === undefined) throw new Error("missing estimates");
    // 6 samples at 2 at a time: 3 waves of one call; 2 samples at 8 at a time: one wave.
    expect(slow.latencyMs / fast.latencyMs).toBeCloseTo(3, 1);
    expect(fuse.startMs).toBeCloseTo(slow.finishMs, 6);
    expect(cost.criticalPath).toEqual(["input", "slow", "fuse", "output"]);
    expect(cost.latencyMs).toBeCloseTo(slow.latencyMs + fuse.latencyMs, 6);
  });

  it("is the sum of a chain's nodes, and zero for nodes without calls", () => {
    const cost = estimateArchitecture(SAMPLE, [{ id: "local/stories260k", provider: "llama-cpp", ttftMs: 10, decodeTokensPerSecond: 500 }]);
    const own = ["generate", "rank", "fuse"].map((id) => cost.nodes.get(id)?.latencyMs ?? NaN);
    expect(cost.latencyMs).toBeCloseTo(own.reduce((a, b) => a + b, 0), 6);
    expect(cost.nodes.get("input")?.latencyMs).toBe(0);
    expect(cost.criticalPath).toEqual(["input", "generate", "rank", "fuse", "output"]);
    expect(criticalPath([], [], new Map())).toEqual({ latencyMs: 0, path: [], times: new Map() });
  });
});
