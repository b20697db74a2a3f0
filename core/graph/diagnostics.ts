/**
 * Validation results. Codes are stable: tools, tests and the UI match on them.
 */

export const DIAGNOSTIC_CODES = [
  "invalid-json",
  "unsupported-version",
  "schema-violation",
  "unknown-node-type",
  "duplicate-node-id",
  "dangling-edge",
  "unknown-port",
  "port-type-mismatch",
  "too-many-edges",
  "cycle",
  "required-input-unconnected",
  "param-invalid",
  "param-out-of-range",
  "no-output-node",
  "node-unreachable",
  "unknown-model",
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type Severity = "error" | "warning";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** The node the problem is about, when there is one. */
  nodeId?: string;
  /** JSON path into the file, e.g. `nodes[2].params.samples` or `edges[0].to`. */
  path?: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
