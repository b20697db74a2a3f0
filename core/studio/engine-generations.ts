/**
 * The studio's engine, kept current across models and keys changes. An engine and its provider
 * pool capture the model registry and the keys when they are made (the pool caches providers
 * with their key), so after a change a fresh generation is assembled over the same storage for
 * later runs (the cache stays warm); runs already going keep theirs, which is closed once its
 * last run ends.
 */
import type { ModelEntry } from "../api/schemas";
import type { Engine, RunHandle, RunOptions } from "../engine/executor";
import type { Query } from "../graph/ports";
import type { SecretStore } from "../providers/keys";
import type { LlamaCppOptions } from "../providers/llama-cpp";
import { ModelRegistry } from "../providers/models";
import type { ProviderPool } from "../providers/pool";
import { loadModelRegistry, userModelsPath, type LoadedRegistry } from "../providers/registry-file";
import type { Provider } from "../providers/types";
import { assembleEngine, type EngineStorage } from "../store/open-engine";
import type { CheckedArchitecture } from "../validation/validate";

export interface EngineGenerationsOptions {
  env: NodeJS.ProcessEnv;
  secrets: SecretStore;
  /** Shared by every generation: the database, run store and call cache. */
  storage: EngineStorage;
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

export class EngineGenerations {
  private current: Generation;
  private readonly closing: Promise<void>[] = [];

  constructor(private readonly options: EngineGenerationsOptions) {
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

  /** Starts a run on the current generation, which stays open until the run ends. */
  start(architecture: CheckedArchitecture, query: Query, options: RunOptions): RunHandle {
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
      loaded = { registry: new ModelRegistry(), sources: new Map(), listPriced: new Map(), userFile: userModelsPath(this.options.env) };
    }
    const { engine, pool } = assembleEngine(this.options.storage, {
      env: this.options.env,
      secrets: this.options.secrets,
      models: loaded.registry,
      ...(this.options.llamaCpp ? { llamaCpp: this.options.llamaCpp } : {}),
    });
    return { engine, pool, loaded, active: 0, retired: false };
  }

  private closeIfIdle(generation: Generation): void {
    if (generation.retired && generation.active === 0 && generation !== this.current) this.closing.push(generation.pool.close());
  }
}
