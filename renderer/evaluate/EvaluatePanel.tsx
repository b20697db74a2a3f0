/**
 * The Evaluate tab (ARCHITECTURE.md 6b): the form and the shown evaluation's progress and
 * summary on the left; its results in the middle; on the right the open item (its run is on
 * the canvas) or the file's history with the comparison of two.
 */
import { useItasca } from "../store/react";
import { selectOpenItem, selectShownEval } from "../store/selectors";
import { EvalCompareCard } from "./EvalCompareCard";
import { EvalHistory } from "./EvalHistory";
import { EvalItemDetail } from "./EvalItemDetail";
import { EvalProgressBar } from "./EvalProgressBar";
import { EvalResults } from "./EvalResults";
import { EvalSetup } from "./EvalSetup";
import { EvalSummaryCard } from "./EvalSummaryCard";
import type { EvalCommands } from "./use-eval-commands";

export function EvaluatePanel({ commands }: { commands: EvalCommands }) {
  const view = useItasca(selectShownEval);
  const item = useItasca(selectOpenItem);
  return (
    <div className="eval-panel">
      <div className="eval-col eval-col--setup">
        <EvalSetup commands={commands} />
        {view !== undefined && <EvalProgressBar view={view} />}
        {view?.report !== undefined && <EvalSummaryCard report={view.report} />}
      </div>
      <div className="eval-col eval-col--results">
        {view === undefined ? (
          <div className="muted eval-empty">Pick a dataset and press Evaluate: every item runs through this architecture and is scored; results appear here as they complete.</div>
        ) : (
          <EvalResults view={view} commands={commands} />
        )}
      </div>
      <div className="eval-col eval-col--side">
        {item !== undefined ? (
          <EvalItemDetail item={item} />
        ) : (
          <>
            <EvalCompareCard />
            <EvalHistory commands={commands} />
          </>
        )}
      </div>
    </div>
  );
}
