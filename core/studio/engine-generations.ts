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
import type { CodeSandbox } from "../nodes/sandbox-types";
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
  /** The sandbox the engine's nodes execute code in (executed unit tests, program verification). @default none */
  sandbox?: CodeSandbox;
}

/** An engine held for a batch of runs (an evaluation): its generation stays open until `release`. */
export interface EngineLease {
  engine: Engine;
  /** Lets the generation close once nothing else holds it; calling it again does nothing. */
  release(): void;
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
    const lease = this.lease();
    try {
      const handle = lease.engine.start(architecture, query, options);
      void handle.result.finally(lease.release);
      return handle;
    } catch (error) {
      lease.release();
      throw error;
    }
  }

  /**
   * Holds the current generation for runs started later (an evaluation starts one run per item):
   * a models or keys change meanwhile does not close the providers under it.
   */
  lease(): EngineLease {
    const generation = this.current;
    generation.active++;
    let released = false;
    return {
      engine: generation.engine,
      release: () => {
        if (released) return;
        released = true;
        generation.active--;
        this.closeIfIdle(generation);
      },
    };
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
      ...(this.options.sandbox ? { engine: { sandbox: this.options.sandbox } } : {}),
    });
    return { engine, pool, loaded, active: 0, retired: false };
  }

  private closeIfIdle(generation: Generation): void {
    if (generation.retired && generation.active === 0 && generation !== this.current) this.closing.push(generation.pool.close());
  }
}
