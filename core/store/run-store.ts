/**
 * Runs and their call traces in SQLite. Each call is written as it completes, so a crash
 * loses nothing already computed; the run row is finished when the run ends.
 */
import type { CallRecord, RunResult, RunStatus } from "../api/run-types";
import type { RunRecorder } from "../engine/executor";
import type { SqliteDatabase } from "./database";

export interface StoredRunSummary {
  id: string;
  name: string;
  status: RunStatus | "running";
  startedAt: number;
  endedAt?: number;
}

export class RunStore implements RunRecorder {
  private readonly insertRun;
  private readonly insertCall;
  private readonly finishRun;

  constructor(private readonly db: SqliteDatabase) {
    this.insertRun = db.prepare("INSERT INTO runs (id, name, query, architecture, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)");
    this.insertCall = db.prepare("INSERT OR REPLACE INTO run_calls (run_id, call_id, node_id, record) VALUES (?, ?, ?, ?)");
    this.finishRun = db.prepare("UPDATE runs SET status = ?, ended_at = ?, result = ? WHERE id = ?");
  }

  runStarted(run: Parameters<RunRecorder["runStarted"]>[0]): void {
    this.insertRun.run(run.runId, run.name, JSON.stringify(run.query), JSON.stringify(run.architecture), run.startedAt);
  }

  callCompleted(runId: string, call: CallRecord): void {
    this.insertCall.run(runId, call.id, call.nodeId, JSON.stringify(call));
  }

  runEnded(result: RunResult): void {
    // The trace already lives in run_calls; keep the result row lean.
    const { trace: _trace, ...lean } = result;
    this.finishRun.run(result.status, result.startedAt + result.ms, JSON.stringify(lean), result.runId);
  }

  /** The most recent runs, newest first; `skip` leaves runs out (read lazily, so skipped runs cost no limit). */
  listRuns(limit = 20, skip?: (runId: string) => boolean): StoredRunSummary[] {
    const rows = this.db.prepare<[], { id: string; name: string; status: StoredRunSummary["status"]; started_at: number; ended_at: number | null }>("SELECT id, name, status, started_at, ended_at FROM runs ORDER BY started_at DESC, rowid DESC");
    const runs: StoredRunSummary[] = [];
    for (const r of rows.iterate()) {
      if (runs.length >= limit) break;
      if (skip?.(r.id) === true) continue;
      runs.push({ id: r.id, name: r.name, status: r.status, startedAt: r.started_at, ...(r.ended_at === null ? {} : { endedAt: r.ended_at }) });
    }
    return runs;
  }

  /** The calls of a run in completion order. */
  callsOf(runId: string): CallRecord[] {
    return this.db
      .prepare<[string], { record: string }>("SELECT record FROM run_calls WHERE run_id = ? ORDER BY rowid")
      .all(runId)
      .map((row) => JSON.parse(row.record) as CallRecord);
  }
}
