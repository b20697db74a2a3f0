/**
 * The Run tab: the shown run's status and wall time, its answer, the usage table, the selected
 * node's streaming text and outputs, and the file's run history beside them.
 */
import { useItasca } from "../store/react";
import { selectCurrentRun } from "../store/selectors";
import { NodeRunDetail } from "./NodeRunDetail";
import { RunHistory } from "./RunHistory";
import { UsageTable } from "./UsageTable";
import { formatMs } from "./format";
import { useNow } from "./use-now";
import type { RunCommands } from "./use-run-commands";

export function RunPanel({ commands }: { commands: RunCommands }) {
  const run = useItasca(selectCurrentRun);
  const selected = useItasca((state) => (state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined));
  const now = useNow(run?.status === "running");

  if (run === undefined) {
    return (
      <div className="run-panel">
        <div className="run-main muted">Type a query in the top bar and press Run (Ctrl/Cmd+Enter).</div>
        <aside className="run-side">
          <RunHistory commands={commands} />
        </aside>
      </div>
    );
  }
  const wallMs = run.ms ?? now - run.startedAt;
  const node = selected === undefined ? undefined : run.nodes[selected];
  return (
    <div className="run-panel">
      <div className="run-main">
        <div className="run-summary">
          <span className={`run-dot run-dot--${run.status}`} /> <strong>{run.status}</strong> · {formatMs(wallMs)} · query “{run.query.text}”
        </div>
        {run.error !== undefined && <div className="run-error">{run.error.message}</div>}
        {/* A budget stop is the run's error once it ended; until then the budget event says it. */}
        {run.budgetMessage !== undefined && run.error?.code !== "budget-exceeded" && <div className="run-error">{run.budgetMessage}</div>}
        <div className="run-answer" data-testid="run-answer" data-ready={run.answer !== undefined}>
          {run.answer?.text ?? (run.status === "running" ? "…" : "(no answer)")}
        </div>
        <UsageTable run={run} wallMs={wallMs} />
      </div>
      <aside className="run-side">
        {node === undefined ? <div className="muted">Select a node to see its streaming text and outputs.</div> : <NodeRunDetail node={node} />}
        <h4>History</h4>
        <RunHistory commands={commands} />
      </aside>
    </div>
  );
}
