/** The best trial so far (score, cost, configuration) and "Apply best", which puts its architecture on the canvas as one undoable change. */
import { bestTrial, costOf, type CostAxis, type SearchView } from "../store/searches/search-view";
import { formatConfig, formatCost, formatScore } from "./search-format";
import type { SearchCommands } from "./use-search-commands";

export function SearchBestCard({ view, axis, commands }: { view: SearchView; axis: CostAxis; commands: SearchCommands }) {
  const best = bestTrial(view.trials);
  return (
    <section className="eval-summary search-best" data-testid="search-best" data-trial={best?.index ?? ""} data-score={best?.score ?? ""} aria-label="Best trial">
      <div className="eval-accuracy">
        <span className="eval-accuracy-value" data-testid="search-best-score">
          {formatScore(best?.score)}
        </span>
        <span className="eval-accuracy-ci">{best === undefined ? "no trial scored yet" : `best: trial ${best.index}`}</span>
        <button type="button" className="search-apply" data-testid="search-apply-best" disabled={best === undefined} onClick={commands.applyBest} title="Put the best architecture on the canvas (Undo puts back the current one)">
          Apply best
        </button>
      </div>
      {best !== undefined && (
        <div className="eval-note search-best-config" title={formatConfig(best.config)}>
          {best.fidelity} items · {formatCost(costOf(best, axis), axis)} / query · {formatConfig(best.config)}
        </div>
      )}
    </section>
  );
}
