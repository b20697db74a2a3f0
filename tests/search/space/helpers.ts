/** Loading the fixture and preset spaces, and the registry's model ids, for the search tests. */
import { fileURLToPath } from "node:url";
import { BUILTIN_MODELS } from "../../../core/api/builtin-models";
import { loadSearchSpace, type ResolvedSpace } from "../../../core/search/space";

export const knownModels = (id: string): boolean => BUILTIN_MODELS.some((m) => m.id === id);

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/search/${name}`, import.meta.url));
}

export function presetPath(name: string): string {
  return fileURLToPath(new URL(`../../../presets/spaces/${name}`, import.meta.url));
}

export function loadFixtureSpace(name: string): Promise<ResolvedSpace> {
  return loadSearchSpace(fixturePath(`${name}.space.json`), { knownModels });
}

export function loadPresetSpace(name: string): Promise<ResolvedSpace> {
  return loadSearchSpace(presetPath(`${name}.space.json`), { knownModels });
}
