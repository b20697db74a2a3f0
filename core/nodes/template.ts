/**
 * `{{variable}}` prompt templates. A misspelt variable must fail loudly (left as-is it would
 * silently send `{{qeury}}` to the model), so rendering throws and the params schema rejects
 * unknown variables before a run starts.
 */
import { z } from "zod";

/** `{{ name }}`: letters, digits and `_`, optional spaces inside the braces. */
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class TemplateError extends Error {
  constructor(
    message: string,
    /** The offending variable name. */
    readonly variable: string,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

/** The distinct variable names a template uses, in order of first use. */
export function templateVariablesOf(template: string): string[] {
  const seen = new Set<string>();
  for (const match of template.matchAll(VARIABLE)) {
    if (match[1] !== undefined) seen.add(match[1]);
  }
  return [...seen];
}

function listVariables(names: readonly string[]): string {
  return names.length === 0 ? "(none)" : names.map((n) => `{{${n}}}`).join(", ");
}

function unknownVariableMessage(name: string, available: readonly string[]): string {
  return `prompt template uses unknown variable "{{${name}}}"; available variables: ${listVariables(available)}`;
}

/** The first variable of `template` not in `available`, with a message, or undefined when all are known. */
export function findUnknownVariable(template: string, available: readonly string[]): { variable: string; message: string } | undefined {
  const known = new Set(available);
  const unknown = templateVariablesOf(template).find((name) => !known.has(name));
  return unknown === undefined ? undefined : { variable: unknown, message: unknownVariableMessage(unknown, available) };
}

/**
 * Replaces every `{{name}}` with `vars[name]` in one pass, so a value that itself contains
 * `{{...}}` (a candidate quoting a template, say) is never expanded again.
 * @throws TemplateError naming the variable and listing the available ones.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(VARIABLE, (_whole, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (value === undefined) throw new TemplateError(unknownVariableMessage(name, Object.keys(vars)), name);
    return value;
  });
}

/**
 * A prompt-template param: a string whose variables must all be in `variables`, defaulting to
 * `defaultTemplate`. The refinement surfaces as a zod issue, hence as a param diagnostic.
 */
export function templateParam(defaultTemplate: string, variables: readonly string[], description: string) {
  return z
    .string()
    .superRefine((template, ctx) => {
      const unknown = findUnknownVariable(template, variables);
      if (unknown !== undefined) ctx.addIssue({ code: "custom", message: unknown.message });
    })
    .default(defaultTemplate)
    .describe(`${description} Variables: ${listVariables(variables)}.`);
}
