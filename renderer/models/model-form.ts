/**
 * The model form's pure logic: a registry entry as text fields, and back, with the errors the
 * form shows under each field. Checked with the host's own schema (ModelEntrySchema) plus
 * the host's extra rule, so what passes here is what `models.save` accepts.
 */
import { KeyNameSchema, ModelEntrySchema, type ModelEntry, type ProviderKind } from "../../core/api/schemas";

/** Fields typed as text (the inputs' own values). */
export const TEXT_FIELDS = ["id", "model", "baseUrl", "keyEnv"] as const;
/** Fields typed as numbers; empty means "not set" (the host's default applies). */
export const NUMBER_FIELDS = ["priceInPerMTok", "priceOutPerMTok", "contextLength", "maxConcurrency", "rpm", "tpm", "timeoutMs", "maxRetries", "threads"] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
/** Every field of the form, named as in the entry. */
export type FormField = "provider" | TextField | NumberField;

/** The form's state: what the inputs show, as typed. */
export type ModelFormValues = { provider: ProviderKind } & Record<TextField | NumberField, string>;

/** One message per field that is wrong; absent fields are fine. */
export type FormErrors = Partial<Record<FormField, string>>;

export type FormResult = { ok: true; entry: ModelEntry } | { ok: false; errors: FormErrors };

/** Fields that only mean something for some providers; the others apply to every provider. */
const ONLY_FOR: Partial<Record<FormField, readonly ProviderKind[]>> = {
  baseUrl: ["openai-compatible", "anthropic"],
  keyEnv: ["openai-compatible", "anthropic"],
  threads: ["llama-cpp"],
};

/** Whether the form shows `field` for `provider` (a hidden field is never saved). */
export function fieldApplies(field: FormField, provider: ProviderKind): boolean {
  return ONLY_FOR[field]?.includes(provider) ?? true;
}

/** A blank form for a new entry. @param provider @default "openai-compatible" (the usual thing to add) */
export function emptyForm(provider: ProviderKind = "openai-compatible"): ModelFormValues {
  const blank = Object.fromEntries([...TEXT_FIELDS, ...NUMBER_FIELDS].map((name) => [name, ""])) as Record<TextField | NumberField, string>;
  return { provider, ...blank };
}

/** The form showing an existing entry. */
export function formFromEntry(entry: ModelEntry): ModelFormValues {
  const form = emptyForm(entry.provider);
  for (const name of TEXT_FIELDS) form[name] = entry[name] ?? "";
  for (const name of NUMBER_FIELDS) {
    const value = entry[name];
    form[name] = value === undefined ? "" : String(value);
  }
  return form;
}

/** Why `text` is not a plain http(s) URL, or null when it is one. */
function urlError(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? null : "expected an http:// or https:// URL";
  } catch {
    return "expected a URL such as http://127.0.0.1:8000/v1";
  }
}

/**
 * The entry the form describes, or an error per wrong field. Text is trimmed, empty optional
 * fields are left out, and fields that do not apply to the provider are dropped.
 */
export function entryFromForm(form: ModelFormValues): FormResult {
  const errors: FormErrors = {};
  const draft: Record<string, unknown> = { provider: form.provider };
  for (const name of TEXT_FIELDS) {
    const text = form[name].trim();
    // id and model are required: keep them even when empty so the schema names the field.
    if (fieldApplies(name, form.provider) && (text !== "" || name === "id" || name === "model")) draft[name] = text;
  }
  for (const name of NUMBER_FIELDS) {
    const text = form[name].trim();
    if (text === "" || !fieldApplies(name, form.provider)) continue;
    const value = Number(text);
    if (Number.isFinite(value)) draft[name] = value;
    else errors[name] = "expected a number";
  }

  const parsed = ModelEntrySchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === "string" && isFormField(field)) errors[field] ??= issueMessage(field, issue.message);
    }
  }
  const baseUrl = typeof draft.baseUrl === "string" ? draft.baseUrl : "";
  // The host's rule beyond the schema (core/studio/model-handlers.ts): a chat-completions server needs an address.
  if (form.provider === "openai-compatible" && baseUrl === "") errors.baseUrl ??= "an openai-compatible model needs a base URL, e.g. http://127.0.0.1:8000/v1";
  if (baseUrl !== "") {
    const problem = urlError(baseUrl);
    if (problem !== null) errors.baseUrl ??= problem;
  }
  // The key is set under this name through keys.set, which only takes environment-variable names.
  if (typeof draft.keyEnv === "string" && !KeyNameSchema.safeParse(draft.keyEnv).success) errors.keyEnv ??= "expected an environment-variable name such as OPENAI_API_KEY";

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, entry: parsed.data };
}

function isFormField(name: string): name is FormField {
  return name === "provider" || (TEXT_FIELDS as readonly string[]).includes(name) || (NUMBER_FIELDS as readonly string[]).includes(name);
}

/** zod's wording for the common cases, said the way the form says things. */
function issueMessage(field: FormField, message: string): string {
  if (field === "id" || field === "model") return message.includes(">=1") || message.toLowerCase().includes("too small") ? "required" : message;
  if (/expected int/i.test(message)) return "expected a whole number";
  if (/>=0|>= 0/.test(message)) return "must be 0 or more";
  if (/>0|> 0/.test(message)) return "must be more than 0";
  return message;
}

/** Why `name` cannot name a key (keys are stored under environment-variable names), or null. */
export function keyNameError(name: string): string | null {
  if (name === "") return "enter the variable name, e.g. OPENAI_API_KEY";
  return KeyNameSchema.safeParse(name).success ? null : "expected an environment-variable name: capitals, digits and _, e.g. OPENAI_API_KEY";
}

/**
 * Why `text` cannot be probed by discover, or null. The host only probes this machine
 * (core/providers/discover.ts), so a remote address is refused here before the round trip.
 */
export function extraUrlError(text: string): string | null {
  const problem = urlError(text);
  if (problem !== null) return problem;
  const host = new URL(text).hostname;
  const local = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  return local ? null : "discover probes this machine only: use 127.0.0.1, localhost or [::1]";
}
