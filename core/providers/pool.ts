/**
 * Creates and keeps the provider instances an engine uses, one per provider kind and endpoint.
 */
import type { ModelEntry } from "../api/schemas";
import { AnthropicProvider } from "./anthropic";
import { defaultKeyEnv, resolveApiKey, type SecretStore } from "./keys";
import { LlamaCppProvider, type LlamaCppOptions } from "./llama-cpp";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { parseReplayModel, replayFileOf, ReplayProvider } from "./replay";
import type { Provider, ProviderResolver } from "./types";

export interface ProviderPoolOptions {
  llamaCpp?: LlamaCppOptions;
  /** Where keys come from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The host's keychain, consulted after the environment. @default none */
  secrets?: SecretStore;
}

export class ProviderPool {
  private readonly providers = new Map<string, Provider>();

  constructor(private readonly options: ProviderPoolOptions = {}) {}

  /** The resolver an `Engine` takes. */
  readonly resolve: ProviderResolver = (entry: ModelEntry) => {
    // Replay serves one file per provider (its endpoint), so files never share cache entries.
    const key = entry.provider === "replay" ? `replay ${replayFileOf(entry.model)}` : `${entry.provider} ${entry.baseUrl ?? ""} ${defaultKeyEnv(entry) ?? ""}`;
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
      case "replay":
        return new ReplayProvider(parseReplayModel(entry.model).file);
      case "openai-compatible": {
        if (!entry.baseUrl) throw new Error(`model "${entry.id}": an openai-compatible entry needs a baseUrl, e.g. http://127.0.0.1:8000/v1`);
        const apiKey = resolveApiKey(entry, this.options.env, this.options.secrets);
        const keyEnv = defaultKeyEnv(entry);
        return new OpenAICompatibleProvider({ baseUrl: entry.baseUrl, ...(apiKey ? { apiKey } : {}), ...(keyEnv ? { keyEnv } : {}) });
      }
      case "anthropic": {
        const apiKey = resolveApiKey(entry, this.options.env, this.options.secrets);
        return new AnthropicProvider({ ...(entry.baseUrl ? { baseUrl: entry.baseUrl } : {}), ...(apiKey ? { apiKey } : {}), keyEnv: defaultKeyEnv(entry) ?? "ANTHROPIC_API_KEY" });
      }
    }
  }
}
