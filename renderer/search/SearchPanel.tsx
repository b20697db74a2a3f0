/**
 * The Search tab (ARCHITECTURE.md 6b, issue 10): the space, data, algorithm and budget on the
 * left with the shown search's progress; its trials in the middle, live; on the right the best
 * trial ("Apply best"), the best-so-far curve, the Pareto scatter and the file's history.
 * The search runs in the engine, so the canvas stays usable throughout.
 */
import { useItasca } from "../store/react";
import { costAxisOf } from "../store/searches/search-view";
import { selectShownSearch } from "../store/selectors";
import { BestCurve } from "./BestCurve";
import { ParetoScatter } from "./ParetoScatter";
import { SearchBestCard } from "./SearchBestCard";
import { SearchHistory } from "./SearchHistory";
import { SearchProgressBar } from "./SearchProgressBar";
import { SearchSetup } from "./SearchSetup";
import { TrialsTable } from "./TrialsTable";
import type { SearchCommands } from "./use-search-commands";

export function SearchPanel({ commands }: { commands: SearchCommands }) {
  const view = useItasca(selectShownSearch);
  const axis = view === undefined ? "usd" : costAxisOf(view.trials);
  return (
    <div className="eval-panel search-panel">
      <div className="eval-col eval-col--setup">
        <SearchSetup commands={commands} />
      </div>
      <div className="eval-col eval-col--results">
        {view === undefined ? (
          <div className="muted eval-empty">
            Mark params of this architecture as searchable in the inspector (or open a space file), pick the data and a budget, and press Start: each trial is an evaluation of one configuration, and the
            table fills as they finish.
          </div>
        ) : (
          <>
            <SearchProgressBar view={view} />
            <TrialsTable view={view} axis={axis} commands={commands} />
          </>
        )}
      </div>
      <div className="eval-col eval-col--side search-side">
        {view !== undefined && (
          <>
            <SearchBestCard view={view} axis={axis} commands={commands} />
            <BestCurve view={view} commands={commands} />
            <ParetoScatter view={view} axis={axis} commands={commands} />
          </>
        )}
        <SearchHistory commands={commands} />
      </div>
    </div>
  );
}
