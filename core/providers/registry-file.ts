/**
 * `models.json`: the user's model entries in the data dir, and optionally a project's own file
 * (`itasca.models.json`) next to an architecture. Later layers override earlier ones by id:
 * built-in, then user, then project.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { BUILTIN_MODELS } from "../api/builtin-models";
import type { ModelSource } from "../api/outputs";
import { ModelEntrySchema, type ModelEntry } from "../api/schemas";
import { dataDir } from "../paths/data-dir";
import { ModelRegistry } from "./models";
import { listPrice, PRICES_AS_OF } from "./prices";

export const USER_MODELS_FILE = "models.json";
export const PROJECT_MODELS_FILE = "itasca.models.json";

const ModelsFileSchema = z.object({ $schema: z.string().optional(), models: z.array(ModelEntrySchema) }).strict();

export interface LoadedRegistry {
  registry: ModelRegistry;
  /** Where each entry came from. */
  sources: Map<string, ModelSource>;
  /** Entries priced from the built-in list (their file names no price), with that list's date. */
  listPriced: Map<string, string>;
  userFile: string;
  projectFile?: string;
}

export class ModelsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelsFileError";
  }
}

export function userModelsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), USER_MODELS_FILE);
}

/** Reads one models file; a missing file is an empty list, a broken one an error naming file and path. */
export function readModelsFile(file: string): ModelEntry[] {
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ModelsFileError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or delete the file`);
  }
  const parsed = ModelsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") : "";
    throw new ModelsFileError(`${file}: ${path || "$"}: ${issue?.message ?? "invalid"}; expected {"models": [{"id", "provider", "model", ...}]}`);
  }
  const ids = new Set<string>();
  for (const [i, entry] of parsed.data.models.entries()) {
    if (ids.has(entry.id)) throw new ModelsFileError(`${file}: models[${i}].id: "${entry.id}" appears twice; ids must be unique`);
    ids.add(entry.id);
  }
  return parsed.data.models;
}

export function writeModelsFile(file: string, models: readonly ModelEntry[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ models }, null, 2)}\n`);
}

/** Fills in list prices for hosted models whose entry names none. */
export function withListPrices(entry: ModelEntry): ModelEntry {
  if (entry.priceInPerMTok !== undefined || entry.priceOutPerMTok !== undefined || entry.provider === "llama-cpp" || entry.provider === "replay") return entry;
  const price = listPrice(entry.model);
  return price ? { ...entry, priceInPerMTok: price.in, priceOutPerMTok: price.out } : entry;
}

/**
 * The registry for a command: built-in entries, the user's models.json, and the project file
 * next to `architectureFile` when there is one.
 */
export function loadModelRegistry(options: { env?: NodeJS.ProcessEnv; architectureFile?: string } = {}): LoadedRegistry {
  const sources = new Map<string, ModelSource>(BUILTIN_MODELS.map((m) => [m.id, "built-in"]));
  const userFile = userModelsPath(options.env);
  const user = readModelsFile(userFile);
  for (const m of user) sources.set(m.id, "user");
  const projectFile = options.architectureFile ? join(dirname(options.architectureFile), PROJECT_MODELS_FILE) : undefined;
  const project = projectFile ? readModelsFile(projectFile) : [];
  for (const m of project) sources.set(m.id, "project");
  const listPriced = new Map<string, string>();
  const entries = [...user, ...project].map((entry) => {
    const priced = withListPrices(entry);
    // In layer order, so a later layer's entry decides.
    if (priced === entry) listPriced.delete(entry.id);
    else listPriced.set(entry.id, PRICES_AS_OF);
    return priced;
  });
  const registry = new ModelRegistry().withEntries(entries);
  return { registry, sources, listPriced, userFile, ...(projectFile && existsSync(projectFile) ? { projectFile } : {}) };
}
