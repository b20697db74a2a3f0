/** The real space and algorithm modules as the runner's backend (loaded on demand by the runner). */
import { createAlgorithm } from "../algorithms";
import { createRng, enumerateConfigs, gridSize, loadSearchSpace, materialize, sampleConfig, spaceSize, type ResolvedSpace } from "../space";
import type { SearchBackend } from "./backend-types";

export const realBackend: SearchBackend<ResolvedSpace> = {
  loadSpace: (file, options) => loadSearchSpace(file, options),
  materialize: (space, config) => materialize(space, config),
  spaceSize: (space) => spaceSize(space) ?? Infinity,
  gridSize: (space) => gridSize(space),
  createAlgorithm: (name, space, options) => createAlgorithm(name, space, options),
  sampleConfigs: (space, count, seed) => {
    if ((spaceSize(space) ?? Infinity) <= count) return [...enumerateConfigs(space)];
    const rng = createRng(seed);
    return Array.from({ length: count }, () => sampleConfig(space, rng));
  },
};
