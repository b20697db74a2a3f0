/**
 * Zod issues of the file schema, turned into one `schema-violation` each with the JSON path the
 * user has to edit and a hint in the file's own terms.
 */
import type { z } from "zod";
import type { Diagnostic } from "../graph/diagnostics";
import { formatJsonPath, valueAtPath } from "../graph/json-path";
import { ArchitectureSchema, EdgeSpecSchema, NodeSpecSchema, PositionSchema } from "../graph/schema";
import { didYouMean, quoteList } from "../graph/suggest";
import { showValue } from "./validate-context";

/** The keys allowed in the object at `path`, for the hint on an unknown key. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  const [first, , third] = path;
  if (path.length === 0) return Object.keys(ArchitectureSchema.shape);
  if (first === "nodes" && path.length === 2) return Object.keys(NodeSpecSchema.shape);
  if (first === "nodes" && path.length === 3 && third === "position") return Object.keys(PositionSchema.shape);
  if (first === "edges" && path.length === 2) return Object.keys(EdgeSpecSchema.shape);
  return [];
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${showValue(value)}`;
}

function withArticle(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function isPortRef(path: readonly PropertyKey[]): boolean {
  return path[0] === "edges" && (path[2] === "from" || path[2] === "to");
}

const PORT_REF_HINT = 'write each end of an edge as ["node-id", "port"], e.g. "from": ["gen", "candidates"]';

function issueToDiagnostics(issue: z.core.$ZodIssue, raw: unknown): Diagnostic[] {
  const at = (segments: readonly PropertyKey[], message: string, hint: string): Diagnostic => ({
    code: "schema-violation",
    severity: "error",
    path: formatJsonPath(segments),
    message,
    hint,
  });
  const value = valueAtPath(raw, issue.path);
  const last = issue.path[issue.path.length - 1];
  const name = typeof last === "string" ? `"${last}"` : "this value";
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(issue.path);
      return issue.keys.map((key) =>
        at([...issue.path, key], `unknown key "${key}"`, `${didYouMean(key, allowed)}remove it${allowed.length > 0 ? `; allowed keys here are ${quoteList(allowed)}` : ""}`),
      );
    }
    case "invalid_type": {
      if (value === undefined) {
        return [at(issue.path, `missing required key ${name}`, `add ${name} (${withArticle(issue.expected)})`)];
      }
      const hint = isPortRef(issue.path) ? PORT_REF_HINT : `change ${name} to ${withArticle(issue.expected)}`;
      return [at(issue.path, `${name} must be ${withArticle(issue.expected)}, got ${typeName(value)}`, hint)];
    }
    case "too_small":
    case "too_big": {
      if (isPortRef(issue.path) || isPortRef(issue.path.slice(0, 3))) {
        return [at(issue.path, "an edge end must be a [node id, port name] pair of non-empty strings", PORT_REF_HINT)];
      }
      if (issue.origin === "string") return [at(issue.path, `${name} must not be empty`, `give ${name} a value`)];
      return [at(issue.path, `${name}: ${issue.message}`, `change ${name} to satisfy the limit`)];
    }
    case "invalid_format":
      return [at(issue.path, `${name} ${showValue(value)} is not valid: ${issue.message}`, `rename it; remember to update the edges that name it`)];
    case "invalid_value":
      return [at(issue.path, `${name} must be ${issue.values.map((v) => showValue(v)).join(" or ")}, got ${showValue(value)}`, `set ${name} to ${issue.values.map((v) => showValue(v)).join(" or ")}`)];
    default:
      return [at(issue.path, `${name}: ${issue.message}`, "change the value to match the architecture schema (`itasca schema` prints it)")];
  }
}

/** One `schema-violation` per issue (an unknown-keys issue gives one per key, each with its own path). */
export function schemaDiagnostics(error: z.ZodError, raw: unknown): Diagnostic[] {
  return error.issues.flatMap((issue) => issueToDiagnostics(issue, raw));
}
