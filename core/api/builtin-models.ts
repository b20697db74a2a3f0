/**
 * The built-in model registry entries: a fresh install runs the embedded `local/stories260k`
 * with no server, no key and no download, plus the recorded replay models. Plain data, so the
 * in-memory designer host serves the same list the engine's registry starts from.
 */
import type { ModelEntry } from "./schemas";

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
