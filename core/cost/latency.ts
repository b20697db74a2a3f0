/**
 * The per-model latency model of the estimator: one call takes
 *
 *     time to first token + prompt tokens / prefill speed + output tokens / decode speed
 *
 * and the calls of one node run concurrently, in waves of the model's concurrency. Where the
 * figures come from, first match wins, field by field:
 *
 * 1. **measured**: the registry entry's `ttftMs` and `decodeTokensPerSecond` (e.g. from
 *    `itasca models test`, see {@link latencyFromTestReport});
 * 2. **roofline**, for a model whose size is known (`paramsB`, `bitsPerWeight`) on known
 *    hardware (the entry's `hardware`, else the assumptions', else {@link DEFAULT_CPU_HARDWARE}
 *    for the embedded llama-cpp provider). Decoding is memory bound: each output token reads
 *    every weight once, so decode tokens/s ≈ memory bandwidth / weight bytes. Prefill is
 *    compute bound: ≈ 2 × params × prompt tokens / peak FLOP/s, and never less than one read
 *    of the weights (the time to first token of an empty prompt). A roofline is a ceiling on
 *    speed (real kernels reach about 50-80% of it, and a tiny model is bound by per-token
 *    overheads instead), so its latencies are lower bounds;
 * 3. the provider's **default** ({@link DEFAULT_LATENCY}): typical figures, documented there;
 * 4. **replay** serves recorded text: no model time at all.
 *
 * When earlier runs were observed with the registry at hand (./observed.ts), the estimator
 * scales each node's modelled time by their measured / modelled ratio for its (node type,
 * model), else for its model: that folds in what this model leaves out.
 *
 * Not modelled: queueing behind other nodes on the same model, rate limits (rpm/tpm), retries,
 * the one-request `n` sampling of openai-compatible servers, and time spent in the code sandbox.
 * Renderer-safe: plain arithmetic over registry entries.
 */
import type { ModelEntry, ProviderKind } from "../api/schemas";
import type { ModelTestReport } from "../api/outputs";

/** The registry fields the latency model reads (every one optional). */
export type LatencyFields = Partial<Pick<ModelEntry, "provider" | "maxConcurrency" | "ttftMs" | "decodeTokensPerSecond" | "paramsB" | "bitsPerWeight" | "hardware">>;

/** An accelerator as the roofline sees it. */
export type Hardware = NonNullable<ModelEntry["hardware"]>;

/** Where a latency figure came from. */
export type LatencySource = "measured" | "roofline" | "default" | "replay";

/** What one model's calls are assumed to take. Speeds may be `Infinity` (replay). */
export interface LatencyProfile {
  /** Fixed time before the first token, in ms (network, scheduling, an empty prompt's prefill). */
  ttftMs: number;
  /** Prompt tokens per second on top of {@link ttftMs}. */
  prefillTokensPerSecond: number;
  /** Output tokens per second of one request. */
  decodeTokensPerSecond: number;
  /** Calls of one node in flight at once: the model's `maxConcurrency`, capped by the engine's. */
  concurrency: number;
  /** Where each figure came from. */
  sources: { ttft: LatencySource; prefill: LatencySource; decode: LatencySource };
}

/** What the latency model assumes beyond the registry. */
export interface LatencyAssumptions {
  /** Hardware of local models whose entry names none. @default {@link DEFAULT_CPU_HARDWARE} for llama-cpp, none for other providers */
  hardware?: Hardware;
  /** The engine's global concurrency limit (core/engine/executor.ts). @default 16 */
  maxConcurrency?: number;
}

/**
 * Per-provider defaults where nothing is measured and no roofline applies. Typical figures, to
 * rank architectures rather than to promise a wall time: a hosted API answers in a few hundred
 * ms and decodes about 60 tokens/s per request; the embedded llama-cpp provider is assumed to
 * run a 7-8B model quantised to 4 bits on a laptop CPU (about 150 prompt and 15 output tokens/s);
 * replay has no model.
 */
export const DEFAULT_LATENCY: Readonly<Record<ProviderKind, { ttftMs: number; prefillTokensPerSecond: number; decodeTokensPerSecond: number }>> = {
  "openai-compatible": { ttftMs: 300, prefillTokensPerSecond: 5000, decodeTokensPerSecond: 60 },
  anthropic: { ttftMs: 600, prefillTokensPerSecond: 5000, decodeTokensPerSecond: 60 },
  "llama-cpp": { ttftMs: 100, prefillTokensPerSecond: 150, decodeTokensPerSecond: 15 },
  replay: { ttftMs: 0, prefillTokensPerSecond: Infinity, decodeTokensPerSecond: Infinity },
};

/** The provider a model without a known entry is assumed to use. @default "openai-compatible" */
const UNKNOWN_PROVIDER: ProviderKind = "openai-compatible";

/**
 * Concurrency per provider kind when an entry does not say. Mirrors core/providers/models.ts
 * (a higher layer, so it cannot be imported here; a test keeps the two equal).
 */
export const DEFAULT_MODEL_CONCURRENCY: Readonly<Record<ProviderKind, number>> = { "llama-cpp": 4, "openai-compatible": 8, anthropic: 4, replay: 64 };

/** The engine's global concurrency limit. @default 16 (core/engine/executor.ts) */
export const DEFAULT_ENGINE_CONCURRENCY = 16;

/**
 * The hardware assumed for the embedded llama-cpp provider when its entry names none: a
 * two-channel DDR4/DDR5 desktop CPU (about 40 GB/s, 1 TFLOP/s with SIMD on all cores).
 */
export const DEFAULT_CPU_HARDWARE: Hardware = { memoryBandwidthGBps: 40, peakTflops: 1 };

/** Bits per weight when an entry gives parameters but not the precision: fp16/bf16. @default 16 */
export const DEFAULT_BITS_PER_WEIGHT = 16;

/** Roofline speeds of a model of `paramsB` billion parameters at `bitsPerWeight` on `hardware`. */
export function roofline(paramsB: number, bitsPerWeight: number, hardware: Hardware): { ttftMs: number; prefillTokensPerSecond: number; decodeTokensPerSecond: number } {
  const params = paramsB * 1e9;
  const weightBytes = (params * bitsPerWeight) / 8;
  const bandwidth = hardware.memoryBandwidthGBps * 1e9;
  return {
    // One read of the weights: the least a forward pass can take.
    ttftMs: (weightBytes / bandwidth) * 1000,
    prefillTokensPerSecond: (hardware.peakTflops * 1e12) / (2 * params),
    decodeTokensPerSecond: bandwidth / weightBytes,
  };
}

/**
 * The latency profile of one model (undefined: a model the registry does not have, priced as an
 * unknown openai-compatible one).
 */
export function latencyProfile(model: LatencyFields | undefined, assumptions: LatencyAssumptions = {}): LatencyProfile {
  const provider = model?.provider ?? UNKNOWN_PROVIDER;
  const engineLimit = assumptions.maxConcurrency ?? DEFAULT_ENGINE_CONCURRENCY;
  const concurrency = Math.max(1, Math.min(model?.maxConcurrency ?? DEFAULT_MODEL_CONCURRENCY[provider], engineLimit));
  if (provider === "replay") {
    return { ...DEFAULT_LATENCY.replay, concurrency, sources: { ttft: "replay", prefill: "replay", decode: "replay" } };
  }
  const fallback = DEFAULT_LATENCY[provider];
  const hardware = model?.hardware ?? assumptions.hardware ?? (provider === "llama-cpp" ? DEFAULT_CPU_HARDWARE : undefined);
  const roof = model?.paramsB !== undefined && hardware !== undefined ? roofline(model.paramsB, model.bitsPerWeight ?? DEFAULT_BITS_PER_WEIGHT, hardware) : undefined;
  const base: { ttftMs: number; prefillTokensPerSecond: number; decodeTokensPerSecond: number } = roof ?? fallback;
  const baseSource: LatencySource = roof === undefined ? "default" : "roofline";
  return {
    ttftMs: model?.ttftMs ?? base.ttftMs,
    prefillTokensPerSecond: base.prefillTokensPerSecond,
    decodeTokensPerSecond: model?.decodeTokensPerSecond ?? base.decodeTokensPerSecond,
    concurrency,
    sources: {
      ttft: model?.ttftMs === undefined ? baseSource : "measured",
      prefill: baseSource,
      decode: model?.decodeTokensPerSecond === undefined ? baseSource : "measured",
    },
  };
}

/** Milliseconds of one call with `promptTokens` in and `outputTokens` out. */
export function callLatencyMs(profile: LatencyProfile, promptTokens: number, outputTokens: number): number {
  return profile.ttftMs + (promptTokens / profile.prefillTokensPerSecond) * 1000 + (outputTokens / profile.decodeTokensPerSecond) * 1000;
}

/**
 * Milliseconds of a node's `calls` calls, run concurrently in waves of the profile's
 * concurrency. Expected call counts may be fractional (observed pass rates): below one call
 * the time scales with the count, above it whole waves are counted.
 */
export function nodeLatencyMs(profile: LatencyProfile, calls: number, promptTokensPerCall: number, outputTokensPerCall: number): number {
  if (calls <= 0) return 0;
  const waves = calls < 1 ? calls : Math.ceil(calls / profile.concurrency - 1e-9);
  return waves * callLatencyMs(profile, promptTokensPerCall, outputTokensPerCall);
}

/**
 * The measured fields a `models test` report gives an entry: its first-token time, and the
 * decode speed of the tokens after it (null when nothing streamed or too few tokens came back).
 */
export function latencyFromTestReport(report: Pick<ModelTestReport, "latencyMs" | "firstTokenMs" | "outputTokens">): Pick<ModelEntry, "ttftMs" | "decodeTokensPerSecond"> {
  const measured: Pick<ModelEntry, "ttftMs" | "decodeTokensPerSecond"> = {};
  if (report.firstTokenMs === null) return measured;
  measured.ttftMs = report.firstTokenMs;
  const decodeMs = report.latencyMs - report.firstTokenMs;
  if (report.outputTokens > 1 && decodeMs > 0) measured.decodeTokensPerSecond = Math.round(((report.outputTokens - 1) / decodeMs) * 1000 * 10) / 10;
  return measured;
}
