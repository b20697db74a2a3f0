/** What the model form says about each field: label, placeholder, help. Data only. */
import type { ProviderKind } from "../../core/api/schemas";
import type { FormField } from "./model-form";

export interface FieldText {
  label: string;
  placeholder?: string;
  help?: string;
}

export const FIELD_TEXT: Readonly<Record<Exclude<FormField, "provider">, FieldText>> = {
  id: { label: "Id", placeholder: "vllm/llama3", help: "The name architecture files use for this model." },
  model: { label: "Model", placeholder: "meta-llama/Meta-Llama-3-8B-Instruct" },
  baseUrl: { label: "Base URL", placeholder: "http://127.0.0.1:8000/v1" },
  keyEnv: { label: "Key variable", placeholder: "OPENAI_API_KEY", help: "Read from the environment or from the keys below. Empty: the provider's usual variable (none for a local server)." },
  priceInPerMTok: { label: "Price in ($ per M tokens)", placeholder: "unknown" },
  priceOutPerMTok: { label: "Price out ($ per M tokens)", placeholder: "unknown" },
  contextLength: { label: "Context length (tokens)", placeholder: "unknown" },
  maxConcurrency: { label: "Max concurrent calls", placeholder: "provider default" },
  rpm: { label: "Requests per minute", placeholder: "no limit" },
  tpm: { label: "Tokens per minute", placeholder: "no limit" },
  timeoutMs: { label: "Timeout per attempt (ms)", placeholder: "provider default" },
  maxRetries: { label: "Max retries", placeholder: "provider default" },
  threads: { label: "CPU threads", placeholder: "cores - 1", help: "Set it on small machines: too many threads run far slower." },
};

/** The model field means a different thing per provider. */
export const MODEL_TEXT: Readonly<Record<ProviderKind, FieldText>> = {
  "openai-compatible": { label: "Model", placeholder: "meta-llama/Meta-Llama-3-8B-Instruct", help: "The name the server knows the model by (its /v1/models list)." },
  anthropic: { label: "Model", placeholder: "claude-sonnet-4-5" },
  "llama-cpp": { label: "GGUF file", placeholder: "presets/models/stories260K.gguf", help: "A path on the host; relative paths resolve against the Itasca install." },
  replay: { label: "Replay file", placeholder: "presets/replay/game24-gpt4-cot.jsonl", help: "A recorded-generations file (presets/replay/README.md)." },
};

/**
 * A few common base URLs offered as suggestions. Restated from the endpoint presets of
 * core/providers (Node-side, which the renderer may not import); kept short on purpose.
 */
export const COMMON_BASE_URLS: readonly { url: string; label: string }[] = [
  { url: "http://127.0.0.1:8000/v1", label: "vLLM" },
  { url: "http://127.0.0.1:8080/v1", label: "llama.cpp llama-server" },
  { url: "http://127.0.0.1:11434/v1", label: "Ollama" },
  { url: "http://127.0.0.1:1234/v1", label: "LM Studio" },
  { url: "https://api.openai.com/v1", label: "OpenAI" },
];

/** The groups the form lays its fields out in. */
export const FIELD_GROUPS: readonly { title: string; fields: readonly Exclude<FormField, "provider" | "id">[] }[] = [
  { title: "Endpoint", fields: ["model", "baseUrl", "keyEnv"] },
  { title: "Prices and size", fields: ["priceInPerMTok", "priceOutPerMTok", "contextLength"] },
  { title: "Limits", fields: ["maxConcurrency", "rpm", "tpm", "timeoutMs", "maxRetries", "threads"] },
];
