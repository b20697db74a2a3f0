/**
 * The collapsible bottom panel: Problems, Run (live statuses, answer, usage), Trace (every
 * call), Evaluate (a dataset through the architecture, scored) and Search (architectures under a budget).
 */
import type { ReactNode } from "react";
import { EvaluatePanel } from "../evaluate/EvaluatePanel";
import type { EvalCommands } from "../evaluate/use-eval-commands";
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { RunPanel } from "../run/RunPanel";
import { SearchPanel } from "../search/SearchPanel";
import type { SearchCommands } from "../search/use-search-commands";
import { TracePanel } from "../run/TracePanel";
import type { RunCommands } from "../run/use-run-commands";
import { useItasca, useItascaStore } from "../store/react";
import { selectCurrentRun, selectDerived, selectShownEval, selectShownSearch } from "../store/selectors";
import type { BottomTab } from "../store/slices/runs-slice";

function Tab({ tab, children }: { tab: BottomTab; children: ReactNode }) {
  const store = useItascaStore();
  const active = useItasca((state) => state.bottomTab === tab);
  const open = useItasca((state) => state.bottomPanelOpen);
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      className={`bottom-tab${active ? " bottom-tab--active" : ""}`}
      data-testid={`${tab}-tab`}
      // Clicking the open tab again folds the panel away, as the single Problems tab did.
      onClick={() => (active && open ? store.getState().setBottomPanelOpen(false) : store.getState().setBottomTab(tab))}
    >
      {children}
    </button>
  );
}

/** The Evaluate tab's badge: the shown evaluation's items done while it runs. */
function EvalBadge() {
  const progress = useItasca((state) => {
    const view = selectShownEval(state);
    return view?.status === "running" ? `${view.progress.done}/${view.progress.total}` : undefined;
  });
  return progress === undefined ? null : (
    <span className="count count--running" data-testid="evaluate-badge">
      {progress}
    </span>
  );
}

/** The Search tab's badge: the shown search's trials done while it runs. */
function SearchBadge() {
  const progress = useItasca((state) => {
    const view = selectShownSearch(state);
    return view?.status === "running" ? `${view.progress.done}/${view.progress.total}` : undefined;
  });
  return progress === undefined ? null : (
    <span className="count count--running" data-testid="search-badge">
      {progress}
    </span>
  );
}

export function BottomPanel({ runCommands, evalCommands, searchCommands }: { runCommands: RunCommands; evalCommands: EvalCommands; searchCommands: SearchCommands }) {
  const store = useItascaStore();
  const open = useItasca((state) => state.bottomPanelOpen);
  const tab = useItasca((state) => state.bottomTab);
  const errors = useItasca((state) => selectDerived(state).errorCount);
  const warnings = useItasca((state) => selectDerived(state).warningCount);
  const importWarnings = useItasca((state) => state.importReport?.warnings.length ?? 0);
  const calls = useItasca((state) => selectCurrentRun(state)?.trace.length ?? 0);
  return (
    <section className={`bottom-panel${open ? " bottom-panel--open" : ""}${open && (tab === "evaluate" || tab === "search") ? " bottom-panel--tall" : ""}`} data-testid="bottom-panel" aria-label="Problems, run, trace, evaluate and search">
      <div className="bottom-tabs" role="tablist">
        <Tab tab="problems">
          Problems
          <span className={`count count--${errors > 0 ? "error" : warnings + importWarnings > 0 ? "warning" : "ok"}`} data-testid="problems-count" data-errors={errors} data-warnings={warnings} data-import-warnings={importWarnings}>
            {errors + warnings + importWarnings}
          </span>
        </Tab>
        <Tab tab="run">Run</Tab>
        <Tab tab="trace">
          Trace <span className="count count--ok">{calls}</span>
        </Tab>
        <Tab tab="evaluate">
          Evaluate <EvalBadge />
        </Tab>
        <Tab tab="search">
          Search <SearchBadge />
        </Tab>
        <button type="button" className="bottom-toggle" data-testid="bottom-panel-toggle" onClick={() => store.getState().setBottomPanelOpen(!open)} aria-label={open ? "Collapse panel" : "Expand panel"}>
          {open ? "▾" : "▴"}
        </button>
      </div>
      {open && tab === "problems" && (
        <div className="bottom-body" data-testid="problems-panel">
          <ProblemsPanel />
        </div>
      )}
      {open && tab === "run" && (
        <div className="bottom-body" data-testid="run-panel">
          <RunPanel commands={runCommands} />
        </div>
      )}
      {open && tab === "trace" && (
        <div className="bottom-body" data-testid="trace-panel">
          <TracePanel />
        </div>
      )}
      {open && tab === "evaluate" && (
        <div className="bottom-body bottom-body--fixed" data-testid="evaluate-panel">
          <EvaluatePanel commands={evalCommands} />
        </div>
      )}
      {open && tab === "search" && (
        <div className="bottom-body bottom-body--fixed" data-testid="search-panel">
          <SearchPanel commands={searchCommands} />
        </div>
      )}
    </section>
  );
}
