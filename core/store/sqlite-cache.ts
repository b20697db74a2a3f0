/**
 * The persistent layer of the call cache. Writes are synchronous, so a completed call is on
 * disk before the node that asked for it sees the result.
 */
import type { CachedCompletion, CallCache } from "../engine/cache";
import type { SqliteDatabase } from "./database";

export class SqliteCallCache implements CallCache {
  private readonly select;
  private readonly insert;

  constructor(db: SqliteDatabase) {
    this.select = db.prepare<[string], { value: string }>("SELECT value FROM call_cache WHERE key = ?");
    this.insert = db.prepare("INSERT OR REPLACE INTO call_cache (key, value, created_at) VALUES (?, ?, ?)");
  }

  get(key: string): CachedCompletion | undefined {
    const row = this.select.get(key);
    return row ? (JSON.parse(row.value) as CachedCompletion) : undefined;
  }

  set(key: string, value: CachedCompletion): void {
    this.insert.run(key, JSON.stringify(value), Date.now());
  }
}
