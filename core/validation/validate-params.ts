/**
 * Node params: unknown names, values the node's zod schema rejects, and model ids the model
 * registry does not know. Valid params are kept with their defaults filled in.
 */
import { z } from "zod";
import { joinJsonPath, valueAtPath } from "../graph/json-path";
import type { NodeSpec } from "../graph/schema";
import { didYouMean, quoteList } from "../graph/suggest";
import type { AnyNodeDefinition } from "../nodes/define";
import { definitionOf, report, showValue, type ValidationContext } from "./validate-context";

interface Bounds {
  kind: "number" | "integer" | "string" | "array";
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

type JsonSchemaNode = Record<string, unknown>;

function numberAt(schema: JsonSchemaNode, key: string): number | undefined {
  const value = schema[key];
  return typeof value === "number" ? value : undefined;
}

/** Bounds as the field's JSON Schema states them: both ends, where the zod issue names only one. */
function boundsFromJsonSchema(schema: JsonSchemaNode): Bounds | undefined {
  for (const key of ["anyOf", "oneOf"]) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      const found = typeof option === "object" && option !== null ? boundsFromJsonSchema(option as JsonSchemaNode) : undefined;
      if (found !== undefined) return found;
    }
  }
  const type = schema["type"];
  if (type === "number" || type === "integer") {
    const exclusiveMin = numberAt(schema, "exclusiveMinimum");
    const exclusiveMax = numberAt(schema, "exclusiveMaximum");
    return {
      kind: type,
      min: exclusiveMin ?? numberAt(schema, "minimum"),
      minExclusive: exclusiveMin !== undefined,
      max: exclusiveMax ?? numberAt(schema, "maximum"),
      maxExclusive: exclusiveMax !== undefined,
    };
  }
  if (type === "string") return { kind: "string", min: numberAt(schema, "minLength"), max: numberAt(schema, "maxLength") };
  if (type === "array") return { kind: "array", min: numberAt(schema, "minItems"), max: numberAt(schema, "maxItems") };
  return undefined;
}

const fieldBounds = new WeakMap<object, Bounds | null>();

function boundsOfField(field: z.ZodType): Bounds | undefined {
  let bounds = fieldBounds.get(field);
  if (bounds === undefined) {
    try {
      bounds = boundsFromJsonSchema(z.toJSONSchema(field, { io: "input", unrepresentable: "any" }) as JsonSchemaNode) ?? null;
    } catch {
      // A field JSON Schema cannot express (a transform, a cycle) just gets the issue's own bound.
      bounds = null;
    }
    fieldBounds.set(field, bounds);
  }
  return bounds ?? undefined;
}

/** `between 1 and 64`, `at least 0`, `greater than 0 and at most 1`. */
function describeRange(bounds: Bounds): string {
  const { min, max } = bounds;
  if (bounds.kind === "string" && min === 1 && max === undefined) return "a non-empty string";
  const lower = min === undefined ? undefined : bounds.minExclusive ? `greater than ${min}` : `at least ${min}`;
  const upper = max === undefined ? undefined : bounds.maxExclusive ? `less than ${max}` : `at most ${max}`;
  const range =
    min !== undefined && max !== undefined && !bounds.minExclusive && !bounds.maxExclusive
      ? `between ${min} and ${max}`
      : [lower, upper].filter((part) => part !== undefined).join(" and ");
  if (bounds.kind === "string") return `${range} characters long`;
  if (bounds.kind === "array") return `${range} items long`;
  return `${bounds.kind === "integer" ? "an integer" : "a number"} ${range}`;
}

function boundsFromIssue(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Bounds {
  const kind = issue.origin === "string" ? "string" : issue.origin === "array" || issue.origin === "set" ? "array" : issue.origin === "int" ? "integer" : "number";
  return issue.code === "too_small"
    ? { kind, min: Number(issue.minimum), minExclusive: issue.inclusive === false }
    : { kind, max: Number(issue.maximum), maxExclusive: issue.inclusive === false };
}

function describeType(expected: string): string {
  if (expected === "int") return "an integer";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function checkParamValues(context: ValidationContext, node: NodeSpec, index: number, definition: AnyNodeDefinition): void {
  // The registry erases each node's param type; here the params are only ever a zod object.
  const schema: z.ZodObject = definition.params;
  const shape = schema.shape as Record<string, z.ZodType>;
  const base = `nodes[${index}].params`;
  const known = Object.keys(shape);
  let valid = true;

  for (const name of Object.keys(node.params)) {
    if (Object.hasOwn(shape, name)) continue;
    valid = false;
    report(context, {
      code: "param-invalid",
      nodeId: node.id,
      path: joinJsonPath(base, [name]),
      message: `node "${node.id}" (${node.type}) has no param "${name}"`,
      hint: `${didYouMean(name, known)}remove it; ${node.type} params are ${quoteList(known)}`,
    });
  }

  const parsed = schema.safeParse(node.params);
  if (parsed.success) {
    if (valid) context.params.set(node.id, parsed.data);
    return;
  }
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") continue; // reported above, with a suggestion
    const { code, label, rule, got, hint } = describeParamIssue(definition, node.params, issue);
    report(context, { code, nodeId: node.id, path: joinJsonPath(base, issue.path), message: `node "${node.id}": ${label} ${rule} (got ${got})`, hint });
  }
}

/** One param issue in words, for the file's diagnostics and the inspector's refusals alike. */
export interface ParamIssueWords {
  code: "param-invalid" | "param-out-of-range";
  /** `params.samples` (the path inside the node). */
  label: string;
  /** `samples`, the param the issue is about (its first path segment). */
  name?: string;
  /** `must be an integer between 1 and 256`. */
  rule: string;
  /** The offending value, shown short. */
  got: string;
  hint: string;
}

/** Words one zod issue of a node's params: the rule it breaks with both ends of a range, and how to fix it. */
export function describeParamIssue(definition: AnyNodeDefinition, params: Readonly<Record<string, unknown>>, issue: z.core.$ZodIssue): ParamIssueWords {
  const shape = (definition.params as z.ZodObject).shape as Record<string, z.ZodType>;
  const defaults = definition.defaults as Record<string, unknown>;
  const [first] = issue.path;
  const name = typeof first === "string" ? first : undefined;
  const label = `params.${issue.path.map(String).join(".")}`;
  const value = valueAtPath(params, issue.path);
  const named = name === undefined ? {} : { name };
  const hasDefault = name !== undefined && issue.path.length === 1 && defaults[name] !== undefined;
  const orDefault = hasDefault ? `, or remove it to use the default (${showValue(defaults[name as string])})` : "";
  if (issue.code === "too_small" || issue.code === "too_big") {
    const field = name !== undefined && issue.path.length === 1 ? shape[name] : undefined;
    const range = describeRange((field && boundsOfField(field)) ?? boundsFromIssue(issue));
    return { code: "param-out-of-range", label, ...named, rule: `must be ${range}`, got: showValue(value), hint: `set ${name ?? label} to ${range}${orDefault}` };
  }
  let expectation: string;
  let hint: string;
  if (issue.code === "invalid_type") {
    expectation = describeType(issue.expected);
    hint = `write ${name ?? label} as ${expectation}${orDefault}`;
  } else if (issue.code === "invalid_value") {
    const choices = issue.values.map((choice) => showValue(choice));
    expectation = `one of ${choices.join(", ")}`;
    hint = `${typeof value === "string" ? didYouMean(value, issue.values.map(String)) : ""}choose one of ${choices.join(", ")}${orDefault}`;
  } else if (issue.code === "custom") {
    // A node's own refinement (a template's unknown variable) already says what is wrong.
    return { code: "param-invalid", label, ...named, rule: issue.message, got: showValue(value), hint: `fix ${name ?? label} as the message says${orDefault}` };
  } else {
    expectation = `valid: ${issue.message}`;
    hint = `fix ${name ?? label} as the message says${orDefault}`;
  }
  return { code: "param-invalid", label, ...named, rule: `must be ${expectation}`, got: showValue(value), hint };
}

/** Where a model id sits in the params: `params.model`, or an entry of a list such as `params.models[1]`. */
function modelPath(params: Readonly<Record<string, unknown>>, model: string): PropertyKey[] {
  for (const [key, value] of Object.entries(params)) {
    if (value === model) return [key];
    if (Array.isArray(value) && value.includes(model)) return [key, value.indexOf(model)];
  }
  return ["model"];
}

function checkModels(context: ValidationContext, node: NodeSpec, index: number, definition: AnyNodeDefinition): void {
  const params = context.params.get(node.id);
  if (context.knownModels === undefined || definition.models === undefined || params === undefined) return;
  for (const model of new Set(definition.models(params))) {
    if (context.knownModels(model)) continue;
    report(context, {
      code: "unknown-model",
      nodeId: node.id,
      path: joinJsonPath(`nodes[${index}].params`, modelPath(node.params, model)),
      message: `node "${node.id}" (${node.type}) uses model "${model}", which the model registry does not know`,
      hint: `use a model id the model registry knows, or register "${model}" there first`,
    });
  }
}

/** Checks every node of a known type; fills `context.params` for nodes whose params are valid. */
export function checkParams(context: ValidationContext): void {
  context.architecture.nodes.forEach((node, index) => {
    const definition = definitionOf(context, node);
    if (definition === undefined || context.nodes.get(node.id)?.index !== index) return;
    checkParamValues(context, node, index, definition);
    checkModels(context, node, index, definition);
  });
}
