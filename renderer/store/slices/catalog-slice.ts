/** What the host knows beyond the document: the model registry, for pickers and validation. */
import type { StateCreator } from "zustand";
import type { ModelEntry } from "../../../core/api/schemas";
import type { ItascaState } from "../state";

export interface CatalogSlice {
  /** The host's model registry; null until the host answered (model ids are not checked until then). */
  models: readonly ModelEntry[] | null;
  /** The registry's ids, kept as one array so derived diagnostics can cache on it. */
  modelIds: readonly string[] | null;
  setModels(models: readonly ModelEntry[]): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], CatalogSlice>;

export const createCatalogSlice: Creator = (set) => ({
  models: null,
  modelIds: null,
  setModels: (models) => set({ models, modelIds: models.map((model) => model.id) }),
});
