/**
 * Creates and keeps the provider instances an engine uses, one per provider kind and endpoint.
 */
import type { ProviderResolver } from "../engine/call-runner";
import { LlamaCppProvider, type LlamaCppOptions } from "./llama-cpp";
import type { ModelEntry } from "./models";
import type { Provider } from "./types";

export interface ProviderPoolOptions {
  llamaCpp?: LlamaCppOptions;
}

export class ProviderPool {
  private readonly providers = new Map<string, Provider>();

  constructor(private readonly options: ProviderPoolOptions = {}) {}

  /** The resolver an `Engine` takes. */
  readonly resolve: ProviderResolver = (entry: ModelEntry) => {
    const key = `${entry.provider} ${entry.baseUrl ?? ""}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = this.create(entry);
      this.providers.set(key, provider);
    }
    return provider;
  };

  async close(): Promise<void> {
    await Promise.all([...this.providers.values()].map((p) => p.close?.()));
    this.providers.clear();
  }

  private create(entry: ModelEntry): Provider {
    switch (entry.provider) {
      case "llama-cpp":
        return new LlamaCppProvider(this.options.llamaCpp);
      default:
        throw new Error(`model "${entry.id}": the ${entry.provider} provider is not available in this build; use a llama-cpp model such as local/stories260k`);
    }
  }
}
