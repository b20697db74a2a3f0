/**
 * Checks one param value the way the file validator does, before it is written: through the
 * node's zod schema, then the node's own `validate` hook for findings on that param. The
 * inspector refuses an edit that fails, so nothing invalid reaches the graph, and says why in
 * the validator's own words (validate-params.ts).
 */
import type { z } from "zod";
import type { AnyNodeDefinition } from "../nodes/define";
import { describeParamIssue } from "./validate-params";

/** The checked params, or a reason that names the param (`samples must be an integer between 1 and 256`). */
export type ParamCheck = { ok: true; params: Record<string, unknown> } | { ok: false; reason: string };

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
    if (own === undefined) return { ok: true, params: next };
    const words = describeParamIssue(definition, next, own);
    return { ok: false, reason: own.code === "custom" ? words.rule : `${name} ${words.rule}` };
  }
  const hookIssue = definition.validate?.(parsed.data, connected).find((issue) => issue.path === `params.${name}`);
  if (hookIssue !== undefined) return { ok: false, reason: hookIssue.message };
  return { ok: true, params: next };
}
