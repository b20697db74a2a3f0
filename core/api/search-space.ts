/**
 * The search-space file (`*.space.json`): a template architecture plus the dimensions a search
 * varies. Renderer-safe (zod and types only), so the designer's Search view can build a space
 * from the canvas and check it before the host resolves it (core/search/space loads a file,
 * checks every dimension against the template and materialises configurations).
 *
 * A dimension has an `id` (the key of its value in a `SearchConfig`), a `type` and one target:
 *
 * | type     | values                                   | targets                                                        |
 * |----------|------------------------------------------|----------------------------------------------------------------|
 * | `int`    | `min`..`max` by `step`, optionally `log` | `param` (a node param) or `repeat` (copies of a node or chain)  |
 * | `float`  | `min`..`max`, optionally `log`           | `param`                                                        |
 * | `bool`   | `false`, `true`                          | `param`, or `enable` (nodes present only when `true`)          |
 * | `choice` | `values` (scalars or options)            | `param`, and/or per-option `enable` and `set`                  |
 * | `subset` | a non-empty subset of `values`           | `clone` (one copy of a node per chosen value) or per-option `enable` |
 *
 * `when` makes a dimension conditional: it exists (has a value in the config) only when every
 * condition on earlier dimensions holds; otherwise its `default`, if any, is applied, else the
 * template is left as it is. A disabled node is bypassed: the sources of its `candidates`
 * input feed its `candidates` consumers, and a consumer's optional `answer` input it fed falls
 * back to the consumer's `candidates` input (the output node then answers with the first
 * candidate).
 */
import { z } from "zod";
import { EVAL_SPLITS } from "./eval-types";
import type { SearchConfig } from "./search-types";

/** The space file format version this build reads and writes. */
export const SEARCH_SPACE_VERSION = 1;

export const DIMENSION_TYPES = ["int", "float", "bool", "choice", "subset"] as const;
export type DimensionType = (typeof DIMENSION_TYPES)[number];

/** A dimension's id: the key of its value in a configuration. */
export const DimensionIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "dimension ids start with a letter or '_' and use letters, digits, '_' and '-'");

/** A node id of the template (the architecture schema's rule). */
export const SpaceNodeIdSchema = z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, "node ids use letters, digits, '_', '-' and '.'");

/**
 * `"<node id>.<param>"`, e.g. `"generate.samples"`. The param is what follows the last dot
 * (param names have none), so node ids with dots still work.
 */
export const ParamAddressSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+\.[A-Za-z_][A-Za-z0-9_]*$/, 'a param is addressed as "<node id>.<param>", e.g. "generate.samples"');

/** One node id or a list of them. */
export const NodeListSchema = z.union([SpaceNodeIdSchema, z.array(SpaceNodeIdSchema).min(1)]);

export type Scalar = string | number | boolean;
export const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on an earlier dimension; exactly one of `equals`, `in`, `min`/`max`, `contains`. */
export const ConditionSchema = z
  .strictObject({
    /** The id of an earlier dimension. */
    dimension: DimensionIdSchema,
    /** The parent's value is this. */
    equals: ScalarSchema.optional(),
    /** The parent's value is one of these. */
    in: z.array(ScalarSchema).min(1).optional(),
    /** The parent's (numeric) value is at least this. */
    min: z.number().optional(),
    /** The parent's (numeric) value is at most this. */
    max: z.number().optional(),
    /** The parent (a subset) holds this value. */
    contains: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    const kinds = [c.equals !== undefined, c.in !== undefined, c.min !== undefined || c.max !== undefined, c.contains !== undefined].filter(Boolean).length;
    if (kinds !== 1) {
      issue(ctx, `the condition on "${c.dimension}" has ${kinds === 0 ? "no test" : "several tests"}`, 'give exactly one of "equals", "in", "min"/"max" or "contains"');
    }
  });
export type Condition = z.infer<typeof ConditionSchema>;

const WhenSchema = z.union([ConditionSchema, z.array(ConditionSchema).min(1)]);

const common = {
  id: DimensionIdSchema,
  /** Shown in the Search view and in trial tables. */
  description: z.string().optional(),
  /** The dimension exists only when these conditions on earlier dimensions hold (all of them). */
  when: WhenSchema.optional(),
};

/** A custom issue with the fix in `params.hint` (the loader shows it as the hint). */
function issue(ctx: z.RefinementCtx, message: string, hint: string, path: (string | number)[] = []): void {
  ctx.addIssue({ code: "custom", message, path, params: { hint } });
}

function exactlyOne(ctx: z.RefinementCtx, present: Record<string, boolean>, what: string): void {
  const keys = Object.keys(present).filter((k) => present[k]);
  if (keys.length === 1) return;
  const names = Object.keys(present).map((k) => `"${k}"`).join(" or ");
  if (keys.length === 0) issue(ctx, `${what} has no target`, `give it ${names}${present["param"] !== undefined ? ', e.g. "param": "generate.samples"' : ""}`);
  else issue(ctx, `${what} has several targets (${keys.map((k) => `"${k}"`).join(", ")})`, `keep exactly one of ${names}; use another dimension for the other`);
}

export const IntDimensionSchema = z
  .strictObject({
    ...common,
    type: z.literal("int"),
    min: z.number().int(),
    max: z.number().int(),
    /** Values are min, min + step, ... up to max. @default 1 */
    step: z.number().int().positive().default(1),
    /** Sample and encode on a log scale (needs min >= 1). @default false */
    log: z.boolean().default(false),
    /** Sets this node param to the value. */
    param: ParamAddressSchema.optional(),
    /**
     * Repeats a node, or a chain of nodes linked by their candidates, this many times in a row
     * (0 = bypassed). Copies are named `<id>-2`, `<id>-3`, ...; `param` dimensions on a repeated
     * node set every copy.
     */
    repeat: NodeListSchema.optional(),
    /** Applied when the dimension is inactive. @default the template as it is */
    default: z.number().int().optional(),
  })
  .superRefine((d, ctx) => {
    exactlyOne(ctx, { param: d.param !== undefined, repeat: d.repeat !== undefined }, `int dimension "${d.id}"`);
    if (d.min > d.max) issue(ctx, `min (${d.min}) is above max (${d.max})`, "swap min and max", ["min"]);
    if (d.log && d.min < 1) issue(ctx, `a log-scale range needs min >= 1, got ${d.min}`, 'raise min to 1, or drop "log"', ["min"]);
    if (d.repeat !== undefined && d.min < 0) issue(ctx, `a repeat count cannot be negative (min ${d.min})`, "set min to 0 (bypassed) or more", ["min"]);
  });

export const FloatDimensionSchema = z
  .strictObject({
    ...common,
    type: z.literal("float"),
    min: z.number(),
    max: z.number(),
    /** Sample and encode on a log scale (needs min > 0). @default false */
    log: z.boolean().default(false),
    /** Levels the grid search tries (min and max included). @default 5 */
    grid: z.number().int().min(2).max(100).default(5),
    param: ParamAddressSchema,
    default: z.number().optional(),
  })
  .superRefine((d, ctx) => {
    if (!(d.min < d.max)) issue(ctx, `min (${d.min}) must be below max (${d.max})`, "give a range with min < max, or use a choice for a single value", ["min"]);
    if (d.log && d.min <= 0) issue(ctx, `a log-scale range needs min > 0, got ${d.min}`, 'raise min above 0, or drop "log"', ["min"]);
  });

export const BoolDimensionSchema = z
  .strictObject({
    ...common,
    type: z.literal("bool"),
    /** Sets this (boolean) node param. */
    param: ParamAddressSchema.optional(),
    /** These nodes are present when the value is true and bypassed when it is false. */
    enable: NodeListSchema.optional(),
    default: z.boolean().optional(),
  })
  .superRefine((d, ctx) => exactlyOne(ctx, { param: d.param !== undefined, enable: d.enable !== undefined }, `bool dimension "${d.id}"`));

/** A value of a choice with the structure it brings. */
export const ChoiceOptionSchema = z.strictObject({
  value: ScalarSchema,
  /** Shown instead of the value. */
  label: z.string().optional(),
  /**
   * The nodes this option needs. Every node some option of the dimension lists is present only
   * when an option listing it is chosen (`[]`: none of them).
   */
  enable: z.array(SpaceNodeIdSchema).optional(),
  /** Extra params set when this option is chosen, e.g. `{ "verify.mode": "program" }`. */
  set: z.record(ParamAddressSchema, z.unknown()).optional(),
});
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;

export const ChoiceDimensionSchema = z
  .strictObject({
    ...common,
    type: z.literal("choice"),
    values: z.array(z.union([ScalarSchema, ChoiceOptionSchema])).min(1),
    /** Sets this node param to the chosen value. */
    param: ParamAddressSchema.optional(),
    /** The values are ordered (encoded by position, not one-hot). @default false */
    ordered: z.boolean().default(false),
    default: ScalarSchema.optional(),
  })
  .superRefine((d, ctx) => {
    const options = d.values.map((v) => (typeof v === "object" ? v : { value: v }));
    const structural = options.some((o) => "enable" in o || "set" in o);
    if (d.param === undefined && !structural) {
      issue(ctx, `choice dimension "${d.id}" changes nothing`, 'give it a "param" (e.g. "param": "critique.mode"), or write its values as options with "enable" or "set"');
    }
    const seen = new Set<string>();
    options.forEach((o, i) => {
      const key = JSON.stringify(o.value);
      if (seen.has(key)) issue(ctx, `value ${key} is listed twice`, "remove the repeated value", ["values", i]);
      seen.add(key);
    });
  });

/** An element of a subset with the nodes it brings. */
export const SubsetOptionSchema = z.strictObject({
  value: z.string().min(1),
  label: z.string().optional(),
  /** Nodes present only when this value is in the subset. */
  enable: z.array(SpaceNodeIdSchema).min(1),
});
export type SubsetOption = z.infer<typeof SubsetOptionSchema>;

export const SubsetDimensionSchema = z
  .strictObject({
    ...common,
    type: z.literal("subset"),
    values: z.array(z.union([z.string().min(1), SubsetOptionSchema])).min(1),
    /** @default 1 */
    minSize: z.number().int().min(1).default(1),
    /** @default every value */
    maxSize: z.number().int().min(1).optional(),
    /**
     * `"<node>.<param>"`: one copy of the node per chosen value, with the param set to it
     * (e.g. one generate node per chosen model, their candidates concatenated). Copies are
     * named `<node>-<value>`; a single chosen value keeps the node's id.
     */
    clone: ParamAddressSchema.optional(),
    default: z.array(z.string()).optional(),
  })
  .superRefine((d, ctx) => {
    const options = d.values.map((v) => (typeof v === "string" ? { value: v } : v));
    const withEnable = options.some((o) => "enable" in o);
    exactlyOne(ctx, { clone: d.clone !== undefined, enable: withEnable }, `subset dimension "${d.id}"`);
    if (d.clone !== undefined && withEnable) return;
    if (withEnable && options.some((o) => !("enable" in o))) {
      issue(ctx, `some values of subset "${d.id}" have "enable" and some do not`, 'write every value as { "value": ..., "enable": [...] }', ["values"]);
    }
    const max = d.maxSize ?? options.length;
    if (d.minSize > max) issue(ctx, `minSize (${d.minSize}) is above maxSize (${max})`, "lower minSize or raise maxSize", ["minSize"]);
    if (max > options.length) issue(ctx, `maxSize (${max}) is above the number of values (${options.length})`, "lower maxSize to the number of values, or leave it out", ["maxSize"]);
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.value)) issue(ctx, `value "${o.value}" is listed twice`, "remove the repeated value", ["values", i]);
      seen.add(o.value);
    });
  });

/** Schemas by dimension type (the loader picks one by `type`, so errors speak of that type only). */
export const DIMENSION_SCHEMAS = {
  int: IntDimensionSchema,
  float: FloatDimensionSchema,
  bool: BoolDimensionSchema,
  choice: ChoiceDimensionSchema,
  subset: SubsetDimensionSchema,
} as const;

export const DimensionSpecSchema = z.discriminatedUnion("type", [IntDimensionSchema, FloatDimensionSchema, BoolDimensionSchema, ChoiceDimensionSchema, SubsetDimensionSchema]);

export type IntDimension = z.infer<typeof IntDimensionSchema>;
export type FloatDimension = z.infer<typeof FloatDimensionSchema>;
export type BoolDimension = z.infer<typeof BoolDimensionSchema>;
export type ChoiceDimension = z.infer<typeof ChoiceDimensionSchema>;
export type SubsetDimension = z.infer<typeof SubsetDimensionSchema>;
/** A dimension as parsed (defaults filled in). */
export type DimensionSpec = z.infer<typeof DimensionSpecSchema>;
/** A dimension as written (defaults optional). */
export type DimensionInput = z.input<typeof DimensionSpecSchema>;

/** The dataset a space was made for: what `itasca search` uses when `--dataset` is not given. */
export const SpaceDatasetSchema = z.strictObject({
  /** A preset slice name or a file path (relative to the space file). */
  name: z.string().min(1),
  split: z.enum(EVAL_SPLITS).optional(),
  limit: z.number().int().positive().optional(),
});

export const SearchSpaceFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(SEARCH_SPACE_VERSION),
  name: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, "space names use letters, digits, '_', '-' and '.' (materialised architectures are named <space>-<hash>)"),
  description: z.string().optional(),
  /** A path to an `*.itasca.json` (relative to the space file), or the architecture inline. */
  template: z.union([z.string().min(1), z.looseObject({})]),
  dimensions: z.array(DimensionSpecSchema).min(1),
  dataset: SpaceDatasetSchema.optional(),
});
export type SearchSpaceFile = z.infer<typeof SearchSpaceFileSchema>;
export type SearchSpaceFileInput = z.input<typeof SearchSpaceFileSchema>;

/** The options of a choice, whether written as scalars or objects. */
export function choiceOptions(dimension: ChoiceDimension): ChoiceOption[] {
  return dimension.values.map((v) => (typeof v === "object" ? v : { value: v }));
}

/** The options of a subset, whether written as strings or objects. */
export function subsetOptions(dimension: SubsetDimension): SubsetOption[] | { value: string; label?: string }[] {
  return dimension.values.map((v) => (typeof v === "string" ? { value: v } : v));
}

/** `[{dimension, ...}]` whatever way `when` was written. */
export function conditionsOf(dimension: DimensionSpec): Condition[] {
  if (dimension.when === undefined) return [];
  return Array.isArray(dimension.when) ? dimension.when : [dimension.when];
}

/** Whether one condition holds for a parent's value (absent: the parent is inactive, so it does not). */
export function conditionHolds(condition: Condition, value: SearchConfig[string] | undefined): boolean {
  if (value === undefined) return false;
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in !== undefined) return !Array.isArray(value) && condition.in.includes(value);
  if (condition.contains !== undefined) return Array.isArray(value) && value.includes(condition.contains);
  if (typeof value !== "number") return false;
  return (condition.min === undefined || value >= condition.min) && (condition.max === undefined || value <= condition.max);
}
