/** The outcome of one model's round trip: the figures and the text it returned, or why it failed. */
import { testFigures } from "./model-format";
import type { TestState } from "./use-model-tests";

export function ModelTestResult({ id, state }: { id: string; state: TestState }) {
  return (
    <div className={`model-test-result model-test-result--${state.status}`} data-testid={`model-test-result-${id}`} data-status={state.status} role="status">
      {state.status === "busy" && <span className="models-muted">Testing: one round trip to the model…</span>}
      {state.status === "error" && <span className="models-error">{state.message}</span>}
      {state.status === "ok" && (
        <>
          <span className="model-test-figures">
            {testFigures(state.report).map((figure) => (
              <span key={figure} className="model-test-figure">
                {figure}
              </span>
            ))}
          </span>
          <span className="model-test-endpoint" title="Where the call went">
            {state.report.endpoint}
          </span>
          <q className="model-test-text">{state.report.text === "" ? "(empty reply)" : state.report.text}</q>
        </>
      )}
    </div>
  );
}
