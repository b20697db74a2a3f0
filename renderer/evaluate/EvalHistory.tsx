/** The open file's past evaluations (`eval.list`): open one, or tick two and compare them. */
import type { EvalSummary } from "../../core/api/eval-types";
import { formatTime, formatUsd } from "../run/format";
import { useItasca, useItascaStore } from "../store/react";
import { formatPercent, shortId } from "./eval-format";
import { HistorySection } from "./HistorySection";
import type { EvalCommands } from "./use-eval-commands";

function HistoryRow({ summary, commands }: { summary: EvalSummary; commands: EvalCommands }) {
  const store = useItascaStore();
  const shown = useItasca((state) => state.shownEvalId === summary.evalId);
  const ticked = useItasca((state) => state.compareIds.includes(summary.evalId));
  // An evaluation going in this window shows its live totals (the list was read when it started).
  const live = useItasca((state) => state.evals[summary.evalId]);
  const status = live?.status ?? summary.status;
  const scored = live?.progress.scored ?? summary.scored;
  const accuracy = live === undefined ? summary.accuracy : live.progress.scored === 0 ? 0 : live.progress.correct / live.progress.scored;
  const cost = live?.progress.usage.costUsd ?? summary.costUsd;
  return (
    <li className={`eval-history-row${shown ? " eval-history-row--shown" : ""}`} data-testid={`eval-history-${summary.evalId}`} data-status={status}>
      <input type="checkbox" data-testid={`eval-compare-pick-${summary.evalId}`} checked={ticked} onChange={() => store.getState().toggleCompare(summary.evalId)} aria-label={`Compare evaluation ${shortId(summary.evalId)}`} />
      <button type="button" className="history-item" data-testid={`eval-history-open-${summary.evalId}`} onClick={() => commands.open(summary.evalId)} title={`${summary.evalId} · architecture ${summary.architectureHash.slice(0, 12)}`}>
        <span className={`run-dot run-dot--${status}`} />
        <span className="eval-history-main">
          <span className="eval-history-what">
            {summary.dataset} · {summary.split} · {scored}/{summary.items}
            {status === "completed" ? "" : ` · ${status}`}
          </span>
          <span className="eval-note">
            {formatTime(summary.startedAt)} · {shortId(summary.evalId)}
          </span>
        </span>
        <span className="eval-history-figure">{formatPercent(accuracy)}</span>
        <span className="eval-history-cost">{formatUsd(cost)}</span>
      </button>
    </li>
  );
}

export function EvalHistory({ commands }: { commands: EvalCommands }) {
  const history = useItasca((state) => state.evalHistory);
  const ticked = useItasca((state) => state.compareIds.length);
  return (
    <HistorySection
      label="Past evaluations of this architecture"
      testId="eval-history"
      empty="No evaluations of this architecture yet."
      action={
        <button type="button" data-testid="eval-compare" disabled={ticked !== 2} onClick={commands.compare} title="Tick two evaluations to compare them on the items both scored">
          Compare {ticked}/2
        </button>
      }
      rows={history.map((summary) => (
        <HistoryRow key={summary.evalId} summary={summary} commands={commands} />
      ))}
    />
  );
}
