/** The count of a node's problems, coloured by the worst one; its tooltip lists them. */
import type { Diagnostic } from "../../core/graph/diagnostics";

export function DiagnosticBadge({ nodeId, diagnostics }: { nodeId: string; diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  const severity = diagnostics.some((d) => d.severity === "error") ? "error" : "warning";
  return (
    <span
      className={`badge badge--${severity}`}
      data-testid={`node-badge-${nodeId}`}
      data-severity={severity}
      title={diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n")}
    >
      {severity === "error" ? "!" : "?"} {diagnostics.length}
    </span>
  );
}
