/**
 * One Archon component to the params of its Itasca node: model mapping, defaults for the keys
 * Archon requires, and a warning for every key that is misspelled or has no equivalent.
 */
import { DEFAULT_MAX_TOKENS, DEFAULT_RANKER_TOP_K, DEFAULT_TEMPERATURE, DEFAULT_UNIT_TEST_COUNT } from "./defaults";
import { IGNORED_KEYS, knownKeys, misspellingOf, type ComponentType } from "./keys";
import { mappingForModelType, MODEL_TYPES, registerCommand, registryId } from "./models";
import { describe, type ParsedComponent } from "./parse";
import { ArchonRejection } from "./reject";
import type { ArchonImportOptions, ArchonWarning } from "./types";

/** The Itasca node type of each Archon component type. */
export const NODE_TYPE: Readonly<Record<ComponentType, string>> = {
  generator: "generate",
  fuser: "fuse",
  critic: "critique",
  ranker: "rank",
  verifier: "verify",
  unit_test_generator: "unit-test-generate",
  unit_test_evaluator: "unit-test-evaluate",
};

export interface ComponentSpec {
  type: ComponentType;
  nodeType: string;
  params: Record<string, unknown>;
  /** Archon would hand this component the critiques in its state (a fuser, or a ranker with use_critiques). */
  consumesCritiques: boolean;
}

/** What reading components shares across one config. */
export interface ReadContext {
  options: ArchonImportOptions;
  warnings: ArchonWarning[];
  /** Model ids already reported, so a model used by ten components is reported once. */
  reportedModels: Set<string>;
}

/** Params ranges of the Itasca nodes; outside them the import rejects rather than write an invalid file. */
/** Presets that already are a server on the user's machine: suggesting a local server instead would say nothing new. */
const LOCAL_PRESETS: ReadonlySet<string | undefined> = new Set(["vllm", "tgi"]);

const LIMITS = {
  temperature: { min: 0, max: 2, integer: false },
  max_tokens: { min: 1, max: 32768, integer: true },
  generatorSamples: { min: 1, max: 256, integer: true },
  fusers: { min: 1, max: 16, integer: true },
  top_k: { min: 1, max: 64, integer: true },
  count: { min: 1, max: 32, integer: true },
} as const;

interface Limit {
  min: number;
  max: number;
  integer: boolean;
}

export function readComponent(component: ParsedComponent & { type: ComponentType }, nodeId: string, context: ReadContext): ComponentSpec {
  const { type, raw, path } = component;
  checkKeys(type, raw, path, nodeId, context.warnings);
  const params: Record<string, unknown> = {
    model: readModel(raw, path, nodeId, context),
    temperature: readTemperature(raw, path, nodeId, context.warnings),
    max_tokens: readMaxTokens(raw, path, nodeId, context.warnings),
  };
  let consumesCritiques = false;
  switch (type) {
    case "generator":
      params["samples"] = readNumber(raw, "samples", path, LIMITS.generatorSamples) ?? 1;
      break;
    case "fuser": {
      params["fusers"] = readNumber(raw, "samples", path, LIMITS.fusers) ?? 1;
      // Archon's fuser is handed the critiques in its state whenever there are some.
      const use = readBoolean(raw, "use_critiques", path) ?? true;
      params["use_critiques"] = use;
      consumesCritiques = use;
      break;
    }
    case "critic":
      // Archon's critic reviews all candidates in one call: Itasca's batch mode.
      params["mode"] = "batch";
      break;
    case "ranker": {
      let topK = readNumber(raw, "top_k", path, LIMITS.top_k);
      if (topK === undefined) {
        topK = DEFAULT_RANKER_TOP_K;
        context.warnings.push({ code: "missing-key", path: `${path}.top_k`, nodeId, message: `the ranker has no "top_k" (Archon crashes without it); ${DEFAULT_RANKER_TOP_K} applied, set "top_k" to choose` });
      }
      params["top_k"] = topK;
      consumesCritiques = readBoolean(raw, "use_critiques", path) ?? false;
      if (typeof raw["model"] === "string" && raw["model"] === "llm-blender/PairRM") {
        context.warnings.push({ code: "other", path: `${path}.model`, nodeId, message: `PairRM is a reward model, not a chat model; imported as a listwise LLM ranker, so register a chat model as its judge (or change "model")` });
      }
      break;
    }
    case "verifier":
      params["mode"] = "llm";
      break;
    case "unit_test_generator":
      params["count"] = readNumber(raw, "unit_test_cap", path, LIMITS.count) ?? DEFAULT_UNIT_TEST_COUNT;
      break;
    case "unit_test_evaluator": {
      params["mode"] = "llm";
      const topK = readNumber(raw, "top_k", path, LIMITS.top_k);
      if (topK !== undefined) params["top_k"] = topK;
      break;
    }
  }
  return { type, nodeType: NODE_TYPE[type], params, consumesCritiques };
}

function checkKeys(type: ComponentType, raw: Record<string, unknown>, path: string, nodeId: string, warnings: ArchonWarning[]): void {
  const known = knownKeys(type);
  for (const key of Object.keys(raw)) {
    const ignored = IGNORED_KEYS[type].find((k) => k.key === key);
    if (ignored !== undefined) {
      if (ignored.inert !== true && (!("neutral" in ignored) || raw[key] !== ignored.neutral)) {
        warnings.push({ code: "unsupported-key", path: `${path}.${key}`, nodeId, message: `"${key}" on a ${type} has no Itasca equivalent (${ignored.why}); ignored` });
      }
      continue;
    }
    if (known.includes(key)) continue;
    const meant = misspellingOf(key, known);
    warnings.push(
      meant === undefined
        ? { code: "unsupported-key", path: `${path}.${key}`, nodeId, message: `"${key}" is not a key of Archon's ${type} (Archon ignores it); ignored` }
        : { code: "misspelled-key", path: `${path}.${key}`, nodeId, message: `"${key}" looks like a misspelling of "${meant}", which Archon silently ignores; ignored here too, rename it to "${meant}"` },
    );
  }
  if (raw["max_tokens"] !== undefined && raw["max_context_length"] !== undefined) {
    warnings.push({ code: "unsupported-key", path: `${path}.max_context_length`, nodeId, message: `both "max_tokens" and its older name "max_context_length" are set; "max_tokens" is used` });
  }
}

function readModel(raw: Record<string, unknown>, path: string, nodeId: string, context: ReadContext): string {
  const model = raw["model"];
  if (typeof model !== "string" || model.trim() === "") throw new ArchonRejection(`${path}.model`, `the component has no "model"; Archon needs one for every component`);
  const modelType = raw["model_type"];
  const supported = MODEL_TYPES.map((m) => m.modelType).join(", ");
  if (typeof modelType !== "string") throw new ArchonRejection(`${path}.model_type`, `the component has no "model_type"; set one of ${supported}`);
  const mapping = mappingForModelType(modelType);
  if (mapping === undefined) throw new ArchonRejection(`${path}.model_type`, `model_type ${JSON.stringify(modelType)} is not one Archon runs; use one of ${supported}`);
  const id = registryId(mapping, model);
  const known = context.options.knownModels?.(id);
  if (!context.reportedModels.has(id) && known !== true && (mapping.preset === undefined || known === false)) {
    context.reportedModels.add(id);
    const fix = registerCommand(mapping, model);
    const message =
      mapping.preset === undefined
        ? `model_type ${modelType} has no Itasca provider (Bedrock needs AWS request signing); imported as "${id}": serve the model through an OpenAI-compatible gateway (e.g. LiteLLM) and register it: ${fix}`
        : `model "${id}" is not in the model registry; add it: ${fix}${LOCAL_PRESETS.has(mapping.preset) ? "" : " (or serve it on a local server and register that, e.g. with --preset vllm --model <served name>)"}`;
    context.warnings.push({ code: "model-not-registered", path: `${path}.model`, nodeId, message, model: id, fix });
  }
  return id;
}

function readTemperature(raw: Record<string, unknown>, path: string, nodeId: string, warnings: ArchonWarning[]): number {
  const value = readNumber(raw, "temperature", path, LIMITS.temperature);
  if (value !== undefined) return value;
  warnings.push({ code: "missing-key", path: `${path}.temperature`, nodeId, message: `no "temperature" (Archon crashes without it); ${DEFAULT_TEMPERATURE} applied, set "temperature" to choose` });
  return DEFAULT_TEMPERATURE;
}

function readMaxTokens(raw: Record<string, unknown>, path: string, nodeId: string, warnings: ArchonWarning[]): number {
  const value = readNumber(raw, "max_tokens", path, LIMITS.max_tokens) ?? readNumber(raw, "max_context_length", path, LIMITS.max_tokens);
  if (value !== undefined) return value;
  warnings.push({ code: "missing-max-tokens", path: `${path}.max_tokens`, nodeId, message: `no "max_tokens" (Archon crashes without it); ${DEFAULT_MAX_TOKENS} applied, set "max_tokens" to choose` });
  return DEFAULT_MAX_TOKENS;
}

function readNumber(raw: Record<string, unknown>, key: string, path: string, limit: Limit): number | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  const ok = typeof value === "number" && Number.isFinite(value) && value >= limit.min && value <= limit.max && (!limit.integer || Number.isInteger(value));
  if (!ok) throw new ArchonRejection(`${path}.${key}`, `"${key}" must be a ${limit.integer ? "whole " : ""}number from ${limit.min} to ${limit.max}, got ${describe(value)}`);
  return value;
}

function readBoolean(raw: Record<string, unknown>, key: string, path: string): boolean | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new ArchonRejection(`${path}.${key}`, `"${key}" must be true or false, got ${describe(value)}`);
  return value;
}
