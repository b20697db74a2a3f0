/** The open file's last runs (`run.list`); clicking one reopens it (`run.get`). */
import { useItasca } from "../store/react";
import { formatMs, formatTime } from "./format";
import type { RunCommands } from "./use-run-commands";

export function RunHistory({ commands }: { commands: RunCommands }) {
  const history = useItasca((state) => state.runHistory);
  const current = useItasca((state) => state.currentRunId);
  if (history.length === 0) return <div className="muted">No past runs of this file yet.</div>;
  return (
    <ul className="run-history" data-testid="run-history">
      {history.map((run) => (
        <li key={run.runId}>
          <button type="button" className={`history-item${run.runId === current ? " history-item--current" : ""}`} data-testid={`history-${run.runId}`} onClick={() => commands.reopen(run.runId)}>
            <span className={`run-dot run-dot--${run.status}`} /> {formatTime(run.startedAt)} · {run.status}
            {run.endedAt === undefined ? "" : ` · ${formatMs(run.endedAt - run.startedAt)}`}
          </button>
        </li>
      ))}
    </ul>
  );
}
