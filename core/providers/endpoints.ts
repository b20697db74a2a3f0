/**
 * Known endpoints: each with its default base URL and key variable, so `itasca models add
 * --preset vllm` and `itasca models discover` need no typing of URLs.
 */

export interface EndpointPreset {
  id: string;
  label: string;
  provider: "openai-compatible" | "anthropic";
  baseUrl: string;
  /** The variable the key is read from; local servers need none. */
  keyEnv?: string;
  /** Runs on the user's machine or GPU box (probed by `models discover`). */
  local: boolean;
  /** Ollama also lists its models at /api/tags. */
  ollamaTags?: boolean;
}

export const ENDPOINT_PRESETS: readonly EndpointPreset[] = [
  { id: "vllm", label: "vLLM", provider: "openai-compatible", baseUrl: "http://127.0.0.1:8000/v1", local: true },
  { id: "sglang", label: "SGLang", provider: "openai-compatible", baseUrl: "http://127.0.0.1:30000/v1", local: true },
  { id: "llama-server", label: "llama.cpp llama-server", provider: "openai-compatible", baseUrl: "http://127.0.0.1:8080/v1", local: true },
  { id: "ollama", label: "Ollama", provider: "openai-compatible", baseUrl: "http://127.0.0.1:11434/v1", local: true, ollamaTags: true },
  { id: "lm-studio", label: "LM Studio", provider: "openai-compatible", baseUrl: "http://127.0.0.1:1234/v1", local: true },
  { id: "tgi", label: "Text Generation Inference", provider: "openai-compatible", baseUrl: "http://127.0.0.1:3000/v1", local: true },
  { id: "openai", label: "OpenAI", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", keyEnv: "OPENAI_API_KEY", local: false },
  { id: "together", label: "Together", provider: "openai-compatible", baseUrl: "https://api.together.xyz/v1", keyEnv: "TOGETHER_API_KEY", local: false },
  { id: "groq", label: "Groq", provider: "openai-compatible", baseUrl: "https://api.groq.com/openai/v1", keyEnv: "GROQ_API_KEY", local: false },
  { id: "fireworks", label: "Fireworks", provider: "openai-compatible", baseUrl: "https://api.fireworks.ai/inference/v1", keyEnv: "FIREWORKS_API_KEY", local: false },
  { id: "openrouter", label: "OpenRouter", provider: "openai-compatible", baseUrl: "https://openrouter.ai/api/v1", keyEnv: "OPENROUTER_API_KEY", local: false },
  { id: "deepseek", label: "DeepSeek", provider: "openai-compatible", baseUrl: "https://api.deepseek.com/v1", keyEnv: "DEEPSEEK_API_KEY", local: false },
  { id: "gemini", label: "Google Gemini (OpenAI-compatible)", provider: "openai-compatible", baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai", keyEnv: "GEMINI_API_KEY", local: false },
  { id: "anthropic", label: "Anthropic", provider: "anthropic", baseUrl: "https://api.anthropic.com", keyEnv: "ANTHROPIC_API_KEY", local: false },
];

export function findPreset(id: string): EndpointPreset | undefined {
  return ENDPOINT_PRESETS.find((p) => p.id === id);
}
