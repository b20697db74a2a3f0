/**
 * The model registry: ids used in architecture files mapped to a provider and its settings.
 * A fresh install has one entry, the embedded `local/stories260k`, so it runs with no server,
 * no key and no download.
 */
import { ModelEntryInputSchema, PROVIDER_KIND_VALUES } from "../api/schemas";
import type { z } from "zod";

export const PROVIDER_KINDS = PROVIDER_KIND_VALUES;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The entry schema, defined once in the renderer-safe host contract. */
export const ModelEntrySchema = ModelEntryInputSchema;

export type ModelEntry = z.infer<typeof ModelEntrySchema>;

/** The embedded default model shipped in presets/models (MIT, see presets/models/README.md). */
export const DEFAULT_MODEL_ID = "local/stories260k";

/** A built-in replay model: recorded generations cost nothing to serve. */
function replayEntry(id: string, model: string): ModelEntry {
  return { id, provider: "replay", model, priceInPerMTok: 0, priceOutPerMTok: 0, maxConcurrency: 64 };
}

export const BUILTIN_MODELS: readonly ModelEntry[] = [
  {
    id: DEFAULT_MODEL_ID,
    provider: "llama-cpp",
    model: "presets/models/stories260K.gguf",
    contextLength: 2048,
    priceInPerMTok: 0,
    priceOutPerMTok: 0,
    maxConcurrency: 4,
  },
  // Recorded real generations served by the replay provider: zero cost, deterministic
  // (presets/replay/README.md: format, licences, how to regenerate the slices).
  replayEntry("replay/gpt-4-game24-cot", "presets/replay/game24-gpt4-cot.jsonl"),
  // One file, four systems: `#<system>` picks the recorded model (the keys GSM8K's file uses).
  replayEntry("replay/gsm8k-6b-finetuning", "presets/replay/gsm8k-solutions.jsonl#6b_finetuning"),
  replayEntry("replay/gsm8k-6b-verification", "presets/replay/gsm8k-solutions.jsonl#6b_verification"),
  replayEntry("replay/gsm8k-175b-finetuning", "presets/replay/gsm8k-solutions.jsonl#175b_finetuning"),
  replayEntry("replay/gsm8k-175b-verification", "presets/replay/gsm8k-solutions.jsonl#175b_verification"),
];

/** Default concurrency per provider kind when an entry does not say. */
const DEFAULT_CONCURRENCY: Record<ProviderKind, number> = { "llama-cpp": 4, "openai-compatible": 8, anthropic: 4, replay: 64 };

export function concurrencyOf(entry: ModelEntry): number {
  return entry.maxConcurrency ?? DEFAULT_CONCURRENCY[entry.provider];
}

export function callCostUsd(entry: ModelEntry, inputTokens: number, outputTokens: number): number {
  return ((entry.priceInPerMTok ?? 0) * inputTokens + (entry.priceOutPerMTok ?? 0) * outputTokens) / 1_000_000;
}

export class ModelRegistry {
  private readonly entries = new Map<string, ModelEntry>();

  constructor(entries: readonly ModelEntry[] = BUILTIN_MODELS) {
    for (const entry of entries) this.entries.set(entry.id, entry);
  }

  /** Adds or replaces entries; later layers (user, project) override earlier ones. */
  withEntries(entries: readonly ModelEntry[]): ModelRegistry {
    return new ModelRegistry([...this.entries.values(), ...entries]);
  }

  get(id: string): ModelEntry | undefined {
    return this.entries.get(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  list(): ModelEntry[] {
    return [...this.entries.values()];
  }
}
