/** The `dataset` argument of `eval.start` and `search.start`: a preset name as is, else a dataset file the path rules allow. */
import { findPresetDataset, PRESET_DATASETS } from "../eval/datasets/index";
import { HostError } from "./errors";
import { DATASET_EXTENSIONS, type PathPolicy } from "./path-policy";

export function datasetArgument(paths: PathPolicy, dataset: string): string {
  if (findPresetDataset(dataset) !== undefined) return dataset;
  if (DATASET_EXTENSIONS.some((ext) => dataset.toLowerCase().endsWith(ext))) return paths.forDataset(dataset);
  const presets = PRESET_DATASETS.map((preset) => preset.name).join(", ");
  throw new HostError("invalid-arguments", `unknown dataset "${dataset}": not a preset (${presets}) and not a ${DATASET_EXTENSIONS.join(", ")} file`);
}
