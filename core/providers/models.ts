/**
 * The model registry: ids used in architecture files mapped to a provider and its settings.
 * A fresh install has one entry, the embedded `local/stories260k`, so it runs with no server,
 * no key and no download.
 */
import { BUILTIN_MODELS } from "../api/builtin-models";
import type { ModelEntry, ProviderKind } from "../api/schemas";

/** Default concurrency per provider kind when an entry does not say. */
const DEFAULT_CONCURRENCY: Record<ProviderKind, number> = { "llama-cpp": 4, "openai-compatible": 8, anthropic: 4, replay: 64 };

export function concurrencyOf(entry: ModelEntry): number {
  return entry.maxConcurrency ?? DEFAULT_CONCURRENCY[entry.provider];
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
