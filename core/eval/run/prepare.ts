/**
 * Everything an evaluation needs before its first item runs: the checked architecture and its
 * canonical hash, the dataset and its hash, the selected items and the scorer; for a resume,
 * the stored evaluation, refusing one whose architecture or dataset has changed since.
 */
import { createHash, randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { DEFAULT_DEV_FRACTION } from "../../api/eval-types";
import type { ModelEntry } from "../../api/schemas";
import { serializeArchitecture } from "../../graph/serialize";
import { getNodeDefinition } from "../../nodes/registry";
import type { CheckedArchitecture } from "../../validation/validate";
import { DEFAULT_SPLIT_SEED, findPresetDataset, resolveDataset, splitItems } from "../datasets";
import type { Dataset, EvalItem } from "../datasets/types";
import { checkScorer, scorerFor } from "../scorers";
import type { Scorer } from "../scorers/types";
import { EvalInputError } from "./errors";
import type { EvalServices, EvaluationRequest } from "./evaluation";
import type { EvalRow, EvalStore } from "./eval-store";

export interface PreparedEvaluation {
  row: EvalRow;
  checked: CheckedArchitecture;
  dataset: Dataset;
  /** The evaluation's items, in evaluation order. */
  items: EvalItem[];
  scorer: Scorer;
}

const DEFAULT_CONCURRENCY = 8;

/** A fresh evaluation id (short enough to type after --resume). */
function newEvalId(): string {
  return `eval-${randomUUID().slice(0, 8)}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The registry entries of every model the architecture calls, as they are now. */
function modelsUsed(services: EvalServices, checked: CheckedArchitecture): ModelEntry[] {
  const ids = new Set<string>();
  for (const node of checked.nodes) {
    const definition = getNodeDefinition(node.type);
    if (definition?.models === undefined) continue;
    for (const id of definition.models(definition.params.parse(node.params ?? {}))) ids.add(id);
  }
  return [...ids].sort().flatMap((id) => {
    const entry = services.engine.models.get(id);
    return entry === undefined ? [] : [entry];
  });
}

export async function prepareEvaluation(services: EvalServices, store: EvalStore, request: EvaluationRequest): Promise<PreparedEvaluation> {
  const checked = services.engine.check(request.architecture, request.file);
  const architecture = serializeArchitecture(checked);
  const architectureHash = sha256(architecture);
  if (request.resume !== undefined) return prepareResume(store, request, checked, architectureHash);

  const cwd = request.cwd ?? process.cwd();
  const dataset = await resolveDataset(request.dataset, { cwd, ...(request.format === undefined ? {} : { format: request.format }), ...(request.mapping === undefined ? {} : { mapping: request.mapping }) });
  const split = request.split ?? "all";
  const seed = request.seed ?? DEFAULT_SPLIT_SEED;
  const devFraction = request.devFraction ?? DEFAULT_DEV_FRACTION;
  const selected = splitItems(dataset.items, split, { seed, devFraction });
  const items = request.limit === undefined ? selected : selected.slice(0, request.limit);
  if (items.length === 0) throw new EvalInputError(`dataset ${dataset.name}: the ${split} split (seed ${seed}) has no items; use --split all or a larger dataset`);
  const scorerName = request.scorer ?? dataset.defaultScorer;
  const unscorable = checkScorer(scorerName, items, request.scorerOptions);
  if (unscorable !== null) throw new EvalInputError(`dataset ${dataset.name}: ${unscorable}`);
  const judgeModel = request.scorerOptions?.["model"];
  if (typeof judgeModel === "string" && !services.engine.models.has(judgeModel)) {
    throw new EvalInputError(`the judge model "${judgeModel}" is not in the model registry; add it with "itasca models add" or pick one of: ${services.engine.models.list().map((m) => m.id).join(", ")}`);
  }
  const scorer = scorerFor(scorerName, request.scorerOptions);
  const row: EvalRow = {
    id: newEvalId(),
    status: "running",
    architectureName: checked.name,
    ...(request.file === undefined ? {} : { file: request.file }),
    architecture,
    architectureHash,
    models: modelsUsed(services, checked),
    // A file is recorded by its absolute path, so a resume from another directory finds it.
    dataset: findPresetDataset(request.dataset) === undefined ? resolve(cwd, request.dataset) : request.dataset,
    datasetFormat: dataset.format,
    datasetHash: dataset.hash,
    split,
    seed,
    ...(request.limit === undefined ? {} : { limit: request.limit }),
    itemIds: items.map((item) => item.id),
    scorer: scorer.name,
    settings: {
      concurrency: request.concurrency ?? DEFAULT_CONCURRENCY,
      devFraction,
      ...(request.maxUsd === undefined ? {} : { maxUsd: request.maxUsd }),
      ...(request.budget === undefined ? {} : { budget: request.budget }),
      ...(request.mapping === undefined ? {} : { mapping: request.mapping }),
      ...(request.scorerOptions === undefined ? {} : { scorerOptions: request.scorerOptions }),
    },
    startedAt: Date.now(),
  };
  store.create(row);
  return { row, checked, dataset, items, scorer };
}

/**
 * A resume runs the stored evaluation exactly: same architecture text, dataset bytes, items
 * and scorer. Only how it runs may change: a new dollar limit or concurrency.
 */
async function prepareResume(store: EvalStore, request: EvaluationRequest, checked: CheckedArchitecture, architectureHash: string): Promise<PreparedEvaluation> {
  const evalId = request.resume as string;
  const stored = store.row(evalId);
  if (stored === undefined) throw new EvalInputError(`no evaluation "${evalId}"; "itasca eval list" shows the stored ones`);
  const settings = {
    ...stored.settings,
    ...(request.maxUsd === undefined ? {} : { maxUsd: request.maxUsd }),
    ...(request.concurrency === undefined ? {} : { concurrency: request.concurrency }),
    ...(request.budget === undefined ? {} : { budget: request.budget }),
  };
  const row = { ...stored, settings };
  store.setSettings(evalId, settings);
  if (row.architectureHash !== architectureHash) {
    throw new EvalInputError(`evaluation ${evalId} was made with a different architecture (${row.architectureName}, hash ${row.architectureHash.slice(0, 12)}; this one is ${architectureHash.slice(0, 12)}); resume it with the architecture it started with, or start a new evaluation`);
  }
  const dataset = await resolveDataset(row.dataset, { format: row.datasetFormat, ...(row.settings.mapping === undefined ? {} : { mapping: row.settings.mapping }) });
  if (dataset.hash !== row.datasetHash) {
    throw new EvalInputError(`evaluation ${evalId}: dataset ${row.dataset} has changed since it started (hash ${row.datasetHash.slice(0, 12)}, now ${dataset.hash.slice(0, 12)}); start a new evaluation`);
  }
  const byId = new Map(dataset.items.map((item) => [item.id, item]));
  const items = row.itemIds.map((id) => {
    const item = byId.get(id);
    if (item === undefined) throw new EvalInputError(`evaluation ${evalId}: item "${id}" is no longer in ${row.dataset}; start a new evaluation`);
    return item;
  });
  const scorer = scorerFor(row.scorer, row.settings.scorerOptions);
  return { row, checked, dataset, items, scorer };
}
