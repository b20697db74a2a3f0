/**
 * Inspector fields generated from a node's zod params via JSON Schema (`z.toJSONSchema`):
 * ranges become sliders with number inputs, enums selects, the model a registry picker, prompt
 * templates a multi-line editor with their variables. One list per node type, computed once.
 */
import { z } from "zod";
import type { AnyNodeDefinition } from "../../core/nodes/define";
import { NODE_TEMPLATE_VARIABLES } from "../../core/nodes/prompts";

interface FieldBase {
  name: string;
  /** The param's description from the schema. */
  description: string;
  /** The default, absent for optional params without one (seed). */
  defaultValue?: unknown;
}

/** A slider is offered only over a range short enough to drag through. */
const MAX_SLIDER_STEPS = 1024;

export type FieldSpec =
  | (FieldBase & {
      kind: "number";
      integer: boolean;
      min?: number;
      max?: number;
      /** Present when the range suits a slider. */
      slider?: { min: number; max: number; step: number };
      /** May be left empty (the param is optional and has no default). */
      optional: boolean;
    })
  | (FieldBase & { kind: "enum"; options: readonly string[] })
  | (FieldBase & { kind: "boolean" })
  | (FieldBase & { kind: "model" })
  | (FieldBase & { kind: "template"; variables: readonly string[] })
  | (FieldBase & { kind: "text"; multiline: boolean })
  /** Anything else (lists, objects): edited as JSON. */
  | (FieldBase & { kind: "json" });

type JsonSchema = Record<string, unknown>;

function num(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function numberField(base: FieldBase, schema: JsonSchema, integer: boolean, optional: boolean): FieldSpec {
  const min = num(schema, "minimum") ?? num(schema, "exclusiveMinimum");
  const max = num(schema, "maximum") ?? num(schema, "exclusiveMaximum");
  const step = integer ? 1 : max !== undefined && min !== undefined && max - min <= 2 ? 0.05 : 0.1;
  const slider = min !== undefined && max !== undefined && (max - min) / step <= MAX_SLIDER_STEPS ? { min, max, step } : undefined;
  return {
    ...base,
    kind: "number",
    integer,
    optional,
    ...(min === undefined ? {} : { min }),
    ...(max === undefined || max > Number.MAX_SAFE_INTEGER - 1 ? {} : { max }),
    ...(slider === undefined ? {} : { slider }),
  };
}

function fieldOf(definition: AnyNodeDefinition, name: string, schema: JsonSchema, required: boolean): FieldSpec {
  const base: FieldBase = {
    name,
    description: typeof schema["description"] === "string" ? schema["description"] : "",
    ...("default" in schema ? { defaultValue: schema["default"] } : {}),
  };
  const variables = NODE_TEMPLATE_VARIABLES[definition.type]?.[name];
  if (variables !== undefined) return { ...base, kind: "template", variables };
  if (name === "model" && schema["type"] === "string") return { ...base, kind: "model" };
  if (Array.isArray(schema["enum"])) return { ...base, kind: "enum", options: schema["enum"].map(String) };
  const optional = !required && !("default" in schema);
  switch (schema["type"]) {
    case "integer":
      return numberField(base, schema, true, optional);
    case "number":
      return numberField(base, schema, false, optional);
    case "boolean":
      return { ...base, kind: "boolean" };
    case "string":
      // Prompts and code (a default that spans lines, such as verify's Python predicate) get a multi-line editor.
      return { ...base, kind: "text", multiline: name.endsWith("prompt") || (typeof schema["default"] === "string" && schema["default"].includes("\n")) };
    default:
      return { ...base, kind: "json" };
  }
}

/** Sampling settings every LLM node shares: after the node's own params, which say what it does. */
const SAMPLING = new Set(["temperature", "top_p", "max_tokens", "seed"]);

/** Model first, then the node's own params, then sampling, then prompts (the longest fields) last. */
function rank(field: FieldSpec): number {
  if (field.kind === "model") return 0;
  if (field.kind === "template" || (field.kind === "text" && field.multiline)) return 3;
  return SAMPLING.has(field.name) ? 2 : 1;
}

const cache = new WeakMap<AnyNodeDefinition, readonly FieldSpec[]>();

/** The inspector fields of a node type, grouped by {@link rank}, in schema order within a group. */
export function fieldsOf(definition: AnyNodeDefinition): readonly FieldSpec[] {
  const hit = cache.get(definition);
  if (hit !== undefined) return hit;
  const schema = z.toJSONSchema(definition.params, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema["required"]) ? schema["required"].map(String) : []);
  // Array.prototype.sort is stable: schema order survives within a group.
  const fields = Object.entries(properties)
    .map(([name, property]) => fieldOf(definition, name, property, required.has(name)))
    .sort((a, b) => rank(a) - rank(b));
  cache.set(definition, fields);
  return fields;
}

/** `max_tokens` -> `Max tokens`. */
export function fieldLabel(name: string): string {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
