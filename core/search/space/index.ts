/**
 * Search spaces: load a `*.space.json` (its schema is core/api/search-space.ts), check it
 * against its template, enumerate, sample and encode its configurations, and materialise one
 * as an architecture.
 */
export { loadSearchSpace, parseSearchSpace, type SpaceOptions } from "./parse";
export { materialize, configHash } from "./materialize";
export {
  activeDimensions,
  assertConfig,
  configKey,
  configProblems,
  dimensionLevels,
  enumerateConfigs,
  gridSize,
  isActive,
  levelCount,
  normalizeConfig,
  sampleConfig,
  sampleValue,
  spaceSize,
  type DimensionValue,
} from "./config";
export { encodeConfig, encoding, type Encoding } from "./encode";
export { SearchConfigError, SearchSpaceError, formatSpaceIssue, type SpaceIssue } from "./errors";
export { createRng, type Rng } from "./rng";
export type { Dimension, ResolvedSpace } from "./types";
