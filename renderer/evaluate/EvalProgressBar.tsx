/** The shown evaluation's progress: a bar of items done, and the running accuracy, calls, dollars and ETA. */
import { accuracyOf, fractionDone, type EvalView } from "../store/evals/eval-view";
import { formatMs, formatUsd } from "../run/format";
import { formatEta, formatPercent } from "./eval-format";

export function EvalProgressBar({ view }: { view: EvalView }) {
  const { progress } = view;
  const fraction = fractionDone(progress);
  const percent = Math.round(fraction * 100);
  const accuracy = accuracyOf(progress);
  const running = view.status === "running";
  return (
    <div className="eval-progress" data-testid="eval-progress" data-status={view.status} data-done={progress.done} data-total={progress.total} data-percent={percent}>
      <div className="eval-progress-head">
        <span className={`run-dot run-dot--${running ? "running" : view.status}`} />
        <strong data-testid="eval-status">{view.status}</strong>
        <span>
          {progress.done}/{progress.total} items
        </span>
        <span className="eval-progress-percent">{percent}%</span>
      </div>
      <div className="eval-bar" role="progressbar" aria-label="Items done" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
        <span className={`eval-bar-fill eval-bar-fill--${view.status}`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="eval-progress-figures">
        {/* Once it ended the summary card says it, with its interval. */}
        {view.report === undefined && (
          <span data-testid="eval-running-accuracy" data-accuracy={accuracy ?? ""}>
            accuracy {formatPercent(accuracy)}
            {progress.scored > 0 ? ` (${progress.correct}/${progress.scored})` : ""}
          </span>
        )}
        <span>{progress.usage.calls} calls{progress.usage.cachedCalls > 0 ? ` + ${progress.usage.cachedCalls} cached` : ""}</span>
        <span>{formatUsd(progress.usage.costUsd)}</span>
        {progress.errors > 0 && <span className="eval-errors">{progress.errors} failed</span>}
        <span>{running ? formatEta(progress.etaMs) : formatMs(progress.elapsedMs)}</span>
      </div>
      {view.resumed > 0 && <div className="eval-note">resumed: {view.resumed} items were already done</div>}
      {/* Why a dollar limit or a failure stopped it (a cancel says so in the status already). */}
      {view.report?.stopReason !== undefined && view.status !== "cancelled" && (
        <div className={`eval-note eval-stop eval-stop--${view.status}`} data-testid="eval-stop-reason">
          {view.report.stopReason}
        </div>
      )}
    </div>
  );
}
