/**
 * Searches and their trials in SQLite. A trial row is written the moment the trial ends (and
 * marked `running`, with its evaluation's id, while it runs), so a killed search loses nothing
 * it finished and `--resume` continues the evaluation that was in flight. The report is always
 * computed from the stored trials, never stored beside them.
 */
import type { DatasetFormat, EvalSplit } from "../../api/eval-types";
import type { SearchAlgorithmName, SearchConfig, SearchStatus, TrialRecord } from "../../api/search-types";
import type { SqliteDatabase } from "../../store/database";
import type { FieldMapping } from "../../eval/datasets";
import type { PerQueryLimits, TotalLimits } from "./budget";

/** Everything besides the space and dataset that decides what a search does. */
export interface SearchSettings {
  /** Trials the algorithm may suggest (`--trials`). */
  maxTrials: number;
  /** Trials run at once, and the batch size suggestions are asked in (fixed for a search: it decides the suggestions). */
  concurrency: number;
  /** Items of each trial's evaluation in flight at once. */
  evalConcurrency: number;
  /** Items at full fidelity: the first `items` of the split (after `--limit`). */
  items: number;
  limit?: number;
  splitSeed: number;
  devFraction: number;
  format?: DatasetFormat;
  mapping?: FieldMapping;
  scorer?: string;
  minFidelity?: number;
  eta?: number;
  perQuery: PerQueryLimits;
  /** May be raised on a resume (a search a total budget stopped continues with a bigger one). */
  total: TotalLimits;
  /** Tokens of a query assumed by the estimator (the items' mean length). */
  queryTokens: number;
}

export interface SearchRow {
  id: string;
  status: SearchStatus;
  /** The space file's absolute path. */
  spaceFile: string;
  /** Its text and SHA-256 when the search started. */
  space: string;
  spaceHash: string;
  /** A preset name, or the dataset file's absolute path. */
  dataset: string;
  datasetHash: string;
  split: EvalSplit;
  algorithm: SearchAlgorithmName;
  seed: number;
  settings: SearchSettings;
  /** Wall time of the sessions before this one (a resume adds its own). */
  elapsedMs: number;
  startedAt: number;
  endedAt?: number;
  stopReason?: string;
}

/** A stored trial: a finished one's record, or the evaluation an unfinished one was running. */
export type StoredTrial = { status: "done"; record: TrialRecord } | { status: "running"; index: number; config: SearchConfig; fidelity: number; evalId: string };

interface SqlSearch {
  id: string;
  status: SearchStatus;
  space_file: string;
  space: string;
  space_hash: string;
  dataset: string;
  dataset_hash: string;
  split: EvalSplit;
  algorithm: SearchAlgorithmName;
  seed: number;
  settings: string;
  elapsed_ms: number;
  started_at: number;
  ended_at: number | null;
  stop_reason: string | null;
}

interface SqlTrial {
  idx: number;
  status: string;
  config: string;
  fidelity: number;
  eval_id: string | null;
  record: string | null;
}

function fromSql(row: SqlSearch): SearchRow {
  return {
    id: row.id,
    status: row.status,
    spaceFile: row.space_file,
    space: row.space,
    spaceHash: row.space_hash,
    dataset: row.dataset,
    datasetHash: row.dataset_hash,
    split: row.split,
    algorithm: row.algorithm,
    seed: row.seed,
    settings: JSON.parse(row.settings) as SearchSettings,
    elapsedMs: row.elapsed_ms,
    startedAt: row.started_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    ...(row.stop_reason === null ? {} : { stopReason: row.stop_reason }),
  };
}

function trialFromSql(row: SqlTrial): StoredTrial {
  if (row.status === "running" || row.record === null) {
    return { status: "running", index: row.idx, config: JSON.parse(row.config) as SearchConfig, fidelity: row.fidelity, evalId: row.eval_id ?? "" };
  }
  return { status: "done", record: JSON.parse(row.record) as TrialRecord };
}

/** One row of `itasca search list`. */
export interface SearchSummary {
  searchId: string;
  status: SearchStatus;
  spaceFile: string;
  dataset: string;
  split: EvalSplit;
  algorithm: SearchAlgorithmName;
  seed: number;
  trials: number;
  startedAt: number;
}

export class SearchStore {
  private readonly insertSearch;
  private readonly updateStatus;
  private readonly updateSettings;
  private readonly updateElapsed;
  private readonly upsertTrial;
  private readonly selectSearch;
  private readonly selectTrials;

  constructor(private readonly db: SqliteDatabase) {
    this.insertSearch = db.prepare(
      `INSERT INTO searches (id, status, space_file, space, space_hash, dataset, dataset_hash, split, algorithm, seed, settings, elapsed_ms, started_at)
       VALUES (@id, @status, @spaceFile, @space, @spaceHash, @dataset, @datasetHash, @split, @algorithm, @seed, @settings, @elapsedMs, @startedAt)`,
    );
    this.updateStatus = db.prepare("UPDATE searches SET status = ?, ended_at = ?, stop_reason = ? WHERE id = ?");
    this.updateSettings = db.prepare("UPDATE searches SET settings = ? WHERE id = ?");
    this.updateElapsed = db.prepare("UPDATE searches SET elapsed_ms = ? WHERE id = ?");
    this.upsertTrial = db.prepare(
      `INSERT OR REPLACE INTO trials (search_id, idx, status, config, fidelity, score, eval_id, estimate, spent_usd, record)
       VALUES (@searchId, @index, @status, @config, @fidelity, @score, @evalId, @estimate, @spentUsd, @record)`,
    );
    this.selectSearch = db.prepare<[string], SqlSearch>("SELECT * FROM searches WHERE id = ?");
    this.selectTrials = db.prepare<[string], SqlTrial>("SELECT idx, status, config, fidelity, eval_id, record FROM trials WHERE search_id = ? ORDER BY idx");
  }

  create(row: SearchRow): void {
    this.insertSearch.run({ ...row, settings: JSON.stringify(row.settings) });
  }

  /** Marks the search running again (a resume) or finished. */
  setStatus(searchId: string, status: SearchStatus, stopReason?: string): void {
    this.updateStatus.run(status, status === "running" ? null : Date.now(), stopReason ?? null, searchId);
  }

  setSettings(searchId: string, settings: SearchSettings): void {
    this.updateSettings.run(JSON.stringify(settings), searchId);
  }

  setElapsed(searchId: string, elapsedMs: number): void {
    this.updateElapsed.run(Math.round(elapsedMs), searchId);
  }

  /** Records that a trial's evaluation started, so a resume continues it. */
  trialStarted(searchId: string, index: number, config: SearchConfig, fidelity: number, evalId: string): void {
    this.upsertTrial.run({ searchId, index, status: "running", config: JSON.stringify(config), fidelity, score: null, evalId, estimate: null, spentUsd: 0, record: null });
  }

  /** Persists a finished trial (its own implicit transaction: durable before the next one starts). */
  writeTrial(record: TrialRecord): void {
    this.upsertTrial.run({
      searchId: record.searchId,
      index: record.index,
      status: record.status,
      config: JSON.stringify(record.config),
      fidelity: record.fidelity,
      score: record.score ?? null,
      evalId: record.evalId ?? null,
      estimate: JSON.stringify(record.estimate),
      spentUsd: record.spentUsd,
      record: JSON.stringify(record),
    });
  }

  row(searchId: string): SearchRow | undefined {
    const row = this.selectSearch.get(searchId);
    return row === undefined ? undefined : fromSql(row);
  }

  /** Every stored trial by index: finished ones and the ones whose evaluation was in flight. */
  stored(searchId: string): Map<number, StoredTrial> {
    return new Map(this.selectTrials.all(searchId).map((row) => [row.idx, trialFromSql(row)] as const));
  }

  /** The finished trials, in suggestion order. */
  trials(searchId: string): TrialRecord[] {
    return [...this.stored(searchId).values()].flatMap((t) => (t.status === "done" ? [t.record] : []));
  }

  /** Searches newest first. */
  list(limit = 100): SearchSummary[] {
    const rows = this.db.prepare<[number], SqlSearch>("SELECT * FROM searches ORDER BY started_at DESC LIMIT ?").all(limit);
    const count = this.db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM trials WHERE search_id = ? AND status != 'running'");
    return rows.map((sql) => {
      const row = fromSql(sql);
      return {
        searchId: row.id,
        status: row.status,
        spaceFile: row.spaceFile,
        dataset: row.dataset,
        split: row.split,
        algorithm: row.algorithm,
        seed: row.seed,
        trials: count.get(row.id)?.n ?? 0,
        startedAt: row.startedAt,
      };
    });
  }
}
