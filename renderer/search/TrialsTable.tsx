/**
 * The shown search's trials as they finish: index, configuration (a column per dimension when
 * there are few, else one column), fidelity (items scored on: a column when trials differ, as in
 * successive halving, else one line above), status (excluded ones say why),
 * score and cost per query. Click a trial (or press Enter on its index) to put its
 * architecture on the canvas.
 */
import { memo } from "react";
import type { TrialRecord } from "../../core/api/search-types";
import { useItasca } from "../store/react";
import { bestTrial, costOf, type CostAxis, type SearchView } from "../store/searches/search-view";
import { formatConfig, formatCost, formatScore, formatValue } from "./search-format";
import type { SearchCommands } from "./use-search-commands";

/** Up to this many dimensions get a column each; more share one configuration column. */
const MAX_DIMENSION_COLUMNS = 3;

/** The dimensions of the trials, in the order they first appear. */
export function dimensionsOf(trials: readonly TrialRecord[]): string[] {
  const seen = new Set<string>();
  for (const trial of trials) for (const id of Object.keys(trial.config)) seen.add(id);
  return [...seen];
}

interface RowProps {
  trial: TrialRecord;
  /** The dimension columns, or null for one configuration column. */
  columns: readonly string[] | null;
  /** Trials differ in the items they were scored on (multi-fidelity): a column says how many. */
  fidelity: boolean;
  axis: CostAxis;
  open: boolean;
  best: boolean;
  commands: SearchCommands;
}

const Row = memo(function Row({ trial, columns, fidelity, axis, open, best, commands }: RowProps) {
  const config = formatConfig(trial.config);
  const measured = trial.status === "scored";
  return (
    <tr
      className={`${open ? "eval-row--open " : ""}${best ? "search-row--best " : ""}search-row--${trial.status}`}
      data-testid={`search-trial-${trial.index}`}
      data-status={trial.status}
      data-score={trial.score ?? ""}
      data-config={JSON.stringify(trial.config)}
      title={config}
      onClick={() => commands.openTrial(trial)}
    >
      <td>
        <button
          type="button"
          className="eval-item-open"
          data-testid={`search-trial-open-${trial.index}`}
          onClick={(event) => {
            event.stopPropagation();
            commands.openTrial(trial);
          }}
          aria-label={`Open trial ${trial.index} on the canvas`}
        >
          {trial.index}
          {best ? " ★" : ""}
        </button>
      </td>
      {columns === null ? (
        <td className="eval-excerpt search-config">{config}</td>
      ) : (
        columns.map((id) => (
          <td key={id} className="search-value">
            {trial.config[id] === undefined ? <span className="eval-note" title="Inactive in this configuration">–</span> : formatValue(trial.config[id])}
          </td>
        ))
      )}
      {fidelity && <td className="eval-num">{trial.fidelity}</td>}
      <td className={`search-status search-status--${trial.status}`} title={trial.reason}>
        {trial.status}
      </td>
      <td className="eval-num">{formatScore(trial.score)}</td>
      <td className="eval-num" title={measured ? "measured" : "estimated (not run)"}>
        {measured ? "" : "≈ "}
        {axis === "calls" ? String(costOf(trial, axis)) : formatCost(costOf(trial, axis), axis)}
      </td>
    </tr>
  );
});

export function TrialsTable({ view, axis, commands }: { view: SearchView; axis: CostAxis; commands: SearchCommands }) {
  const openIndex = useItasca((state) => state.openTrialIndex);
  const best = bestTrial(view.trials);
  const dimensions = dimensionsOf(view.trials);
  const columns = dimensions.length > 0 && dimensions.length <= MAX_DIMENSION_COLUMNS ? dimensions : null;
  const fidelities = new Set(view.trials.map((trial) => trial.fidelity));
  const fidelity = fidelities.size > 1;
  return (
    <div className="eval-results">
      {!fidelity && fidelities.size === 1 && (
        <div className="eval-note search-fidelity" data-testid="search-fidelity">
          every trial scored on {[...fidelities][0]} items
        </div>
      )}
      <table className={`eval-table search-table${fidelity ? " search-table--fidelity" : ""}`} data-testid="search-trials" data-rows={view.trials.length}>
        <thead>
          <tr>
            <th>#</th>
            {columns === null ? (
              <th>configuration</th>
            ) : (
              columns.map((id) => (
                <th key={id} className="search-value" title={`Dimension ${id}`}>
                  {id}
                </th>
              ))
            )}
            {fidelity && (
              <th className="eval-num search-fidelity-head" title="Items the trial was scored on (multi-fidelity: early rungs score on few)">
                items
              </th>
            )}
            <th>status</th>
            <th className="eval-num">score</th>
            <th className="eval-num" title={axis === "usd" ? "Dollars per query: measured, or ≈ the estimate of a trial not run" : "Calls per query (every trial cost $0): measured, or ≈ the estimate"}>
              {axis === "usd" ? "$ / query" : "calls/q"}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.trials.map((trial) => (
            <Row key={trial.index} trial={trial} columns={columns} fidelity={fidelity} axis={axis} open={trial.index === openIndex} best={trial.index === best?.index} commands={commands} />
          ))}
        </tbody>
      </table>
      {view.trials.length === 0 && <div className="muted">{view.status === "running" ? "No trial has finished yet." : "This search has no trials."}</div>}
    </div>
  );
}
