/** The shown search's progress: a bar of trials done, and excluded, failed, best so far, spend and time. */
import type { SearchView } from "../store/searches/search-view";
import { useItasca } from "../store/react";
import { formatMs, formatUsd } from "../run/format";
import { formatScore } from "./search-format";

/** What the status is called here: a cancel the user asked for as a pause is "paused". */
function statusLabel(view: SearchView, intent: "pause" | "stop" | undefined): string {
  if (view.status === "cancelled" && intent === "pause") return "paused";
  if (view.status === "cancelled" && intent === "stop") return "stopped";
  if (view.status === "stopped") return "budget reached";
  return view.status;
}

export function SearchProgressBar({ view }: { view: SearchView }) {
  const intent = useItasca((state) => state.searchIntents[view.searchId]);
  const { progress } = view;
  const fraction = progress.total === 0 ? (view.status === "running" ? 0 : 1) : Math.min(1, progress.done / progress.total);
  const label = statusLabel(view, intent);
  const running = view.status === "running";
  return (
    <div className="eval-progress search-progress" data-testid="search-progress" data-search-id={view.searchId} data-status={view.status} data-label={label} data-done={progress.done} data-total={progress.total}>
      <div className="eval-progress-head">
        <span className={`run-dot run-dot--${running ? "running" : view.status}`} />
        <strong data-testid="search-status">{label}</strong>
        <span>
          trial {progress.done}/{progress.total}
        </span>
        {progress.excluded > 0 && (
          <span className="search-excluded" title="Over the per-query budget by the estimate: never run">
            {progress.excluded} excluded
          </span>
        )}
        {progress.failed > 0 && <span className="eval-errors">{progress.failed} failed</span>}
        <span className="eval-progress-percent">{Math.round(fraction * 100)}%</span>
      </div>
      <div className="eval-bar" role="progressbar" aria-label="Trials done" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
        <span className={`eval-bar-fill eval-bar-fill--${view.status === "stopped" ? "budget" : view.status}`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="eval-progress-figures">
        <span data-testid="search-best-so-far">best {formatScore(progress.best?.score)}</span>
        <span title="What the trials paid (cache hits are free)">{formatUsd(progress.spentUsd)} spent</span>
        {progress.calls > 0 && <span>{progress.calls} calls</span>}
        <span>{formatMs(progress.elapsedMs)}</span>
      </div>
      {view.resumed > 0 && <div className="eval-note">resumed: {view.resumed} trials were already done</div>}
      {view.report?.stopReason !== undefined && view.status !== "completed" && (
        <div className={`eval-note eval-stop eval-stop--${view.status === "stopped" ? "budget" : view.status}`} data-testid="search-stop-reason">
          {view.report.stopReason}
        </div>
      )}
    </div>
  );
}
