/**
 * `materialize(space, config)`: the architecture a configuration stands for. The template is
 * copied, then, in this order: subsets with `clone` make one node per chosen value; `repeat`
 * dimensions copy their chain; nodes switched off (`enable` on a bool, a choice's options, a
 * subset's options) are bypassed; params are set on every copy of their node. An inactive
 * dimension applies its `default`, if it has one, else leaves the template as it is.
 */
import { createHash } from "node:crypto";
import { choiceOptions, subsetOptions, type ChoiceOption } from "../../api/search-space";
import type { SearchConfig } from "../../api/search-types";
import type { Architecture } from "../../graph/schema";
import { assertConfig, configKey, isActive, normalizeConfig, type DimensionValue } from "./config";
import { bypass, cloneNode, repeatChain, setParam, workGraph } from "./graph-edit";
import type { Dimension, ResolvedSpace } from "./types";

/** `"generate.samples"` -> `["generate", "samples"]`: the param is what follows the last dot. */
export function splitAddress(address: string): [node: string, param: string] {
  const at = address.lastIndexOf(".");
  return [address.slice(0, at), address.slice(at + 1)];
}

/** A node list as written (`"a"` or `["a", "b"]`) as a list. */
export function nodeList(value: string | readonly string[]): string[] {
  return typeof value === "string" ? [value] : [...value];
}

/** The value each dimension applies: its config value when active, else its default (or nothing). */
function effectiveValues(space: ResolvedSpace, config: SearchConfig): Map<string, DimensionValue> {
  const values = new Map<string, DimensionValue>();
  for (const dimension of space.dimensions) {
    const value = isActive(dimension, config) ? config[dimension.id] : dimension.default;
    if (value !== undefined) values.set(dimension.id, value);
  }
  return values;
}

function chosenOption(dimension: Extract<Dimension, { type: "choice" }>, value: DimensionValue): ChoiceOption | undefined {
  return choiceOptions(dimension).find((o) => o.value === value);
}

/** Template node ids a dimension switches off for its value. */
function disabledBy(dimension: Dimension, value: DimensionValue): string[] {
  if (dimension.type === "bool" && dimension.enable !== undefined) return value === false ? nodeList(dimension.enable) : [];
  if (dimension.type === "choice") {
    const options = choiceOptions(dimension);
    const controlled = new Set(options.flatMap((o) => o.enable ?? []));
    const kept = new Set(chosenOption(dimension, value)?.enable ?? []);
    return [...controlled].filter((id) => !kept.has(id));
  }
  if (dimension.type === "subset" && dimension.clone === undefined) {
    const options = subsetOptions(dimension) as { value: string; enable?: string[] }[];
    const chosen = new Set(Array.isArray(value) ? value : []);
    const controlled = new Set(options.flatMap((o) => o.enable ?? []));
    const kept = new Set(options.filter((o) => chosen.has(o.value)).flatMap((o) => o.enable ?? []));
    return [...controlled].filter((id) => !kept.has(id));
  }
  return [];
}

/** `[node, param, value]` assignments a dimension makes for its value. */
function assignments(dimension: Dimension, value: DimensionValue): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  if ((dimension.type === "int" || dimension.type === "float" || dimension.type === "bool" || dimension.type === "choice") && dimension.param !== undefined) {
    out.push([...splitAddress(dimension.param), value]);
  }
  if (dimension.type === "choice") {
    for (const [address, v] of Object.entries(chosenOption(dimension, value)?.set ?? {})) out.push([...splitAddress(address), v]);
  }
  return out;
}

/** The first 8 hex digits of the SHA-256 of the configuration's canonical key. */
export function configHash(space: ResolvedSpace, config: Readonly<SearchConfig>): string {
  return createHash("sha256").update(configKey(space, config)).digest("hex").slice(0, 8);
}

/**
 * The architecture of a configuration, named `<space>-<hash of the config>`. It validates
 * whenever the space does (the loader materialises every dimension's values once to check).
 * @throws SearchConfigError when the configuration does not fit the space
 */
export function materialize(space: ResolvedSpace, config: SearchConfig): Architecture {
  assertConfig(space, config);
  const normal = normalizeConfig(space, config);
  const values = effectiveValues(space, normal);
  const graph = workGraph(space.template.nodes, space.template.edges);

  for (const dimension of space.dimensions) {
    const value = values.get(dimension.id);
    if (value === undefined || dimension.type !== "subset" || dimension.clone === undefined) continue;
    const [node, param] = splitAddress(dimension.clone);
    cloneNode(graph, node, param, value as string[]);
  }
  for (const dimension of space.dimensions) {
    const value = values.get(dimension.id);
    if (value === undefined || dimension.type !== "int" || dimension.repeat === undefined) continue;
    repeatChain(graph, nodeList(dimension.repeat), value as number);
  }
  const disabled = new Set<string>();
  for (const dimension of space.dimensions) {
    const value = values.get(dimension.id);
    if (value !== undefined) for (const id of disabledBy(dimension, value)) disabled.add(id);
  }
  for (const node of space.template.nodes) {
    if (disabled.has(node.id)) for (const id of graph.derived.get(node.id) ?? []) bypass(graph, id);
  }
  for (const dimension of space.dimensions) {
    const value = values.get(dimension.id);
    if (value === undefined) continue;
    for (const [node, param, v] of assignments(dimension, value)) setParam(graph, node, param, v);
  }

  const architecture: Architecture = {
    ...(space.template.$schema === undefined ? {} : { $schema: space.template.$schema }),
    version: space.template.version,
    name: `${space.name}-${configHash(space, normal)}`,
    description: `Search space "${space.name}" at ${JSON.stringify(normal)}${space.template.description === undefined ? "" : `. Template: ${space.template.description}`}`,
    nodes: graph.nodes,
    edges: graph.edges,
  };
  return architecture;
}
