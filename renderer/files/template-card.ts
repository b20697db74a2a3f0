/**
 * What a gallery card shows of a template: its graph (for the thumbnail) and the expected model
 * calls of one query, from the same estimator as the budget meter, so the card and the meter
 * agree once the template is opened.
 */
import type { ModelEntry } from "../../core/api/schemas";
import type { TemplateInfo } from "../../core/api/outputs";
import { estimateArchitecture } from "../../core/cost/estimate";
import type { GraphData } from "../../core/graph/schema";
import { validateArchitecture } from "../../core/validation/validate";

export interface TemplateCard {
  id: string;
  name: string;
  description: string;
  text: string;
  /** Undefined when the file does not load (the card then says so; opening it shows why). */
  graph: GraphData | undefined;
  /** Expected calls per query; undefined when the file does not load. */
  calls: number | undefined;
}

/** @param models the registry's entries, for the estimate's prices; null while unknown (calls do not depend on them) */
export function templateCard(template: TemplateInfo, models: readonly ModelEntry[] | null): TemplateCard {
  const { document } = validateArchitecture(template.text, { file: template.id });
  if (document === undefined) return { ...template, graph: undefined, calls: undefined };
  const graph = { nodes: document.nodes, edges: document.edges };
  return { ...template, graph, calls: estimateArchitecture(graph, models).calls };
}
