/** The palette's content: node types grouped by category, filtered by the search box. */
import type { AnyNodeDefinition, NodeCategory } from "../../core/nodes/define";
import { NODE_DEFINITIONS } from "../../core/nodes/registry";

/** Categories in palette order, with their headings. */
export const CATEGORIES: readonly (readonly [NodeCategory, string])[] = [
  ["io", "Input & output"],
  ["generation", "Generation"],
  ["critique", "Critique"],
  ["selection", "Selection"],
  ["synthesis", "Synthesis"],
  ["testing", "Testing"],
];

export interface PaletteGroup {
  category: NodeCategory;
  label: string;
  items: readonly AnyNodeDefinition[];
}

/** The names the literature uses for a technique, so a search for them finds the node. */
const ALIASES: Readonly<Record<string, string>> = {
  generate: "sample sampling repeated best-of-n ensemble",
  critique: "feedback critic",
  rank: "ranker reranker top-k",
  fuse: "fuser mixture-of-agents moa aggregate",
  verify: "verifier judge",
  vote: "majority self-consistency",
  "unit-test-generate": "codet tests",
  "unit-test-evaluate": "codet tests",
};

/** Whether every word of the query appears in the type, title, description or aliases (case ignored). */
export function matchesSearch(definition: AnyNodeDefinition, query: string): boolean {
  const haystack = `${definition.type} ${definition.title} ${definition.category} ${definition.description} ${ALIASES[definition.type] ?? ""}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "")
    .every((word) => haystack.includes(word));
}

/** Non-empty groups for a search query, categories in palette order, types in registry order. */
export function paletteGroups(query: string, definitions: readonly AnyNodeDefinition[] = NODE_DEFINITIONS): PaletteGroup[] {
  const shown = definitions.filter((definition) => matchesSearch(definition, query));
  return CATEGORIES.map(([category, label]) => ({ category, label, items: shown.filter((d) => d.category === category) })).filter((group) => group.items.length > 0);
}

/** The first sentence of a description: what the palette shows under a title. */
export function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match?.[1] ?? text;
}
