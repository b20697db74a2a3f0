/**
 * Reads one stored run back for `run.get`: the run store writes runs and their calls but has no
 * reader for a whole run, and reopening a past run needs its query and architecture too.
 */
import type { RunRecord } from "../api/outputs";
import type { RunResult } from "../api/run-types";
import type { SqliteDatabase } from "../store/database";
import type { RunStore } from "../store/run-store";

interface RunRow {
  id: string;
  name: string;
  status: RunRecord["summary"]["status"];
  query: string;
  architecture: string;
  started_at: number;
  ended_at: number | null;
  result: string | null;
}

/** The stored run with its full trace, or undefined when there is no such run. */
export function readStoredRun(db: SqliteDatabase, store: RunStore, runId: string, file: string | undefined): RunRecord | undefined {
  const row = db.prepare<[string], RunRow>("SELECT id, name, status, query, architecture, started_at, ended_at, result FROM runs WHERE id = ?").get(runId);
  if (!row) return undefined;
  const summary: RunRecord["summary"] = {
    runId: row.id,
    name: row.name,
    status: row.status,
    startedAt: row.started_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    ...(file === undefined ? {} : { file }),
  };
  const record: RunRecord = { summary, query: JSON.parse(row.query) as RunRecord["query"], architecture: JSON.parse(row.architecture) as Record<string, unknown> };
  if (row.result !== null) {
    // The store keeps the result without its trace (the calls live in run_calls): put it back.
    const lean = JSON.parse(row.result) as Omit<RunResult, "trace">;
    const result: RunResult = { ...lean, trace: store.callsOf(runId) };
    record.result = result;
  }
  return record;
}
