/**
 * The one place an engine is assembled: the SQLite database under the data dir (call cache,
 * runs and their traces), the layered call cache, the provider pool and the `Engine`. The CLI
 * uses {@link openEngine}; the studio keeps one {@link EngineStorage} and assembles a fresh
 * engine over it after each models or keys change ({@link assembleEngine}); batch evaluation
 * and search open theirs the same way.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LayeredCallCache, MemoryCallCache, type CallCache } from "../engine/cache";
import { Engine, type EngineOptions } from "../engine/executor";
import { dataDir } from "../paths/data-dir";
import type { SecretStore } from "../providers/keys";
import type { LlamaCppOptions } from "../providers/llama-cpp";
import type { ModelRegistry } from "../providers/models";
import { ProviderPool } from "../providers/pool";
import { DATABASE_FILE, openDatabase, type SqliteDatabase } from "./database";
import { RunStore } from "./run-store";
import { SqliteCallCache } from "./sqlite-cache";

/** What outlives one engine: the database, the run store and the call cache on top of it. */
export interface EngineStorage {
  /** The data dir the database lives in. */
  home: string;
  db: SqliteDatabase;
  store: RunStore;
  /** An in-memory layer over the SQLite cache: a hit in this process never touches the disk. */
  cache: CallCache;
  close(): void;
}

/** Opens (creating and migrating as needed) `itasca.sqlite` in `home`. */
export function openEngineStorage(home: string): EngineStorage {
  mkdirSync(home, { recursive: true });
  const db = openDatabase(join(home, DATABASE_FILE));
  return { home, db, store: new RunStore(db), cache: new LayeredCallCache([new MemoryCallCache(), new SqliteCallCache(db)]), close: () => db.close() };
}

export interface AssembleEngineOptions {
  /** Environment: provider keys (the environment wins over `secrets`). */
  env: NodeJS.ProcessEnv;
  /** The model registry runs resolve ids against. */
  models: ModelRegistry;
  /** Keys the user stored in the host (keychain or secrets.json). @default none */
  secrets?: SecretStore;
  /** Options of the embedded llama.cpp provider. @default the provider's defaults (ITASCA_LLAMA_THREADS, else cores - 1) */
  llamaCpp?: LlamaCppOptions;
  /** Engine options beyond providers, models, cache and recorder (concurrency, retries, ...). @default the engine's defaults */
  engine?: Omit<EngineOptions, "providers" | "models" | "cache" | "recorder">;
}

/** An engine and the provider pool it resolves models with (the pool holds sockets and loaded models). */
export interface AssembledEngine {
  engine: Engine;
  pool: ProviderPool;
}

/** An engine over `storage`: its calls go through the storage's cache and its runs into its run store. */
export function assembleEngine(storage: EngineStorage, options: AssembleEngineOptions): AssembledEngine {
  const pool = new ProviderPool({ env: options.env, ...(options.secrets ? { secrets: options.secrets } : {}), ...(options.llamaCpp ? { llamaCpp: options.llamaCpp } : {}) });
  const engine = new Engine({ ...options.engine, providers: pool.resolve, models: options.models, cache: storage.cache, recorder: storage.store });
  return { engine, pool };
}

export interface OpenEngineOptions extends AssembleEngineOptions {
  /** The data dir. @default `ITASCA_HOME` from `env`, else the OS user data directory */
  home?: string;
}

export interface OpenedEngine extends AssembledEngine, Omit<EngineStorage, "close"> {
  /** Closes the providers (models, sockets), then the database. */
  close(): Promise<void>;
}

/** Storage and an engine over it, for one process's lifetime (a CLI command, a batch evaluation). */
export function openEngine(options: OpenEngineOptions): OpenedEngine {
  const storage = openEngineStorage(options.home ?? dataDir(options.env));
  const { engine, pool } = assembleEngine(storage, options);
  return {
    ...storage,
    engine,
    pool,
    close: async () => {
      await pool.close();
      storage.close();
    },
  };
}
