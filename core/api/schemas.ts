/**
 * Argument schemas shared by several channels. Strict objects: an unknown key is a mistake
 * worth reporting, not something to drop silently.
 */
import { z } from "zod";

/** An architecture document; the host validates it in full and reports diagnostics. */
export const ArchitectureInputSchema = z.looseObject({});

/** A file path as the user typed or picked it; the host resolves and checks it. */
export const PathInputSchema = z.string().min(1).max(4096).refine((p) => !p.includes("\0"), "path contains a NUL character");

/** A key's name is the environment variable it stands for, e.g. `OPENAI_API_KEY`. */
export const KeyNameSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,127}$/, "expected an environment-variable name such as OPENAI_API_KEY");

export const RunIdSchema = z.string().min(1).max(200);
/** An evaluation id as the host hands it out. */
export const EvalIdSchema = z.string().min(1).max(200);

export const PROVIDER_KINDS = ["llama-cpp", "openai-compatible", "anthropic", "replay"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * A model registry entry: `models.json`, `itasca.models.json`, the built-in entries and the
 * models channels all use this one schema.
 */
export const ModelEntrySchema = z.strictObject({
  id: z.string().min(1),
  provider: z.enum(PROVIDER_KINDS),
  /** Provider-side model: a model name for HTTP APIs, a GGUF path for llama-cpp (relative paths resolve against the Itasca install). */
  model: z.string().min(1),
  baseUrl: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
  priceInPerMTok: z.number().nonnegative().optional(),
  priceOutPerMTok: z.number().nonnegative().optional(),
  maxConcurrency: z.number().int().positive().optional(),
  rpm: z.number().positive().optional(),
  tpm: z.number().positive().optional(),
  keyEnv: z.string().optional(),
  /** Per-attempt timeout of one call, in milliseconds. */
  timeoutMs: z.number().int().positive().optional(),
  /** Retries after a rate limit, server error, timeout or dropped connection. */
  maxRetries: z.number().int().nonnegative().optional(),
  /** llama-cpp only: CPU threads. Always explicit, since node-llama-cpp's default is far too many on small machines. */
  threads: z.number().int().positive().optional(),
  // Latency, for the cost estimator's critical path (core/cost/latency.ts). Measured figures win
  // over the roofline estimate that `paramsB` + `hardware` give, which wins over the provider's default.
  /** Measured time to the first token of a short prompt, in ms (`itasca models test`'s first token). */
  ttftMs: z.number().nonnegative().optional(),
  /** Measured decode speed of one request, output tokens per second. */
  decodeTokensPerSecond: z.number().positive().optional(),
  /** Parameters in billions (e.g. 8 for an 8B model): the weights the roofline estimate reads per token. */
  paramsB: z.number().positive().optional(),
  /** Bits stored per weight: 16 for fp16/bf16, 8 for Q8_0, about 4.5 for Q4_K_M. @default 16 */
  bitsPerWeight: z.number().positive().max(32).optional(),
  /** The accelerator a local model runs on, for the roofline estimate. @default a modest CPU for llama-cpp (core/cost/latency.ts), none otherwise */
  hardware: z
    .strictObject({
      /** Memory bandwidth in GB/s (e.g. 1008 for an RTX 4090, 3350 for an H100 SXM, about 20-100 for a CPU). */
      memoryBandwidthGBps: z.number().positive(),
      /** Peak dense FLOP/s in teraFLOP/s at the weights' precision (e.g. 165 for an RTX 4090 in fp16). */
      peakTflops: z.number().positive(),
    })
    .optional(),
});

export type ModelEntry = z.infer<typeof ModelEntrySchema>;

/** Channels that take no arguments accept `{}` (or nothing at all). */
export const NoArgsSchema = z.strictObject({}).optional();

/** What a native file dialog is for, which sets its title and file filter. @default "architecture" */
export const DialogPurposeSchema = z.enum(["architecture", "archon"]);
export type DialogPurpose = z.infer<typeof DialogPurposeSchema>;
