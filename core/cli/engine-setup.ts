/**
 * The engine as the CLI uses it: SQLite call cache and run store under the data dir, the
 * provider pool, and the model registry.
 */
import { LayeredCallCache, MemoryCallCache } from "../engine/cache";
import { Engine } from "../engine/executor";
import { ModelRegistry } from "../providers/models";
import { ProviderPool } from "../providers/pool";
import { openDefaultDatabase } from "../store/database";
import { RunStore } from "../store/run-store";
import { SqliteCallCache } from "../store/sqlite-cache";

export interface CliEngine {
  engine: Engine;
  store: RunStore;
  close(): Promise<void>;
}

export function openCliEngine(env: NodeJS.ProcessEnv, models = new ModelRegistry()): CliEngine {
  const db = openDefaultDatabase(env);
  const pool = new ProviderPool({ env });
  const store = new RunStore(db);
  const engine = new Engine({
    providers: pool.resolve,
    models,
    cache: new LayeredCallCache([new MemoryCallCache(), new SqliteCallCache(db)]),
    recorder: store,
  });
  return {
    engine,
    store,
    close: async () => {
      await pool.close();
      db.close();
    },
  };
}
