/**
 * The public shapes of Archon interoperability: what an import returns (a typed architecture
 * plus coded warnings, or a rejection with its reason) and what an export returns. The CLI
 * (`itasca import archon`, `itasca export archon`) and the designer (File > Import Archon
 * config, File > Export as Archon config) both consume these.
 */
import type { Architecture } from "../../graph/schema";

/**
 * Why an import needed attention. Each code is one defect class; the message says what was
 * done about it and how to fix the config.
 */
export type ArchonWarningCode =
  /** Critiques computed before a fusion layer would reach the fused candidates in Archon; dropped here. */
  | "critiques-cross-fusion"
  /** A key Archon silently ignores because it is misspelled (e.g. `length_contorl`). */
  | "misspelled-key"
  /** `max_tokens` absent (Archon crashes on it); a default was applied. */
  | "missing-max-tokens"
  /** A fuser, ranker, critic, verifier or unit-test evaluator with no candidates (or tests) to consume; left out. */
  | "nothing-to-consume"
  /** A component `type` Archon does not define (or a custom one); left out. */
  | "unknown-component"
  /** A key of a known component that has no Itasca equivalent; ignored. */
  | "unsupported-key"
  /** The paper's ordering rules (generators only in the first layer, a critic before a ranker or fuser, ...). */
  | "ordering-rule"
  /** A `model_type` with no Itasca provider, or a model the registry lacks; the fix names the entry to add. */
  | "model-not-registered"
  /** A key other than `max_tokens` that Archon requires (`temperature`, a ranker's `top_k`) is absent; a default was applied. */
  | "missing-key"
  /** Export: an Itasca model id whose prefix has no Archon `model_type`; the export's choice is in the message. */
  | "unmapped-model"
  /** Export: an Itasca param with no Archon key (a seed, a custom prompt template); left out of the config. */
  | "param-dropped"
  /**
   * A component repeating another of its layer (same type, model and params). Archon samples
   * each one separately; here the repeat gets its own seed, else its calls would be the first
   * one's calls and answer from the same cache entries.
   */
  | "duplicate-component"
  /** Anything else worth a look that does not stop the import. */
  | "other";

export interface ArchonWarning {
  code: ArchonWarningCode;
  /** One sentence: what was found, what the import did, and the fix. */
  message: string;
  /** A JSON path into the Archon config, e.g. `layers[1][0].length_contorl`. */
  path: string;
  /** The imported node the warning is about, when there is one. */
  nodeId?: string;
  /** `model-not-registered`: the registry id the imported node uses. */
  model?: string;
  /** `model-not-registered`: the command that registers it (a gateway is needed for Bedrock). */
  fix?: string;
}

/** How an import names things and checks models. */
export interface ArchonImportOptions {
  /** The file the config came from, used in messages and for the architecture's name when the config has none. */
  file?: string;
  /**
   * Registry ids the caller knows; a mapped model outside this set becomes a
   * `model-not-registered` warning naming the entry to add. Omit to skip the check.
   */
  knownModels?: (id: string) => boolean;
}

export type ArchonImportResult =
  | { ok: true; architecture: Architecture; warnings: ArchonWarning[] }
  /** `reason` names the file (when given), the JSON path and the fix. */
  | { ok: false; reason: string };

export type ArchonExportResult =
  | { ok: true; config: ArchonConfig; warnings: ArchonWarning[] }
  /** `nodeId` is the node that prevents expressing the DAG as Archon layers. */
  | { ok: false; reason: string; nodeId?: string };

/** One Archon component, as Archon's config holds it (keys are Archon's, snake_case). */
export interface ArchonComponent {
  type: string;
  model?: string;
  model_type?: string;
  temperature?: number;
  max_tokens?: number;
  samples?: number;
  top_k?: number;
  [key: string]: unknown;
}

/** An Archon config: `{"name", "layers": [[component, ...], ...]}`. */
export interface ArchonConfig {
  name: string;
  layers: ArchonComponent[][];
  custom?: boolean;
}
