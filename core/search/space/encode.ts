/**
 * Configurations as points of [0, 1]^d for model-based search (the Gaussian process of
 * Bayesian optimisation): ranges are scaled (log ranges on a log scale), an unordered choice is
 * one-hot, a subset is one membership bit per value, a bool is 0/1. A conditional dimension that
 * is inactive takes a fixed value no active configuration has (-0.5 for ranges and ordered
 * choices, 0.5 for a bool, all zeros for one-hot and subsets), so configurations that share
 * the inactive dimension are close in it and far from every active value.
 */
import type { SearchConfig } from "../../api/search-types";
import { choiceValues, isActive, levelCount, subsetValues } from "./config";
import type { Dimension, ResolvedSpace } from "./types";

/** Where an inactive range or ordered choice sits. */
export const INACTIVE_RANGE = -0.5;
/** Where an inactive bool sits (equally far from false and true). */
export const INACTIVE_BOOL = 0.5;

/** Features of one dimension. */
export function featureCount(dimension: Dimension): number {
  switch (dimension.type) {
    case "int":
    case "float":
    case "bool":
      return 1;
    case "choice":
      return dimension.ordered ? 1 : dimension.values.length;
    case "subset":
      return dimension.values.length;
  }
}

export interface Encoding {
  /** Total features. */
  length: number;
  /** For each feature, the index of its dimension (one lengthscale per dimension). */
  groups: number[];
}

export function encoding(space: ResolvedSpace): Encoding {
  const groups: number[] = [];
  space.dimensions.forEach((d, i) => {
    for (let k = 0; k < featureCount(d); k++) groups.push(i);
  });
  return { length: groups.length, groups };
}

function scale(x: number, min: number, max: number, log: boolean): number {
  if (max === min) return 0.5;
  return log ? (Math.log(x) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (x - min) / (max - min);
}

function encodeDimension(dimension: Dimension, value: SearchConfig[string] | undefined, out: number[]): void {
  switch (dimension.type) {
    case "int":
      out.push(value === undefined ? INACTIVE_RANGE : levelCount(dimension) === 1 ? 0.5 : scale(value as number, dimension.min, dimension.max, dimension.log));
      return;
    case "float":
      out.push(value === undefined ? INACTIVE_RANGE : scale(value as number, dimension.min, dimension.max, dimension.log));
      return;
    case "bool":
      out.push(value === undefined ? INACTIVE_BOOL : value === true ? 1 : 0);
      return;
    case "choice": {
      const values = choiceValues(dimension);
      const at = values.findIndex((v) => v === value);
      if (dimension.ordered) out.push(value === undefined ? INACTIVE_RANGE : values.length === 1 ? 0.5 : at / (values.length - 1));
      else values.forEach((_, i) => out.push(i === at ? 1 : 0));
      return;
    }
    case "subset": {
      const chosen = new Set(Array.isArray(value) ? value : []);
      for (const v of subsetValues(dimension)) out.push(chosen.has(v) ? 1 : 0);
      return;
    }
  }
}

/** The point of a configuration (inactive dimensions at their fixed values). */
export function encodeConfig(space: ResolvedSpace, config: Readonly<SearchConfig>): number[] {
  const out: number[] = [];
  for (const dimension of space.dimensions) encodeDimension(dimension, isActive(dimension, config) ? config[dimension.id] : undefined, out);
  return out;
}
