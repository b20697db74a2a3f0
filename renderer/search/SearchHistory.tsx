/** The open file's past searches (`search.list`): click one to show it again (and resume it if it stopped short). */
import type { SearchSummary } from "../../core/api/contract";
import { formatTime, formatUsd } from "../run/format";
import { HistorySection } from "../evaluate/HistorySection";
import { useItasca } from "../store/react";
import { formatScore, shortSearchId } from "./search-format";
import type { SearchCommands } from "./use-search-commands";

function HistoryRow({ summary, commands }: { summary: SearchSummary; commands: SearchCommands }) {
  const shown = useItasca((state) => state.shownSearchId === summary.searchId);
  // A search going in this window shows its live totals (the list was read when it started).
  const live = useItasca((state) => state.searches[summary.searchId]);
  const status = live?.status ?? summary.status;
  const done = live?.progress.done ?? summary.done;
  const total = live?.progress.total ?? summary.total;
  const best = live?.progress.best?.score ?? summary.best?.score;
  return (
    <li className={`eval-history-row${shown ? " eval-history-row--shown" : ""}`} data-testid={`search-history-${summary.searchId}`} data-status={status}>
      <button type="button" className="history-item" data-testid={`search-history-open-${summary.searchId}`} onClick={() => commands.open(summary.searchId)} title={summary.searchId}>
        <span className={`run-dot run-dot--${status}`} />
        <span className="eval-history-main">
          <span className="eval-history-what">
            {summary.algorithm} · {summary.dataset.split(/[\\/]/).pop()} · {done}/{total}
            {status === "completed" ? "" : ` · ${status}`}
          </span>
          <span className="eval-note">
            {formatTime(summary.startedAt)} · {shortSearchId(summary.searchId)}
          </span>
        </span>
        <span className="eval-history-figure">{formatScore(best)}</span>
        <span className="eval-history-cost">{formatUsd(live?.progress.spentUsd ?? summary.spentUsd)}</span>
      </button>
    </li>
  );
}

export function SearchHistory({ commands }: { commands: SearchCommands }) {
  const history = useItasca((state) => state.searchHistory);
  return (
    <HistorySection
      label="Past searches of this architecture"
      testId="search-history"
      className="search-history"
      empty="No searches of this architecture yet."
      rows={history.map((summary) => (
        <HistoryRow key={summary.searchId} summary={summary} commands={commands} />
      ))}
    />
  );
}
