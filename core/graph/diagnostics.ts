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
  "duplicate-calls",
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

/**
 * The severity each code is reported with. Unreachable nodes and duplicate calls are warnings:
 * the file still runs, the node just never does, or repeats another node's results.
 */
export const DIAGNOSTIC_SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  "invalid-json": "error",
  "unsupported-version": "error",
  "schema-violation": "error",
  "unknown-node-type": "error",
  "duplicate-node-id": "error",
  "dangling-edge": "error",
  "unknown-port": "error",
  "port-type-mismatch": "error",
  "too-many-edges": "error",
  cycle: "error",
  "required-input-unconnected": "error",
  "param-invalid": "error",
  "param-out-of-range": "error",
  "no-output-node": "error",
  "node-unreachable": "warning",
  "unknown-model": "error",
  "duplicate-calls": "warning",
};

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
