/**
 * The studio's engine and provider pool. Both capture the model registry and the keys when
 * they are made (the pool caches providers with their key), so after a models or keys change
 * a fresh generation is built for later runs; runs already going keep theirs, which is closed
 * once its last run ends.
 */
import type { CallCache } from "../engine/cache";
import { Engine, type RunHandle, type RunOptions, type RunRecorder } from "../engine/executor";
import type { Architecture } from "../graph/schema";
import type { Query } from "../graph/ports";
import type { SecretStore } from "../providers/keys";
import type { LlamaCppOptions } from "../providers/llama-cpp";
import { ModelRegistry, type ModelEntry } from "../providers/models";
import { ProviderPool } from "../providers/pool";
import { loadModelRegistry, userModelsPath, type LoadedRegistry } from "../providers/registry-file";
import type { Provider } from "../providers/types";

export interface EngineHostOptions {
  env: NodeJS.ProcessEnv;
  secrets: SecretStore;
  /** Shared by every generation, so a rebuild keeps the cache warm. */
  cache: CallCache;
  recorder: RunRecorder;
  /** Options of the embedded llama.cpp provider. @default the provider's defaults (ITASCA_LLAMA_THREADS, else cores - 1) */
  llamaCpp?: LlamaCppOptions;
}

interface Generation {
  engine: Engine;
  pool: ProviderPool;
  loaded: LoadedRegistry;
  active: number;
  retired: boolean;
}

export class EngineHost {
  private current: Generation;
  private readonly closing: Promise<void>[] = [];

  constructor(private readonly options: EngineHostOptions) {
    this.current = this.build();
  }

  get engine(): Engine {
    return this.current.engine;
  }

  /** The registry runs use: built-in entries, then the user's models.json. */
  get registry(): LoadedRegistry {
    return this.current.loaded;
  }

  /** Re-reads models.json and takes new keys into account for every later run. */
  reload(): void {
    const old = this.current;
    this.current = this.build();
    old.retired = true;
    this.closeIfIdle(old);
  }

  start(architecture: Architecture, query: Query, options: RunOptions): RunHandle {
    const generation = this.current;
    const handle = generation.engine.start(architecture, query, options);
    generation.active++;
    void handle.result.finally(() => {
      generation.active--;
      this.closeIfIdle(generation);
    });
    return handle;
  }

  /** A provider for a model entry from the current pool (for `models.test`). */
  provider(entry: ModelEntry): Provider {
    return this.current.pool.resolve(entry);
  }

  async close(): Promise<void> {
    this.current.retired = true;
    await this.current.pool.close();
    await Promise.all(this.closing);
  }

  private build(): Generation {
    let loaded: LoadedRegistry;
    try {
      loaded = loadModelRegistry({ env: this.options.env });
    } catch {
      // A broken models.json must not keep the studio from starting; models.save reports it.
      loaded = { registry: new ModelRegistry(), sources: new Map(), userFile: userModelsPath(this.options.env) };
    }
    const pool = new ProviderPool({ env: this.options.env, secrets: this.options.secrets, ...(this.options.llamaCpp ? { llamaCpp: this.options.llamaCpp } : {}) });
    const engine = new Engine({ providers: pool.resolve, models: loaded.registry, cache: this.options.cache, recorder: this.options.recorder });
    return { engine, pool, loaded, active: 0, retired: false };
  }

  private closeIfIdle(generation: Generation): void {
    if (generation.retired && generation.active === 0 && generation !== this.current) this.closing.push(generation.pool.close());
  }
}
