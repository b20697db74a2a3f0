/**
 * Observed averages for the cost estimator, read from the runs SQLite keeps (`runs` and
 * `run_calls`): the most recent completed runs (evaluation items included), reduced by
 * core/cost/observed.ts to plain data per (node type, model) that `estimateArchitecture` takes
 * as `assumptions.observed`.
 */
import type { CallRecord, RunResult } from "../api/run-types";
import { observeRuns, type ObserveOptions, type ObservedRun, type ObservedUsage } from "../cost/observed";
import type { Query } from "../graph/ports";
import type { GraphData } from "../graph/schema";
import type { SqliteDatabase } from "./database";

export interface ObservedUsageOptions {
  /** The most recent completed runs read. @default 200 */
  limit?: number;
  /** Only runs whose architecture uses one of these model ids (by a node's `model` param). @default every run */
  models?: readonly string[];
  /**
   * The registry (and latency assumptions) to compare the runs' wall times with, so the
   * estimator can correct its latency model. @default none: no latency is observed
   */
  registry?: ObserveOptions["models"];
  latency?: ObserveOptions["latency"];
}

/** Runs read when a caller does not say. @default 200 */
export const DEFAULT_OBSERVED_RUNS = 200;

interface RunRow {
  id: string;
  query: string;
  architecture: string;
  result: string | null;
}

type CallRow = Pick<CallRecord, "nodeId" | "inputTokens" | "outputTokens" | "finishReason">;

/** Whether a stored architecture names one of `models` in a node's `model` param. */
function usesAnyText(architecture: string, models: ReadonlySet<string>): boolean {
  try {
    const graph = JSON.parse(architecture) as Partial<GraphData>;
    return (graph.nodes ?? []).some((node) => typeof node.params?.["model"] === "string" && models.has(node.params["model"]));
  } catch {
    return false;
  }
}

/** Parses one stored run; undefined when a row is not what this version of Itasca writes. */
function parseRun(row: RunRow, calls: CallRow[]): ObservedRun | undefined {
  try {
    const architecture = JSON.parse(row.architecture) as GraphData;
    const query = JSON.parse(row.query) as Query;
    const result = row.result === null ? undefined : (JSON.parse(row.result) as Partial<RunResult>);
    if (!Array.isArray(architecture.nodes) || !Array.isArray(architecture.edges) || !Array.isArray(result?.nodes) || typeof query.text !== "string") return undefined;
    return { architecture, query, nodes: result.nodes, calls };
  } catch {
    return undefined;
  }
}

/**
 * What earlier completed runs measured, per (node type, model). Reads at most `limit` runs,
 * newest first; a database without runs gives zero runs and empty lists.
 */
export function readObservedUsage(db: SqliteDatabase, options: ObservedUsageOptions = {}): ObservedUsage {
  const limit = options.limit ?? DEFAULT_OBSERVED_RUNS;
  const models = options.models === undefined ? undefined : new Set(options.models);
  // Pick the runs first (a connection runs one statement at a time while iterating), then read each.
  const candidates = db.prepare<[], { id: string; architecture: string }>("SELECT id, architecture FROM runs WHERE status = 'completed' ORDER BY started_at DESC, rowid DESC");
  const picked: string[] = [];
  for (const row of candidates.iterate()) {
    if (picked.length >= limit) break;
    if (models !== undefined && !usesAnyText(row.architecture, models)) continue;
    picked.push(row.id);
  }
  const runRow = db.prepare<[string], RunRow>("SELECT id, query, architecture, result FROM runs WHERE id = ?");
  const callRows = db.prepare<[string], { node_id: string; input_tokens: number | null; output_tokens: number | null; finish_reason: string | null; cached: number | null }>(
    "SELECT node_id, json_extract(record, '$.inputTokens') AS input_tokens, json_extract(record, '$.outputTokens') AS output_tokens, json_extract(record, '$.finishReason') AS finish_reason, json_extract(record, '$.cached') AS cached FROM run_calls WHERE run_id = ? ORDER BY rowid",
  );
  const runs: ObservedRun[] = [];
  for (const id of picked) {
    const row = runRow.get(id);
    if (row === undefined) continue;
    const calls = callRows.all(id).map((c) => ({
      nodeId: c.node_id,
      inputTokens: c.input_tokens ?? 0,
      outputTokens: c.output_tokens ?? 0,
      finishReason: (c.finish_reason ?? "unknown") as CallRecord["finishReason"],
      cached: c.cached === 1,
    }));
    const run = parseRun(row, calls);
    if (run !== undefined) runs.push(run);
  }
  return observeRuns(runs, { ...(options.registry === undefined ? {} : { models: options.registry }), ...(options.latency === undefined ? {} : { latency: options.latency }) });
}
