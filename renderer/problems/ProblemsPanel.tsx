/**
 * Every diagnostic of the live validation, errors first, then the warnings of the Archon import
 * that opened the document. Clicking one about a node selects the node and centres the canvas on it.
 */
import { useItasca, useItascaStore } from "../store/react";
import { selectDiagnostics } from "../store/selectors";
import { ImportWarnings } from "./ImportWarnings";

export function ProblemsPanel() {
  const store = useItascaStore();
  const diagnostics = useItasca(selectDiagnostics);
  if (diagnostics.length === 0) {
    return (
      <>
        <p className="problems-empty" data-testid="problems-empty">
          No problems: the architecture is valid.
        </p>
        <ImportWarnings />
      </>
    );
  }
  return (
    <>
      <ul className="problems" data-testid="problems-list">
        {diagnostics.map((diagnostic, index) => {
          const { nodeId } = diagnostic;
          return (
            <li key={`${diagnostic.code}:${diagnostic.path ?? ""}:${index}`}>
              <button
                type="button"
                className={`problem problem--${diagnostic.severity}`}
                data-testid={`problem-${index}`}
                data-code={diagnostic.code}
                data-node-id={nodeId ?? ""}
                disabled={nodeId === undefined}
                onClick={() => nodeId !== undefined && store.getState().focusNode(nodeId)}
              >
                <span className={`problem-severity problem-severity--${diagnostic.severity}`}>{diagnostic.severity}</span>
                <span className="problem-code">{diagnostic.code}</span>
                {nodeId !== undefined && <span className="problem-node">{nodeId}</span>}
                <span className="problem-message">{diagnostic.message}</span>
                <span className="problem-hint">{diagnostic.hint}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <ImportWarnings />
    </>
  );
}
