/** What the preset tests share: where the presets live, and the calls a description promises. */
import { readdirSync } from "node:fs";
import type { Architecture } from "../../core/graph/schema";
import { estimateArchitecture } from "../../core/cost/estimate";
import type { ModelRegistry } from "../../core/providers/models";
import { loadArchitecture, ROOT } from "../helpers/architectures";

export const PRESETS_DIR = "presets/architectures/";

/** The one phrase every preset description uses for its call count. */
export const EXPECTED_CALLS_PHRASE = "Expected calls per query: ";

/** The N of "Expected calls per query: N" in the architecture's description. */
export function expectedCallsOf(architecture: Architecture): number {
  const match = /Expected calls per query: (\d+)\b/.exec(architecture.description ?? "");
  if (!match?.[1]) throw new Error(`${architecture.name}: the description does not say "${EXPECTED_CALLS_PHRASE}N"`);
  return Number(match[1]);
}

export interface Preset {
  file: string;
  architecture: Architecture;
  /** The providers of the models its calling nodes use (the estimator's view of each node's model). */
  providers: Set<string>;
}

/** Every shipped preset, loaded through the real validator. */
export function loadPresets(models: ModelRegistry): Preset[] {
  return readdirSync(`${ROOT}${PRESETS_DIR}`)
    .filter((f) => f.endsWith(".itasca.json"))
    .sort()
    .map((file) => {
      const architecture = loadArchitecture(`${PRESETS_DIR}${file}`);
      const estimate = estimateArchitecture(architecture, models.list());
      const providers = new Set([...estimate.nodes.values()].flatMap((n) => (n.model === undefined ? [] : [models.get(n.model)?.provider ?? "unknown"])));
      return { file, architecture, providers };
    });
}
