/**
 * The collapsible bottom panel. It has one tab today, Problems; Run, Trace, Evaluate and Search
 * join this tab list when the host can run architectures.
 */
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { useItasca, useItascaStore } from "../store/react";
import { selectDerived } from "../store/selectors";

export function BottomPanel() {
  const store = useItascaStore();
  const open = useItasca((state) => state.bottomPanelOpen);
  const errors = useItasca((state) => selectDerived(state).errorCount);
  const warnings = useItasca((state) => selectDerived(state).warningCount);
  return (
    <section className={`bottom-panel${open ? " bottom-panel--open" : ""}`} data-testid="bottom-panel" aria-label="Problems">
      <div className="bottom-tabs" role="tablist">
        <button type="button" role="tab" aria-selected className="bottom-tab bottom-tab--active" data-testid="problems-tab" onClick={() => store.getState().setBottomPanelOpen(!open)}>
          Problems
          <span className={`count count--${errors > 0 ? "error" : warnings > 0 ? "warning" : "ok"}`} data-testid="problems-count" data-errors={errors} data-warnings={warnings}>
            {errors + warnings}
          </span>
        </button>
        <button type="button" className="bottom-toggle" data-testid="bottom-panel-toggle" onClick={() => store.getState().setBottomPanelOpen(!open)} aria-label={open ? "Collapse panel" : "Expand panel"}>
          {open ? "▾" : "▴"}
        </button>
      </div>
      {open && (
        <div className="bottom-body" data-testid="problems-panel">
          <ProblemsPanel />
        </div>
      )}
    </section>
  );
}
