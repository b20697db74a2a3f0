/** Datasets for evaluation: loading, formats, splits and the preset slices. */
export type { Dataset, EvalItem, FieldMapping } from "./types";
export { DatasetError, DATASET_ERROR_CODES, type DatasetErrorCode } from "./errors";
export { MAPPING_FLAGS, ITEM_FIELDS, type ItemField } from "./fields";
export { FORMATS, detectBuiltIn, formatHintedBy } from "./formats/index";
export { gsm8kReference } from "./formats/gsm8k";
export { mbppSolution, withTestImports } from "./formats/code";
export { hashBytes } from "./hash";
export { loadDataset, loadDatasetSync, parseDataset, type LoadOptions } from "./load";
export { parseCsv, parseCsvRecords, type CsvRow, type CsvTable } from "./csv";
export { DEFAULT_SPLIT_SEED, devIds, splitItems, type SplitOptions } from "./split";
export {
  PRESET_DATASETS,
  datasetInfo,
  findPresetDataset,
  listPresetDatasets,
  presetDatasetPath,
  resolveDataset,
  type PresetDataset,
  type ResolveOptions,
} from "./presets";
