/**
 * Moves in a space: the values coordinate ascent tries for one dimension (coarse levels, then
 * finer steps around the current value), full assignments (a value for every dimension, active
 * or not, so switching a parent on brings back its children's last values), and the local
 * mutations Bayesian optimisation adds to its candidate pool.
 */
import type { SearchConfig } from "../../api/search-types";
import { dimensionLevels, isActive, levelCount, sampleValue, snapInt, type DimensionValue } from "../space/config";
import type { Rng } from "../space/rng";
import type { Dimension, ResolvedSpace } from "../space/types";

/** Values of every dimension, active or not. */
export type Assignment = Record<string, DimensionValue>;

/** Levels an int range is cut into for a coarse sweep. */
const COARSE_LEVELS = 10;
/** Listed in full below this many values. */
const FULL_LEVELS = 12;

export function sampleAssignment(space: ResolvedSpace, rng: Rng): Assignment {
  const out: Assignment = {};
  for (const d of space.dimensions) out[d.id] = sampleValue(d, rng);
  return out;
}

/** The configuration of an assignment: only the dimensions active under it. */
export function project(space: ResolvedSpace, assignment: Assignment): SearchConfig {
  const config: SearchConfig = {};
  for (const d of space.dimensions) {
    const value = assignment[d.id];
    if (value !== undefined && isActive(d, config)) config[d.id] = value;
  }
  return config;
}

/** An assignment completing a configuration: its values, and for inactive dimensions `fill`'s. */
export function assignmentOf(space: ResolvedSpace, config: SearchConfig, fill: Assignment): Assignment {
  const out: Assignment = { ...fill };
  for (const d of space.dimensions) if (config[d.id] !== undefined) out[d.id] = config[d.id] as DimensionValue;
  return out;
}

function toUnit(d: Extract<Dimension, { type: "int" | "float" }>, v: number): number {
  if (d.max === d.min) return 0;
  return d.log ? (Math.log(v) - Math.log(d.min)) / (Math.log(d.max) - Math.log(d.min)) : (v - d.min) / (d.max - d.min);
}

function fromUnit(d: Extract<Dimension, { type: "int" | "float" }>, u: number): number {
  const t = Math.min(1, Math.max(0, u));
  const v = d.log ? Math.exp(Math.log(d.min) + t * (Math.log(d.max) - Math.log(d.min))) : d.min + t * (d.max - d.min);
  return d.type === "int" ? snapInt(d, v) : v;
}

function same(a: DimensionValue, b: DimensionValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function uniqueValues(values: DimensionValue[], current: DimensionValue): DimensionValue[] {
  const out: DimensionValue[] = [];
  for (const v of values) if (!same(v, current) && !out.some((o) => same(o, v))) out.push(v);
  return out;
}

/** A subset with one value added or removed, within the size bounds. */
function toggles(d: Extract<Dimension, { type: "subset" }>, current: string[]): string[][] {
  const values = d.values.map((v) => (typeof v === "string" ? v : v.value));
  const hi = d.maxSize ?? values.length;
  const out: string[][] = [];
  for (const v of values) {
    const next = current.includes(v) ? current.filter((c) => c !== v) : values.filter((x) => current.includes(x) || x === v);
    if (next.length >= d.minSize && next.length <= hi) out.push(next);
  }
  return out;
}

/**
 * The values coordinate ascent tries for a dimension at a resolution: at 0, every value of a
 * small dimension and ten levels of a large range; at r >= 1, the neighbours of the current
 * value a 1/2^r step of the coarse spacing away (ranges only; other dimensions have none).
 */
export function coordinateValues(d: Dimension, current: DimensionValue, resolution: number): DimensionValue[] {
  if (d.type === "int" || d.type === "float") {
    if (resolution === 0) {
      if (d.type === "int" && levelCount(d) <= FULL_LEVELS) return uniqueValues(dimensionLevels(d) ?? [], current);
      const n = d.type === "int" ? COARSE_LEVELS : 7;
      return uniqueValues(Array.from({ length: n }, (_, i) => fromUnit(d, i / (n - 1))), current);
    }
    if (d.type === "int" && levelCount(d) <= FULL_LEVELS) return [];
    const u = toUnit(d, current as number);
    const delta = 1 / ((d.type === "int" ? COARSE_LEVELS : 7) - 1) / 2 ** resolution;
    const candidates = [fromUnit(d, u - delta), fromUnit(d, u + delta)];
    if (d.type === "int") {
      // Below one step the move is to the adjacent value, once.
      const step = d.step;
      if (candidates.every((c) => c === current)) return resolution > 8 ? [] : uniqueValues([(current as number) - step, (current as number) + step].filter((v) => v >= d.min && v <= d.max), current);
    }
    return uniqueValues(candidates, current);
  }
  if (resolution > 0) return [];
  if (d.type === "subset") {
    const all = dimensionLevels(d);
    return uniqueValues(all !== null && all.length <= 32 ? all : toggles(d, current as string[]), current);
  }
  return uniqueValues(dimensionLevels(d) ?? [], current);
}

/** A nearby value: a Gaussian step (a tenth of the range) on a range, another value otherwise. */
export function mutateValue(d: Dimension, current: DimensionValue, rng: Rng): DimensionValue {
  if (d.type === "int" || d.type === "float") {
    const u = toUnit(d, current as number) + 0.12 * rng.normal();
    const v = fromUnit(d, u);
    if (d.type === "int" && v === current) {
      const step = rng.next() < 0.5 ? -d.step : d.step;
      return Math.min(d.max, Math.max(d.min, (current as number) + step));
    }
    return v;
  }
  if (d.type === "subset") {
    const moves = toggles(d, current as string[]);
    return moves.length === 0 ? current : rng.pick(moves);
  }
  return sampleValue(d, rng);
}

/** A configuration one or two dimensions away from `config` (children brought to life are sampled). */
export function mutateConfig(space: ResolvedSpace, config: SearchConfig, rng: Rng): SearchConfig {
  const active = space.dimensions.filter((d) => config[d.id] !== undefined);
  if (active.length === 0) return config;
  const assignment: Assignment = {};
  for (const d of space.dimensions) assignment[d.id] = config[d.id] ?? sampleValue(d, rng);
  const changes = active.length > 1 && rng.next() < 0.3 ? 2 : 1;
  for (let i = 0; i < changes; i++) {
    const d = rng.pick(active);
    assignment[d.id] = mutateValue(d, assignment[d.id] as DimensionValue, rng);
  }
  return project(space, assignment);
}

/**
 * A Latin-hypercube design of `count` configurations: each range is cut into `count` equal
 * strata (on its log scale for log ranges) and each stratum used once; each choice, bool and
 * (listable) subset value is used equally often. Columns are shuffled independently, then each
 * row is projected onto the dimensions active under it. Covers the space more evenly than
 * independent draws, so a model sees every option early.
 */
export function latinDesign(space: ResolvedSpace, count: number, rng: Rng): SearchConfig[] {
  if (count <= 0) return [];
  const columns = space.dimensions.map((d): DimensionValue[] => {
    if (d.type === "int" || d.type === "float") {
      const strata = rng.shuffle(Array.from({ length: count }, (_, i) => i));
      return strata.map((s) => fromUnit(d, (s + rng.next()) / count));
    }
    const levels = dimensionLevels(d);
    if (levels === null || levels.length > 10_000) return Array.from({ length: count }, () => sampleValue(d, rng));
    const offset = rng.int(levels.length);
    return rng.shuffle(Array.from({ length: count }, (_, i) => levels[(offset + i) % levels.length] as DimensionValue));
  });
  return Array.from({ length: count }, (_, i) => {
    const assignment: Assignment = {};
    space.dimensions.forEach((d, k) => (assignment[d.id] = columns[k]?.[i] as DimensionValue));
    return project(space, assignment);
  });
}
