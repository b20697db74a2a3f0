/**
 * The preset dataset slices shipped under presets/datasets (about 50 items each, cut from
 * ../shared/datasets by scripts/cut-dataset-slices.ts), and the resolver that accepts a
 * preset name or a file path wherever a dataset is asked for.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DatasetFormat, DatasetInfo } from "../../api/eval-types";
import { installRoot } from "../../paths/install-root";
import { DatasetError } from "./errors";
import { loadDataset, loadDatasetSync, type LoadOptions } from "./load";
import type { Dataset } from "./types";

export interface PresetDataset {
  name: string;
  /** File name under presets/datasets. */
  file: string;
  format: DatasetFormat;
  description: string;
  licence: string;
}

export const PRESET_DATASETS: readonly PresetDataset[] = [
  {
    name: "gsm8k",
    file: "gsm8k.jsonl",
    format: "gsm8k",
    description: "GSM8K test problems 0-49 (grade-school maths word problems); 0-19 are in the shipped replay file",
    licence: "MIT (openai/grade-school-math)",
  },
  {
    name: "math500",
    file: "math500.jsonl",
    format: "math",
    description: "MATH500 problems 0-49 (competition maths, LaTeX answers)",
    licence: "MIT (openai/prm800k, MATH by Hendrycks et al.)",
  },
  {
    name: "humaneval",
    file: "humaneval.jsonl",
    format: "humaneval",
    description: "HumanEval problems 0-49 (Python functions from a docstring, with unit tests)",
    licence: "MIT (openai/human-eval)",
  },
  {
    name: "mbpp",
    file: "mbpp.jsonl",
    format: "mbpp",
    description: "MBPP sanitized, the first 50 problems (short Python functions, with asserts)",
    licence: "MIT (microsoft/CodeT packaging of google-research MBPP, CC BY 4.0 upstream)",
  },
  {
    name: "game24",
    file: "game24.csv",
    format: "game24",
    description: "Game of 24 puzzles ranked 901-950 (the hard ones Tree of Thoughts tests on); 901-910 are in the shipped replay file",
    licence: "MIT (princeton-nlp/tree-of-thought-llm)",
  },
];

/** The absolute path of a preset slice. */
export function presetDatasetPath(preset: PresetDataset): string {
  return join(installRoot(), "presets", "datasets", preset.file);
}

/** The preset of that name, if there is one. */
export function findPresetDataset(name: string): PresetDataset | undefined {
  return PRESET_DATASETS.find((p) => p.name === name);
}

const PRESET_NAMES = PRESET_DATASETS.map((p) => p.name).join(", ");

let listed: DatasetInfo[] | undefined;

/** What the Evaluate view and `itasca eval --help` list: each preset slice, loaded once to count it. */
export function listPresetDatasets(): DatasetInfo[] {
  listed ??= PRESET_DATASETS.map((preset) => {
    const dataset = loadDatasetSync(presetDatasetPath(preset), { format: preset.format, name: preset.name });
    return datasetInfo(dataset, { description: preset.description, licence: preset.licence });
  });
  return listed.map((info) => ({ ...info }));
}

/** A loaded dataset as the Evaluate view lists it (a file the user picked has no licence note). */
export function datasetInfo(dataset: Dataset, notes: { description?: string; licence?: string } = {}): DatasetInfo {
  return {
    name: dataset.name,
    format: dataset.format,
    items: dataset.items.length,
    description: notes.description ?? `${dataset.items.length} items (${dataset.format})`,
    defaultScorer: dataset.defaultScorer,
    licence: notes.licence ?? "",
  };
}

export interface ResolveOptions {
  /** Overrides the preset's or the detected format. */
  format?: DatasetFormat;
  mapping?: LoadOptions["mapping"];
  /** Where a relative file path is resolved from. @default process.cwd() */
  cwd?: string;
}

/**
 * A dataset by preset name (`gsm8k`, `math500`, `humaneval`, `mbpp`, `game24`, read from the
 * install's presets/datasets) or by file path. A preset name wins over a file of the same
 * name. The dataset's name is `nameOrPath` as given.
 * @throws DatasetError (`not-found` lists the presets) or any loading error.
 */
export async function resolveDataset(nameOrPath: string, options: ResolveOptions = {}): Promise<Dataset> {
  const preset = findPresetDataset(nameOrPath);
  const load: LoadOptions = { name: nameOrPath };
  if (options.mapping !== undefined) load.mapping = options.mapping;
  if (preset !== undefined) {
    load.format = options.format ?? preset.format;
    return loadDataset(presetDatasetPath(preset), load);
  }
  if (options.format !== undefined) load.format = options.format;
  const path = resolve(options.cwd ?? process.cwd(), nameOrPath);
  if (!existsSync(path)) {
    throw new DatasetError("not-found", nameOrPath, undefined, `is neither a preset dataset (${PRESET_NAMES}) nor a file (looked for ${path})`);
  }
  return loadDataset(path, load);
}
