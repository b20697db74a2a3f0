/**
 * Evaluations and their items in SQLite. An item is written the moment it completes, so a
 * killed evaluation loses nothing it finished and `--resume` skips it; the report is always
 * computed from the stored items, never stored beside them.
 */
import type { DatasetFormat, EvalItemRecord, EvalReport, EvalSplit, EvalStatus, EvalSummary } from "../../api/eval-types";
import type { Budget } from "../../api/run-types";
import type { ModelEntry } from "../../api/schemas";
import type { SqliteDatabase } from "../../store/database";
import type { FieldMapping } from "../datasets/types";
import { buildReport } from "./report";

/** Settings that do not change what is measured, kept so a resume behaves like the original. */
export interface EvalSettings {
  concurrency: number;
  maxUsd?: number;
  /** The per-query limits of every item's run. */
  budget?: Budget;
  devFraction: number;
  /** The dataset's field mapping, as given. */
  mapping?: FieldMapping;
  /** The scorer's options (e.g. the judge model), as given. */
  scorerOptions?: Record<string, unknown>;
}

/** Everything needed to reproduce an evaluation's numbers. */
export interface EvalRow {
  id: string;
  status: EvalStatus;
  architectureName: string;
  file?: string;
  /** The canonical text of the architecture (graph/serialize) and its SHA-256. */
  architecture: string;
  architectureHash: string;
  /** The registry entries of the models the architecture uses, as they were. */
  models: ModelEntry[];
  /** A preset name, or the dataset file's absolute path. */
  dataset: string;
  datasetFormat: DatasetFormat;
  datasetHash: string;
  split: EvalSplit;
  seed: number;
  limit?: number;
  /** The selected items in evaluation order. */
  itemIds: string[];
  scorer: string;
  settings: EvalSettings;
  startedAt: number;
  endedAt?: number;
  stopReason?: string;
}

interface SqlRow {
  id: string;
  status: EvalStatus;
  architecture_name: string;
  file: string | null;
  architecture: string;
  architecture_hash: string;
  models: string;
  dataset: string;
  dataset_format: DatasetFormat;
  dataset_hash: string;
  split: EvalSplit;
  seed: number;
  item_limit: number | null;
  item_ids: string;
  scorer: string;
  settings: string;
  started_at: number;
  ended_at: number | null;
  stop_reason: string | null;
}

function fromSql(row: SqlRow): EvalRow {
  return {
    id: row.id,
    status: row.status,
    architectureName: row.architecture_name,
    ...(row.file === null ? {} : { file: row.file }),
    architecture: row.architecture,
    architectureHash: row.architecture_hash,
    models: JSON.parse(row.models) as ModelEntry[],
    dataset: row.dataset,
    datasetFormat: row.dataset_format,
    datasetHash: row.dataset_hash,
    split: row.split,
    seed: row.seed,
    ...(row.item_limit === null ? {} : { limit: row.item_limit }),
    itemIds: JSON.parse(row.item_ids) as string[],
    scorer: row.scorer,
    settings: JSON.parse(row.settings) as EvalSettings,
    startedAt: row.started_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    ...(row.stop_reason === null ? {} : { stopReason: row.stop_reason }),
  };
}

export class EvalStore {
  private readonly insertEval;
  private readonly updateStatus;
  private readonly updateSettings;
  private readonly insertItem;
  private readonly selectEval;
  private readonly selectItems;

  constructor(private readonly db: SqliteDatabase) {
    this.insertEval = db.prepare(
      `INSERT INTO evals (id, status, architecture_name, file, architecture, architecture_hash, models, dataset, dataset_format, dataset_hash, split, seed, item_limit, item_ids, scorer, settings, started_at)
       VALUES (@id, @status, @architectureName, @file, @architecture, @architectureHash, @models, @dataset, @datasetFormat, @datasetHash, @split, @seed, @limit, @itemIds, @scorer, @settings, @startedAt)`,
    );
    this.updateStatus = db.prepare("UPDATE evals SET status = ?, ended_at = ?, stop_reason = ? WHERE id = ?");
    this.updateSettings = db.prepare("UPDATE evals SET settings = ? WHERE id = ?");
    this.insertItem = db.prepare("INSERT OR REPLACE INTO eval_items (eval_id, item_id, idx, record) VALUES (?, ?, ?, ?)");
    this.selectEval = db.prepare<[string], SqlRow>("SELECT * FROM evals WHERE id = ?");
    this.selectItems = db.prepare<[string], { record: string }>("SELECT record FROM eval_items WHERE eval_id = ? ORDER BY idx");
  }

  create(row: EvalRow): void {
    this.insertEval.run({
      ...row,
      file: row.file ?? null,
      models: JSON.stringify(row.models),
      limit: row.limit ?? null,
      itemIds: JSON.stringify(row.itemIds),
      settings: JSON.stringify(row.settings),
    });
  }

  /** Marks the evaluation running again (a resume) or finished. */
  setStatus(evalId: string, status: EvalStatus, stopReason?: string): void {
    this.updateStatus.run(status, status === "running" ? null : Date.now(), stopReason ?? null, evalId);
  }

  /** A resume's new dollar limit or concurrency. */
  setSettings(evalId: string, settings: EvalSettings): void {
    this.updateSettings.run(JSON.stringify(settings), evalId);
  }

  /** Persists one completed item (its own implicit transaction: durable before the next item starts). */
  writeItem(record: EvalItemRecord): void {
    this.insertItem.run(record.evalId, record.itemId, record.index, JSON.stringify(record));
  }

  row(evalId: string): EvalRow | undefined {
    const row = this.selectEval.get(evalId);
    return row === undefined ? undefined : fromSql(row);
  }

  items(evalId: string): EvalItemRecord[] {
    return this.selectItems.all(evalId).map((r) => JSON.parse(r.record) as EvalItemRecord);
  }

  /** The report (computed from the stored items) and the items, or undefined for an unknown id. */
  get(evalId: string): { report: EvalReport; items: EvalItemRecord[] } | undefined {
    const row = this.row(evalId);
    if (row === undefined) return undefined;
    const items = this.items(evalId);
    return { report: buildReport(row, items), items };
  }

  /** Evaluations newest first, optionally only those of one architecture file. */
  list(options: { file?: string; limit?: number } = {}): EvalSummary[] {
    const limit = options.limit ?? 100;
    const rows =
      options.file === undefined
        ? this.db.prepare<[number], SqlRow>("SELECT * FROM evals ORDER BY started_at DESC LIMIT ?").all(limit)
        : this.db.prepare<[string, number], SqlRow>("SELECT * FROM evals WHERE file = ? ORDER BY started_at DESC LIMIT ?").all(options.file, limit);
    return rows.map((sql) => {
      const row = fromSql(sql);
      const report = buildReport(row, this.items(row.id));
      return {
        evalId: row.id,
        status: row.status,
        architectureName: row.architectureName,
        ...(row.file === undefined ? {} : { file: row.file }),
        architectureHash: row.architectureHash,
        dataset: row.dataset,
        split: row.split,
        scorer: row.scorer,
        items: report.items,
        scored: report.scored,
        accuracy: report.accuracy,
        costUsd: report.usage.costUsd,
        startedAt: row.startedAt,
      };
    });
  }
}
