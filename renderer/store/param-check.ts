/**
 * Checks one param value the way the file validator would, before it is written: through the
 * node's zod schema, then the node's own `validate` hook for findings on that param. An edit
 * that fails is refused, so nothing invalid reaches the graph from the inspector.
 */
import type { z } from "zod";
import type { AnyNodeDefinition } from "../../core/nodes/define";

/** The checked params, or a reason that names the param (`samples must be at most 256`). */
export type ParamCheck = { ok: true; params: Record<string, unknown> } | { ok: false; reason: string };

/** `samples must be at most 256`; a custom issue (a template's unknown variable) already says what is wrong. */
function describeIssue(name: string, issue: z.core.$ZodIssue): string {
  if (issue.code === "custom") return issue.message;
  return `${name} ${describeRule(issue)}`;
}

function describeRule(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters long`;
      return `must be ${issue.inclusive === false ? "greater than" : "at least"} ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters long`;
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`;
    case "invalid_type":
      return issue.expected === "int" ? "must be a whole number" : `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

/**
 * The node's params with `name` set to `value` (or removed, so the default applies, when
 * `value` is undefined), if that value is valid.
 *
 * @param connected The node's connected inputs, for the `validate` hook. @default empty
 */
export function checkParam(
  definition: AnyNodeDefinition,
  params: Readonly<Record<string, unknown>>,
  name: string,
  value: unknown,
  connected: ReadonlySet<string> = new Set(),
): ParamCheck {
  // The registry erases each node's param type; the params are always a zod object.
  const schema: z.ZodObject = definition.params;
  if (!Object.hasOwn(schema.shape, name)) return { ok: false, reason: `${definition.type} has no param "${name}"` };
  const next: Record<string, unknown> = { ...params };
  if (value === undefined) delete next[name];
  else next[name] = value;

  const parsed = schema.safeParse(next);
  if (!parsed.success) {
    // Only this param's issues block the edit: another param already invalid in the file is
    // reported as a diagnostic and must not stop the user from fixing things one at a time.
    const own = parsed.error.issues.find((issue) => issue.path[0] === name);
    if (own !== undefined) return { ok: false, reason: describeIssue(name, own) };
    return { ok: true, params: next };
  }
  const hookIssue = definition.validate?.(parsed.data, connected).find((issue) => issue.path === `params.${name}`);
  if (hookIssue !== undefined) return { ok: false, reason: hookIssue.message };
  return { ok: true, params: next };
}
