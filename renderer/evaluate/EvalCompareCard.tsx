/** Two evaluations side by side on the items both scored: accuracies, B − A with its interval, wins / losses / ties, cost ratio. */
import { useItasca, useItascaStore } from "../store/react";
import { formatUsd } from "../run/format";
import { formatPercent, formatPoints, formatPointsInterval, formatRatio, shortId } from "./eval-format";

export function EvalCompareCard() {
  const store = useItascaStore();
  const comparison = useItasca((state) => state.comparison);
  if (comparison === null) return null;
  const { a, b, result, error } = comparison;
  return (
    <section className="eval-compare" data-testid="eval-comparison" data-ready={result !== undefined} aria-label="Comparison">
      <div className="eval-item-head">
        <strong>Compare</strong>
        <span className="eval-note">on the items both scored</span>
        <button type="button" className="eval-close" data-testid="eval-compare-close" onClick={() => store.getState().setComparison(null)} aria-label="Close the comparison">
          ×
        </button>
      </div>
      {error !== undefined && <div className="run-error">{error}</div>}
      {result === undefined && error === undefined && <div className="muted">Comparing…</div>}
      {result !== undefined && (
        <>
          <table className="eval-compare-table">
            <thead>
              <tr>
                <th />
                <th title={`A: ${a} (the older)`}>A</th>
                <th title={`B: ${b} (the newer)`}>B</th>
              </tr>
            </thead>
            <tbody>
              <tr className="eval-note">
                <th>evaluation</th>
                <td>{shortId(a)}</td>
                <td>{shortId(b)}</td>
              </tr>
              <tr>
                <th>accuracy</th>
                <td>{formatPercent(result.accuracyA)}</td>
                <td>{formatPercent(result.accuracyB)}</td>
              </tr>
              <tr>
                <th>$ / item</th>
                <td>{formatUsd(result.costPerItemUsdA)}</td>
                <td>{formatUsd(result.costPerItemUsdB)}</td>
              </tr>
            </tbody>
          </table>
          <dl className="eval-figures eval-figures--compare">
            <div className="eval-figure" title={`95% paired bootstrap, ${result.bootstrap.resamples} resamples, seed ${result.bootstrap.seed}`}>
              <dt>B − A</dt>
              <dd data-testid="eval-compare-difference" data-difference={result.difference}>
                {formatPoints(result.difference)} <span className="eval-note">{formatPointsInterval(result.ci95)}</span>
              </dd>
            </div>
            <div className="eval-figure" title="Per item: B right and A wrong / B wrong and A right / the same">
              <dt>wins / losses / ties</dt>
              <dd data-testid="eval-compare-wlt">
                {result.wins} / {result.losses} / {result.ties}
              </dd>
            </div>
            <div className="eval-figure">
              <dt>cost ratio B/A</dt>
              <dd data-testid="eval-compare-cost-ratio">{formatRatio(result.costRatio)}</dd>
            </div>
            <div className="eval-figure">
              <dt>shared items</dt>
              <dd data-testid="eval-compare-items">{result.items}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
