/**
 * Configurations of a space: which dimensions are active, the values each dimension takes,
 * sampling, a canonical key (what "the same configuration" means), checks, the size of the
 * space and its enumeration. Pure functions of the resolved space.
 */
import { choiceOptions, conditionHolds, conditionsOf, subsetOptions, type Condition, type Scalar } from "../../api/search-space";
import type { SearchConfig } from "../../api/search-types";
import { SearchConfigError } from "./errors";
import type { Rng } from "./rng";
import type { Dimension, ResolvedSpace } from "./types";

export type DimensionValue = SearchConfig[string];

/** Subsets of more values than this are not listed (enumeration, grid); they are still sampled. */
const MAX_LISTED_SUBSETS = 100_000;

/** Whether a dimension exists given the values of the dimensions before it. */
export function isActive(dimension: Dimension, config: Readonly<SearchConfig>): boolean {
  return conditionsOf(dimension).every((c) => conditionHolds(c, config[c.dimension]));
}

/** The dimensions that have a value in this configuration, in space order. */
export function activeDimensions(space: ResolvedSpace, config: Readonly<SearchConfig>): Dimension[] {
  return space.dimensions.filter((d) => isActive(d, config));
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

function subsetBounds(dimension: Extract<Dimension, { type: "subset" }>): [number, number] {
  return [dimension.minSize, dimension.maxSize ?? dimension.values.length];
}

/** How many values a dimension takes (Infinity for a float range). */
export function levelCount(dimension: Dimension): number {
  switch (dimension.type) {
    case "int":
      return Math.floor((dimension.max - dimension.min) / dimension.step) + 1;
    case "float":
      return Infinity;
    case "bool":
      return 2;
    case "choice":
      return dimension.values.length;
    case "subset": {
      const [lo, hi] = subsetBounds(dimension);
      let total = 0;
      for (let k = lo; k <= hi; k++) total += binomial(dimension.values.length, k);
      return total;
    }
  }
}

/** The values of a subset dimension, in declaration order. */
export function subsetValues(dimension: Extract<Dimension, { type: "subset" }>): string[] {
  return subsetOptions(dimension).map((o) => o.value);
}

/** The values of a choice dimension, in declaration order. */
export function choiceValues(dimension: Extract<Dimension, { type: "choice" }>): Scalar[] {
  return choiceOptions(dimension).map((o) => o.value);
}

/** Every subset of `values` with a size in [lo, hi], smallest first, then in declaration order. */
function listSubsets(values: readonly string[], lo: number, hi: number): string[][] {
  const out: string[][] = [];
  const pick = (start: number, size: number, chosen: string[]): void => {
    if (chosen.length === size) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i <= values.length - (size - chosen.length); i++) {
      chosen.push(values[i] as string);
      pick(i + 1, size, chosen);
      chosen.pop();
    }
  };
  for (let size = lo; size <= hi; size++) pick(0, size, []);
  return out;
}

/**
 * Every value of a dimension, in order (ints ascending, choices and subsets in declaration
 * order); a float range gives its `grid` levels. Null for a subset too large to list.
 */
export function dimensionLevels(dimension: Dimension): DimensionValue[] | null {
  switch (dimension.type) {
    case "int":
      return Array.from({ length: levelCount(dimension) }, (_, i) => dimension.min + i * dimension.step);
    case "float": {
      const { min, max, grid, log } = dimension;
      return Array.from({ length: grid }, (_, i) => {
        const t = i / (grid - 1);
        return log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
      });
    }
    case "bool":
      return [false, true];
    case "choice":
      return choiceValues(dimension);
    case "subset": {
      if (levelCount(dimension) > MAX_LISTED_SUBSETS) return null;
      const [lo, hi] = subsetBounds(dimension);
      return listSubsets(subsetValues(dimension), lo, hi);
    }
  }
}

/** The int value nearest to `x` on the dimension's step grid. */
export function snapInt(dimension: Extract<Dimension, { type: "int" }>, x: number): number {
  const i = Math.round((x - dimension.min) / dimension.step);
  const clamped = Math.min(Math.max(i, 0), levelCount(dimension) - 1);
  return dimension.min + clamped * dimension.step;
}

/** One value drawn uniformly (log-uniformly for `log` ranges; subsets: a uniform size, then a uniform subset of it). */
export function sampleValue(dimension: Dimension, rng: Rng): DimensionValue {
  switch (dimension.type) {
    case "int": {
      if (!dimension.log) return dimension.min + dimension.step * rng.int(levelCount(dimension));
      // Log-uniform over [min - 0.5, max + 0.5] so the end values get their share.
      const lo = Math.log(Math.max(dimension.min - 0.5, 0.5));
      const hi = Math.log(dimension.max + 0.5);
      return snapInt(dimension, Math.exp(lo + rng.next() * (hi - lo)));
    }
    case "float": {
      const { min, max, log } = dimension;
      const t = rng.next();
      return log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
    }
    case "bool":
      return rng.next() < 0.5;
    case "choice":
      return rng.pick(choiceValues(dimension));
    case "subset": {
      const values = subsetValues(dimension);
      const [lo, hi] = subsetBounds(dimension);
      const size = lo + rng.int(hi - lo + 1);
      const chosen = new Set(rng.shuffle(values.map((_, i) => i)).slice(0, size));
      return values.filter((_, i) => chosen.has(i));
    }
  }
}

/** A configuration drawn dimension by dimension (each active dimension independently, as random search does). */
export function sampleConfig(space: ResolvedSpace, rng: Rng): SearchConfig {
  const config: SearchConfig = {};
  for (const dimension of space.dimensions) if (isActive(dimension, config)) config[dimension.id] = sampleValue(dimension, rng);
  return config;
}

/** The configuration restricted to its active dimensions, subsets in declaration order. */
export function normalizeConfig(space: ResolvedSpace, config: Readonly<SearchConfig>): SearchConfig {
  const out: SearchConfig = {};
  for (const dimension of space.dimensions) {
    if (!isActive(dimension, out)) continue;
    const value = config[dimension.id];
    if (value === undefined) continue;
    if (dimension.type === "subset" && Array.isArray(value)) {
      const order = subsetValues(dimension);
      out[dimension.id] = [...value].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    } else out[dimension.id] = value;
  }
  return out;
}

/** A canonical text for a configuration: two configurations are the same exactly when their keys are. */
export function configKey(space: ResolvedSpace, config: Readonly<SearchConfig>): string {
  const normal = normalizeConfig(space, config);
  return JSON.stringify(space.dimensions.filter((d) => d.id in normal).map((d) => [d.id, normal[d.id]]));
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** What is wrong with a value for a dimension, or undefined when it fits. */
export function valueProblem(dimension: Dimension, value: unknown): string | undefined {
  switch (dimension.type) {
    case "int": {
      if (typeof value !== "number" || !Number.isInteger(value)) return `must be an integer, got ${show(value)}`;
      if (value < dimension.min || value > dimension.max) return `must be between ${dimension.min} and ${dimension.max}, got ${value}`;
      if ((value - dimension.min) % dimension.step !== 0) return `must be ${dimension.min} plus a multiple of ${dimension.step}, got ${value}`;
      return undefined;
    }
    case "float":
      if (typeof value !== "number" || !Number.isFinite(value)) return `must be a number, got ${show(value)}`;
      return value < dimension.min || value > dimension.max ? `must be between ${dimension.min} and ${dimension.max}, got ${value}` : undefined;
    case "bool":
      return typeof value === "boolean" ? undefined : `must be true or false, got ${show(value)}`;
    case "choice":
      return choiceValues(dimension).some((v) => v === value) ? undefined : `must be one of ${choiceValues(dimension).map(show).join(", ")}, got ${show(value)}`;
    case "subset": {
      const values = subsetValues(dimension);
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return `must be a list of ${values.map(show).join(", ")}, got ${show(value)}`;
      const unknown = value.find((v) => !values.includes(v as string));
      if (unknown !== undefined) return `has ${show(unknown)}, which is not one of ${values.map(show).join(", ")}`;
      if (new Set(value).size !== value.length) return `lists a value twice: ${show(value)}`;
      const [lo, hi] = subsetBounds(dimension);
      return value.length < lo || value.length > hi ? `must hold ${lo === hi ? lo : `${lo} to ${hi}`} values, got ${value.length}` : undefined;
    }
  }
}

/** Every problem of a configuration for its space: unknown keys, missing or inactive dimensions, bad values. */
export function configProblems(space: ResolvedSpace, config: Readonly<SearchConfig>): string[] {
  const problems: string[] = [];
  const known = new Set(space.dimensions.map((d) => d.id));
  for (const key of Object.keys(config)) if (!known.has(key)) problems.push(`"${key}" is not a dimension of space "${space.name}"`);
  for (const dimension of space.dimensions) {
    const value = config[dimension.id];
    const active = isActive(dimension, config);
    if (!active) {
      if (value !== undefined) problems.push(`"${dimension.id}" is given, but its condition does not hold (${describeConditions(conditionsOf(dimension))})`);
      continue;
    }
    if (value === undefined) {
      problems.push(`"${dimension.id}" is missing`);
      continue;
    }
    const problem = valueProblem(dimension, value);
    if (problem !== undefined) problems.push(`"${dimension.id}" ${problem}`);
  }
  return problems;
}

/** Throws {@link SearchConfigError} listing every problem of a configuration. */
export function assertConfig(space: ResolvedSpace, config: Readonly<SearchConfig>): void {
  const problems = configProblems(space, config);
  if (problems.length > 0) throw new SearchConfigError(`configuration ${show(config)} does not fit space "${space.name}": ${problems.join("; ")}`);
}

/** `fusion_layers >= 1 and critic = true`: how a condition reads in messages. */
export function describeConditions(conditions: readonly Condition[]): string {
  return conditions
    .map((c) => {
      if (c.equals !== undefined) return `${c.dimension} = ${show(c.equals)}`;
      if (c.in !== undefined) return `${c.dimension} in ${show(c.in)}`;
      if (c.contains !== undefined) return `${c.dimension} contains ${show(c.contains)}`;
      return [c.min === undefined ? "" : `${c.dimension} >= ${c.min}`, c.max === undefined ? "" : `${c.dimension} <= ${c.max}`].filter((s) => s !== "").join(" and ");
    })
    .join(" and ");
}

/** The indices of the dimensions whose conditions refer to each dimension. */
function dependents(space: ResolvedSpace): Map<string, Condition[]> {
  const out = new Map<string, Condition[]>();
  for (const d of space.dimensions) for (const c of conditionsOf(d)) out.set(c.dimension, [...(out.get(c.dimension) ?? []), c]);
  return out;
}

/**
 * The number of configurations; null when a float range is active somewhere (continuous).
 * Only the values conditions can tell apart are branched on, so it is fast for large spaces.
 */
export function spaceSize(space: ResolvedSpace): number | null {
  const refs = dependents(space);
  const count = (index: number, config: SearchConfig): number => {
    const dimension = space.dimensions[index];
    if (dimension === undefined) return 1;
    if (!isActive(dimension, config)) return count(index + 1, config);
    if (dimension.type === "float") return Infinity;
    const conditions = refs.get(dimension.id);
    if (conditions === undefined) return levelCount(dimension) * count(index + 1, config);
    const levels = dimensionLevels(dimension);
    if (levels === null) return Infinity;
    // Group the values by what the conditions on them say: values in one group lead to the same sub-space.
    const groups = new Map<string, { value: DimensionValue; size: number }>();
    for (const value of levels) {
      const signature = conditions.map((c) => (conditionHolds(c, value) ? "1" : "0")).join("");
      const group = groups.get(signature);
      if (group) group.size++;
      else groups.set(signature, { value, size: 1 });
    }
    let total = 0;
    for (const { value, size } of groups.values()) total += size * count(index + 1, { ...config, [dimension.id]: value });
    return total;
  };
  const total = count(0, {});
  return Number.isFinite(total) ? total : null;
}

/**
 * Every configuration, in lexicographic order of the dimensions (the first varies slowest);
 * float ranges take their `grid` levels. What grid search walks.
 * @throws SearchConfigError for a subset dimension too large to list
 */
export function* enumerateConfigs(space: ResolvedSpace): Generator<SearchConfig> {
  const levels = space.dimensions.map((d) => {
    const l = dimensionLevels(d);
    if (l === null) throw new SearchConfigError(`dimension "${d.id}" has more than ${MAX_LISTED_SUBSETS} subsets to list; narrow minSize/maxSize to enumerate it`);
    return l;
  });
  function* walk(index: number, config: SearchConfig): Generator<SearchConfig> {
    const dimension = space.dimensions[index];
    if (dimension === undefined) {
      yield { ...config };
      return;
    }
    if (!isActive(dimension, config)) {
      yield* walk(index + 1, config);
      return;
    }
    for (const value of levels[index] ?? []) {
      config[dimension.id] = value;
      yield* walk(index + 1, config);
    }
    delete config[dimension.id];
  }
  yield* walk(0, {});
}

/** The number of configurations grid search visits: the space's size with float ranges at their grid levels. */
export function gridSize(space: ResolvedSpace): number {
  const discrete: ResolvedSpace = {
    ...space,
    dimensions: space.dimensions.map((d) => (d.type === "float" ? { id: d.id, type: "choice", values: dimensionLevels(d) as number[], param: d.param, ordered: true, ...(d.when === undefined ? {} : { when: d.when }) } : d)),
  };
  return spaceSize(discrete) ?? Infinity;
}
