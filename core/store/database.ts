/**
 * The SQLite database (better-sqlite3) under the data dir: call cache, runs and their calls.
 * Schema changes are numbered migrations applied in order, recorded in `user_version`.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { ensureDataDir } from "../paths/data-dir";

export type SqliteDatabase = Database.Database;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE call_cache (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     query TEXT NOT NULL,
     architecture TEXT NOT NULL,
     status TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     ended_at INTEGER,
     result TEXT
   );
   CREATE TABLE run_calls (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     call_id TEXT NOT NULL,
     node_id TEXT NOT NULL,
     record TEXT NOT NULL,
     PRIMARY KEY (run_id, call_id)
   );
   CREATE INDEX runs_started ON runs(started_at);`,
  // Batch evaluations (core/eval/run): one row per evaluation with everything needed to
  // reproduce it, one row per completed item, written the moment the item completes.
  `CREATE TABLE evals (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     architecture_name TEXT NOT NULL,
     file TEXT,
     architecture TEXT NOT NULL,
     architecture_hash TEXT NOT NULL,
     models TEXT NOT NULL,
     dataset TEXT NOT NULL,
     dataset_format TEXT NOT NULL,
     dataset_hash TEXT NOT NULL,
     split TEXT NOT NULL,
     seed INTEGER NOT NULL,
     item_limit INTEGER,
     item_ids TEXT NOT NULL,
     scorer TEXT NOT NULL,
     settings TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     ended_at INTEGER,
     stop_reason TEXT
   );
   CREATE TABLE eval_items (
     eval_id TEXT NOT NULL REFERENCES evals(id) ON DELETE CASCADE,
     item_id TEXT NOT NULL,
     idx INTEGER NOT NULL,
     record TEXT NOT NULL,
     PRIMARY KEY (eval_id, item_id)
   );
   CREATE INDEX evals_started ON evals(started_at);
   CREATE INDEX evals_file ON evals(file);`,
  // Architecture searches (core/search/run): one row per search with what reproduces it (the
  // space file's text and hash, the dataset's hash, seed, algorithm, settings), one row per
  // trial, written the moment the trial ends (status 'running' while its evaluation runs, so a
  // resume continues that evaluation instead of starting it again).
  `CREATE TABLE searches (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     space_file TEXT NOT NULL,
     space TEXT NOT NULL,
     space_hash TEXT NOT NULL,
     dataset TEXT NOT NULL,
     dataset_hash TEXT NOT NULL,
     split TEXT NOT NULL,
     algorithm TEXT NOT NULL,
     seed INTEGER NOT NULL,
     settings TEXT NOT NULL,
     elapsed_ms INTEGER NOT NULL DEFAULT 0,
     started_at INTEGER NOT NULL,
     ended_at INTEGER,
     stop_reason TEXT
   );
   CREATE TABLE trials (
     search_id TEXT NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     status TEXT NOT NULL,
     config TEXT NOT NULL,
     fidelity INTEGER NOT NULL,
     score REAL,
     eval_id TEXT,
     estimate TEXT,
     spent_usd REAL NOT NULL DEFAULT 0,
     record TEXT,
     PRIMARY KEY (search_id, idx)
   );
   CREATE INDEX searches_started ON searches(started_at);`,
];

export const DATABASE_FILE = "itasca.sqlite";

/** Opens (creating and migrating as needed) the database at `file`, or `:memory:`. */
export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Several processes (CLI runs, the studio) may share one file.
  db.pragma("busy_timeout = 5000");
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database ${file} has schema version ${current}, newer than this Itasca (${MIGRATIONS.length}); upgrade Itasca or set ITASCA_HOME to another directory`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return db;
}

/** Opens the database in the data directory. */
export function openDefaultDatabase(env: NodeJS.ProcessEnv = process.env): SqliteDatabase {
  return openDatabase(join(ensureDataDir(env), DATABASE_FILE));
}
