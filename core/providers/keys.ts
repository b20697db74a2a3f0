/**
 * API keys: from the environment (the entry's `keyEnv`, else the provider's usual variable), or
 * from a host secret store (the desktop app's OS keychain). Never from project files.
 */
import type { ModelEntry } from "../api/schemas";
import { redactor } from "./redact";

/** A host's secret storage (Electron `safeStorage`, or a 0600 file in the web studio). */
export interface SecretStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Names that hold a value; values never leave the store this way. */
  list(): string[];
}

/** The variable a provider's key is read from when the entry does not name one. */
export function defaultKeyEnv(entry: Pick<ModelEntry, "provider" | "baseUrl" | "keyEnv">): string | undefined {
  if (entry.keyEnv) return entry.keyEnv;
  if (entry.provider === "anthropic") return "ANTHROPIC_API_KEY";
  if (entry.provider !== "openai-compatible") return undefined;
  const host = hostOf(entry.baseUrl);
  if (!host || host === "api.openai.com") return "OPENAI_API_KEY";
  for (const [suffix, variable] of HOSTED_KEY_ENVS) if (host === suffix || host.endsWith(`.${suffix}`)) return variable;
  return undefined;
}

const HOSTED_KEY_ENVS: readonly [string, string][] = [
  ["together.xyz", "TOGETHER_API_KEY"],
  ["together.ai", "TOGETHER_API_KEY"],
  ["groq.com", "GROQ_API_KEY"],
  ["fireworks.ai", "FIREWORKS_API_KEY"],
  ["openrouter.ai", "OPENROUTER_API_KEY"],
  ["deepseek.com", "DEEPSEEK_API_KEY"],
  ["generativelanguage.googleapis.com", "GEMINI_API_KEY"],
  ["anthropic.com", "ANTHROPIC_API_KEY"],
];

function hostOf(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The key for an entry, registered with the redactor before it is returned, so no later
 * error or log can print it.
 */
export function resolveApiKey(entry: Pick<ModelEntry, "provider" | "baseUrl" | "keyEnv">, env: NodeJS.ProcessEnv = process.env, secrets?: SecretStore): string | undefined {
  const variable = defaultKeyEnv(entry);
  const key = (variable ? env[variable] : undefined) ?? (variable ? secrets?.get(variable) : undefined);
  redactor.add(key);
  return key;
}
