/**
 * Archon interoperability (arXiv 2409.15254): import an Archon config as a typed architecture,
 * export an architecture as Archon layers. Renderer-safe, synchronous and pure.
 */
import type { ArchonConfig } from "./types";

export { importArchonConfig } from "./import";
export { exportArchonConfig } from "./export";
export { DEFAULT_MAX_TOKENS, DEFAULT_RANKER_TOP_K, DEFAULT_TEMPERATURE, DEFAULT_UNIT_TEST_COUNT } from "./defaults";
export { MODEL_TYPES, FALLBACK_MODEL_TYPE } from "./models";
export type * from "./types";

/** An Archon config as file text: pretty JSON (2-space indent) and a trailing newline. */
export function archonConfigText(config: ArchonConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
