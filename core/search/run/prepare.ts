/**
 * Everything a search needs before its first trial: the space (read, validated, hashed), the
 * dataset (hashed) and its items at full fidelity, the settings, and the worst-case spend to
 * show before any money goes; for a resume, the stored search, refusing one whose space file
 * or dataset changed since.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DEFAULT_DEV_FRACTION, type DatasetFormat, type EvalSplit } from "../../api/eval-types";
import { SpaceDatasetSchema } from "../../api/search-space";
import type { SearchAlgorithmName } from "../../api/search-types";
import { estimateArchitecture } from "../../cost/estimate";
import type { Engine } from "../../engine/executor";
import { DEFAULT_SPLIT_SEED, findPresetDataset, resolveDataset, splitItems, type FieldMapping } from "../../eval/datasets";
import type { EvalServices } from "../../eval/run";
import { estimateTokens } from "../../nodes/estimate-tokens";
import type { SearchBackend } from "./backend-types";
import { overBudget, type PerQueryLimits, type TotalLimits } from "./budget";
import { SearchInputError } from "./errors";
import type { SearchRow, SearchSettings, SearchStore } from "./search-store";

export interface SearchServices extends EvalServices {
  /** The space and algorithm functions. @default the real ones (core/search/space, core/search/algorithms) */
  backend?: SearchBackend;
}

export interface SearchRequest {
  /** The `*.space.json` file (optional on a resume: the stored path is used). */
  space?: string;
  /** Where relative paths (space, dataset) are resolved from. @default process.cwd() */
  cwd?: string;
  /** A preset slice name or a dataset file (ignored on a resume). */
  dataset?: string;
  format?: DatasetFormat;
  mapping?: FieldMapping;
  /** @default "dev" (as Archon: search on the dev split, report on test) */
  split?: EvalSplit;
  /** Seed of the dev/test split. @default 0 */
  splitSeed?: number;
  /** @default 0.2 */
  devFraction?: number;
  /** Items at full fidelity: the first N of the split. @default all of the split */
  limit?: number;
  /** @default "bayes" */
  algorithm?: SearchAlgorithmName;
  /** Trials the algorithm may suggest. @default 20 (a grid: its size, at most this) */
  trials?: number;
  /** Seed of the algorithm. @default 0 */
  seed?: number;
  /** Trials in flight at once; suggestions are asked for in batches of this size. @default 2 */
  concurrency?: number;
  /** Items of one trial's evaluation in flight at once. @default 4 */
  evalConcurrency?: number;
  /** Items of successive halving's first rung. @default the algorithm's */
  minFidelity?: number;
  /** Successive halving's reduction factor. @default the algorithm's */
  eta?: number;
  /** @default the dataset's */
  scorer?: string;
  perQuery?: PerQueryLimits;
  total?: TotalLimits;
  /** Continue this search (same space, dataset and settings; total limits may be raised). */
  resume?: string;
}

/** The worst case of what a search may spend: trials x items x the dearest per-query estimate. */
export interface SpendEstimate {
  trials: number;
  items: number;
  /** The dearest per-query estimate among the sampled configurations within the per-query limits. */
  perQueryUsd: number;
  /** trials x items x perQueryUsd, capped by the total dollar budget. */
  totalUsd: number;
  /** Configurations the per-query figure was taken over. */
  sampled: number;
  /** Models without a price: the dollars are a lower bound. */
  unpriced: string[];
}

export interface PreparedSearch {
  row: SearchRow;
  /** True when the row is a stored search being resumed. */
  resuming: boolean;
  space: unknown;
  backend: SearchBackend;
  /** Distinct configurations (Infinity when unbounded). */
  size: number;
  /** Trials planned: `--trials`, or the grid's size when smaller. */
  total: number;
  worstCase: SpendEstimate;
}

export const DEFAULT_TRIALS = 20;
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_EVAL_CONCURRENCY = 4;
/** Configurations sampled for the worst-case per-query figure. */
const ESTIMATE_SAMPLES = 64;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function newSearchId(): string {
  return `search-${randomUUID().slice(0, 8)}`;
}

/** The `dataset` a space file names, if any (the loader has validated the file by now). */
function spaceDataset(text: string): { name: string; split?: EvalSplit; limit?: number } | undefined {
  try {
    const parsed = SpaceDatasetSchema.safeParse((JSON.parse(text) as { dataset?: unknown }).dataset);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function readSpaceText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw new SearchInputError(`${file}: cannot read the search space file (${reason})`);
  }
}

export async function prepareSearch(services: SearchServices, store: SearchStore, request: SearchRequest, backend: SearchBackend): Promise<PreparedSearch> {
  if (request.resume !== undefined) return prepareResume(services, store, request, backend);
  const cwd = request.cwd ?? process.cwd();
  if (request.space === undefined) throw new SearchInputError("give the search space file (or --resume <searchId>)");
  const spaceFile = resolve(cwd, request.space);
  const space = await backend.loadSpace(spaceFile, { knownModels: (id) => services.engine.models.has(id) });
  const spaceText = readSpaceText(spaceFile);
  // The dataset the space was made for, when --dataset is not given (a file relative to the space file).
  const own = spaceDataset(spaceText);
  const datasetName = request.dataset ?? (own === undefined ? undefined : findPresetDataset(own.name) === undefined ? resolve(dirname(spaceFile), own.name) : own.name);
  if (datasetName === undefined) throw new SearchInputError("give the items to score trials on with --dataset <preset|file> (the space file names no dataset)");
  const dataset = await resolveDataset(datasetName, { cwd, ...(request.format === undefined ? {} : { format: request.format }), ...(request.mapping === undefined ? {} : { mapping: request.mapping }) });
  // The space's split and limit apply when its own dataset is used, named or not (a replay space covers only those items).
  const fromSpace = request.dataset === undefined || request.dataset === own?.name ? own : undefined;
  request = { ...request, ...(request.split === undefined && fromSpace?.split !== undefined ? { split: fromSpace.split } : {}), ...(request.limit === undefined && fromSpace?.limit !== undefined ? { limit: fromSpace.limit } : {}) };
  const split = request.split ?? "dev";
  const splitSeed = request.splitSeed ?? DEFAULT_SPLIT_SEED;
  const devFraction = request.devFraction ?? DEFAULT_DEV_FRACTION;
  const selected = splitItems(dataset.items, split, { seed: splitSeed, devFraction });
  const items = request.limit === undefined ? selected : selected.slice(0, request.limit);
  if (items.length === 0) throw new SearchInputError(`dataset ${dataset.name}: the ${split} split (seed ${splitSeed}) has no items; use --split all or a larger dataset`);
  const queryTokens = Math.max(1, Math.round(items.reduce((sum, item) => sum + estimateTokens(item.input), 0) / items.length));
  const algorithm = request.algorithm ?? "bayes";
  const settings: SearchSettings = {
    maxTrials: request.trials ?? DEFAULT_TRIALS,
    concurrency: request.concurrency ?? DEFAULT_CONCURRENCY,
    evalConcurrency: request.evalConcurrency ?? DEFAULT_EVAL_CONCURRENCY,
    items: items.length,
    ...(request.limit === undefined ? {} : { limit: request.limit }),
    splitSeed,
    devFraction,
    ...(request.format === undefined ? {} : { format: request.format }),
    ...(request.mapping === undefined ? {} : { mapping: request.mapping }),
    ...(request.scorer === undefined ? {} : { scorer: request.scorer }),
    ...(request.minFidelity === undefined ? {} : { minFidelity: request.minFidelity }),
    ...(request.eta === undefined ? {} : { eta: request.eta }),
    perQuery: request.perQuery ?? {},
    total: request.total ?? {},
    queryTokens,
  };
  if (settings.maxTrials < 1 || settings.concurrency < 1 || settings.evalConcurrency < 1) throw new SearchInputError("trials and concurrency take a whole number >= 1");
  const row: SearchRow = {
    id: newSearchId(),
    status: "running",
    spaceFile,
    space: spaceText,
    spaceHash: sha256(spaceText),
    // A file is recorded by its absolute path, so a resume from another directory finds it.
    dataset: findPresetDataset(datasetName) === undefined ? resolve(cwd, datasetName) : datasetName,
    datasetHash: dataset.hash,
    split,
    algorithm,
    seed: request.seed ?? 0,
    settings,
    elapsedMs: 0,
    startedAt: Date.now(),
  };
  return finish(services.engine, row, false, space, backend);
}

async function prepareResume(services: SearchServices, store: SearchStore, request: SearchRequest, backend: SearchBackend): Promise<PreparedSearch> {
  const searchId = request.resume as string;
  const stored = store.row(searchId);
  if (stored === undefined) throw new SearchInputError(`no search "${searchId}"; "itasca search list" shows the stored ones`);
  const cwd = request.cwd ?? process.cwd();
  if (request.space !== undefined && resolve(cwd, request.space) !== stored.spaceFile) {
    throw new SearchInputError(`search ${searchId} searched ${stored.spaceFile}, not ${resolve(cwd, request.space)}; resume it with its own space file (or leave the file out)`);
  }
  const text = readSpaceText(stored.spaceFile);
  if (sha256(text) !== stored.spaceHash) {
    throw new SearchInputError(`search ${searchId}: ${stored.spaceFile} has changed since the search started (hash ${stored.spaceHash.slice(0, 12)}, now ${sha256(text).slice(0, 12)}); start a new search`);
  }
  const dataset = await resolveDataset(stored.dataset, { ...(stored.settings.format === undefined ? {} : { format: stored.settings.format }), ...(stored.settings.mapping === undefined ? {} : { mapping: stored.settings.mapping }) });
  if (dataset.hash !== stored.datasetHash) {
    throw new SearchInputError(`search ${searchId}: dataset ${stored.dataset} has changed since the search started (hash ${stored.datasetHash.slice(0, 12)}, now ${dataset.hash.slice(0, 12)}); start a new search`);
  }
  const space = await backend.loadSpace(stored.spaceFile, { knownModels: (id) => services.engine.models.has(id) });
  // Only the total limits may change: everything else decides which trials the algorithm suggests.
  const settings: SearchSettings = { ...stored.settings, total: { ...stored.settings.total, ...request.total } };
  return finish(services.engine, { ...stored, settings }, true, space, backend);
}

function finish(engine: Engine, row: SearchRow, resuming: boolean, space: unknown, backend: SearchBackend): PreparedSearch {
  const size = backend.spaceSize(space);
  const total = row.algorithm === "grid" ? Math.min(row.settings.maxTrials, backend.gridSize?.(space) ?? size) : row.settings.maxTrials;
  const prepared = { row, resuming, space, backend, size, total };
  return { ...prepared, worstCase: worstCaseSpend(engine, prepared) };
}

/**
 * trials x items x the dearest per-query estimate among up to 64 configurations (all of a
 * small space, else drawn with the search's seed) that fit the per-query limits. A worst case: the
 * call cache and multi-fidelity rungs make the real spend lower.
 */
function worstCaseSpend(engine: Engine, prepared: Omit<PreparedSearch, "worstCase">): SpendEstimate {
  const { row, backend, space } = prepared;
  const models = engine.models.list();
  let perQueryUsd = 0;
  let sampled = 0;
  const unpriced = new Set<string>();
  for (const config of backend.sampleConfigs(space, ESTIMATE_SAMPLES, row.seed)) {
    let estimate;
    try {
      estimate = estimateArchitecture(backend.materialize(space, config), models, { queryTokens: row.settings.queryTokens });
    } catch {
      continue; // a configuration that does not materialise costs nothing: its trial fails
    }
    if (overBudget(estimate, row.settings.perQuery) !== undefined) continue;
    sampled++;
    perQueryUsd = Math.max(perQueryUsd, estimate.usd);
    for (const id of estimate.unpriced) unpriced.add(id);
  }
  if (sampled === 0 && row.settings.perQuery.maxUsd !== undefined) perQueryUsd = row.settings.perQuery.maxUsd;
  const uncapped = prepared.total * row.settings.items * perQueryUsd;
  const totalUsd = row.settings.total.maxUsd === undefined ? uncapped : Math.min(uncapped, row.settings.total.maxUsd);
  return { trials: prepared.total, items: row.settings.items, perQueryUsd, totalUsd, sampled, unpriced: [...unpriced].sort() };
}
