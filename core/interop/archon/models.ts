/**
 * Archon's `model_type` values and Itasca's model registry ids: `Together_API` + `Qwen/Qwen2-72B`
 * is `together/Qwen/Qwen2-72B`, served by the `together` endpoint preset.
 */

interface ModelTypeMapping {
  /** Archon's `model_type`. */
  modelType: string;
  /** The registry id prefix, before the first `/`. */
  prefix: string;
  /** The `itasca models add --preset` that serves it; absent when Itasca has no provider for it. */
  preset?: string;
}

/** Every `model_type` Archon's Generator accepts, in Archon's order. */
export const MODEL_TYPES: readonly ModelTypeMapping[] = [
  { modelType: "Together_API", prefix: "together", preset: "together" },
  { modelType: "OpenAI_API", prefix: "openai", preset: "openai" },
  { modelType: "Anthropic_API", prefix: "anthropic", preset: "anthropic" },
  { modelType: "Groq_API", prefix: "groq", preset: "groq" },
  { modelType: "Google_API", prefix: "gemini", preset: "gemini" },
  { modelType: "tgi", prefix: "tgi", preset: "tgi" },
  { modelType: "vLLM", prefix: "vllm", preset: "vllm" },
  // Bedrock signs requests with AWS SigV4, which no Itasca provider speaks: it needs a gateway.
  { modelType: "Bedrock_API", prefix: "bedrock" },
];

/**
 * The `model_type` an export writes for an id whose prefix Archon has no type for (`local/...`,
 * `ollama/...`, `llama-server/...`): these are models served on the user's own machine, and
 * Archon's `vLLM` type is its only one that runs a model locally by name.
 */
export const FALLBACK_MODEL_TYPE = "vLLM";

export function mappingForModelType(modelType: string): ModelTypeMapping | undefined {
  return MODEL_TYPES.find((m) => m.modelType === modelType);
}

/** The registry id for an Archon model. */
export function registryId(mapping: ModelTypeMapping, model: string): string {
  return `${mapping.prefix}/${model}`;
}

/** The exact command that registers an imported model, or the gateway fix when there is no preset. */
export function registerCommand(mapping: ModelTypeMapping, model: string): string {
  const id = registryId(mapping, model);
  if (mapping.preset === undefined) return `itasca models add ${id} --provider openai-compatible --base-url <gateway-url> --model ${model}`;
  return `itasca models add ${id} --preset ${mapping.preset} --model ${model}`;
}

/** Archon's `model_type` and model name for a registry id, or undefined when the prefix has no type. */
export function archonModel(id: string): { modelType: string; model: string } | undefined {
  const slash = id.indexOf("/");
  if (slash <= 0) return undefined;
  const prefix = id.slice(0, slash);
  const mapping = MODEL_TYPES.find((m) => m.prefix === prefix);
  return mapping === undefined ? undefined : { modelType: mapping.modelType, model: id.slice(slash + 1) };
}
