/**
 * The last Archon import's warnings, under the live diagnostics: each with its code, the JSON
 * path in the Archon config and the node it is about. Clicking one about a node that is still
 * on the canvas selects it and centres the canvas on it, as a diagnostic does.
 */
import { useItasca, useItascaStore } from "../store/react";

export function ImportWarnings() {
  const store = useItascaStore();
  const report = useItasca((state) => state.importReport);
  const nodes = useItasca((state) => state.nodes);
  if (report === null || report.warnings.length === 0) return null;
  return (
    <section className="import-warnings" data-testid="import-warnings" aria-label={`Warnings of the import of ${report.file}`}>
      <header className="import-warnings-head">
        <span>
          Imported from <strong>{report.file}</strong>: {report.warnings.length} warning{report.warnings.length === 1 ? "" : "s"}
        </span>
        <button type="button" data-testid="import-warnings-dismiss" onClick={() => store.getState().setImportReport(null)} title="Hide these warnings">
          Dismiss
        </button>
      </header>
      <ul className="problems">
        {report.warnings.map((warning, index) => {
          const { nodeId } = warning;
          const present = nodeId !== undefined && nodes.some((node) => node.id === nodeId);
          return (
            <li key={`${warning.code}:${warning.path}:${index}`}>
              <button
                type="button"
                className="problem problem--warning"
                data-testid={`import-warning-${index}`}
                data-code={warning.code}
                data-path={warning.path}
                data-node-id={nodeId ?? ""}
                disabled={!present}
                onClick={() => present && nodeId !== undefined && store.getState().focusNode(nodeId)}
              >
                <span className="problem-severity problem-severity--warning">warning</span>
                <span className="problem-code">{warning.code}</span>
                <span className="problem-node">{nodeId ?? ""}</span>
                <span className="problem-message">{warning.message}</span>
                <span className="problem-hint problem-path">{warning.path}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
