/**
 * Run, cancel, refresh the history and reopen a past run: the store records, the host does.
 * Failures become notices; a refused start (an invalid graph) points at the Problems tab.
 */
import { useMemo } from "react";
import type { Query } from "../../core/graph/ports";
import { useHost } from "../host/context";
import type { Host } from "../host/host";
import type { ItascaStore } from "../store/create-store";
import { useItascaStore } from "../store/react";
import { finishedRun, startedRun } from "../store/runs/reduce-run";
import { isRunOver } from "../store/runs/run-view";
import { selectCurrentRun } from "../store/selectors";
import { documentOf } from "../store/slices/graph-slice";

export interface RunCommands {
  run(): void;
  /** Cancels the shown run when it is still going; otherwise does nothing. */
  cancel(): void;
  refreshHistory(): void;
  reopen(runId: string): void;
}

/** How many past runs the history shows. */
const HISTORY_LIMIT = 10;

function queryOf(store: ItascaStore): Query {
  const { queryText, systemPrompt } = store.getState();
  return systemPrompt.trim() === "" ? { text: queryText } : { text: queryText, system: systemPrompt };
}

/** The budget as `run.start` takes it; nothing when no limit is set. */
function budgetOf(store: ItascaStore): { budget?: { maxCalls?: number; maxUsd?: number } } {
  const { maxCalls, maxUsd } = store.getState().budget;
  if (maxCalls === undefined && maxUsd === undefined) return {};
  return { budget: { ...(maxCalls === undefined ? {} : { maxCalls }), ...(maxUsd === undefined ? {} : { maxUsd }) } };
}

export function createRunCommands(host: Host, store: ItascaStore): RunCommands {
  const state = () => store.getState();

  const refreshHistory = (): void => {
    const { filePath, name } = state();
    void host["run.list"]({ ...(filePath === undefined ? {} : { file: filePath }), limit: HISTORY_LIMIT * 3 }).then((result) => {
      if (!result.ok) return;
      // An untitled document has no file to filter by: its runs are those without one, by name.
      const runs = filePath === undefined ? result.value.filter((run) => run.file === undefined && run.name === name) : result.value;
      state().setRunHistory(runs.slice(0, HISTORY_LIMIT));
    });
  };

  return {
    run: () => {
      const current = selectCurrentRun(state());
      if (state().starting || (current !== undefined && !isRunOver(current))) return;
      state().setStarting(true);
      const filePath = state().filePath;
      void host["run.start"]({ architecture: { ...documentOf(state()) }, query: queryOf(store), ...budgetOf(store), ...(filePath === undefined ? {} : { file: filePath }) }).then((result) => {
          state().setStarting(false);
          if (!result.ok) {
            state().notify("error", result.error.code === "validation-failed" ? `Cannot run: ${result.error.message} (see Problems)` : `Run failed to start: ${result.error.message}`);
            if (result.error.code === "validation-failed") state().setBottomTab("problems");
            return;
          }
          // Events may have beaten this answer over the socket; if not, show an empty run now.
          if (state().runs[result.value.runId] === undefined) state().showRun(startedRun(result.value.runId, state().name, state().nodes.map((n) => n.id), queryOf(store), Date.now()));
          state().showRunId(result.value.runId);
          state().setBottomTab("run");
        });
    },
    cancel: () => {
      const current = selectCurrentRun(state());
      if (current === undefined || isRunOver(current)) return;
      void host["run.cancel"]({ runId: current.runId }).then((result) => !result.ok && state().notify("error", `Cancel failed: ${result.error.message}`));
    },
    refreshHistory,
    reopen: (runId) => {
      void host["run.get"]({ runId }).then((result) => {
        if (!result.ok) return state().notify("error", `Cannot reopen run: ${result.error.message}`);
        const { result: ended, query, summary } = result.value;
        if (ended !== undefined) state().showRun(finishedRun(ended, query));
        else if (state().runs[summary.runId] !== undefined) state().showRunId(summary.runId);
        else state().notify("info", "That run is still going in another window; its events will show here when it ends.");
        state().setBottomTab("run");
      });
    },
  };
}

export function useRunCommands(): RunCommands {
  const host = useHost();
  const store = useItascaStore();
  return useMemo(() => createRunCommands(host, store), [host, store]);
}
