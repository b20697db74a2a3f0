/** The best score so far against the trial index: a step line, each scored trial a faint dot, each new best a solid one. */
import type { SearchView } from "../store/searches/search-view";
import { bestSoFar, isScored } from "../store/searches/search-view";
import { activate, ChartFrame, linear, xRange, yRange } from "./chart-frame";
import { formatScore } from "./search-format";
import type { SearchCommands } from "./use-search-commands";

export function BestCurve({ view, commands }: { view: SearchView; commands: SearchCommands }) {
  const points = bestSoFar(view.trials);
  const scored = view.trials.filter(isScored);
  const lastIndex = Math.max(1, view.total - 1, ...view.trials.map((t) => t.index));
  const x = linear([0, lastIndex], xRange);
  const y = linear([0, 1], yRange);
  // Steps: across to the next trial at the old best, then up.
  const path = points.map((p, i) => (i === 0 ? `M${x(p.index)},${y(p.best)}` : `H${x(p.index)}V${y(p.best)}`)).join("");
  const extended = points.length > 0 ? `${path}H${x(view.status === "running" ? (points.at(-1)?.index ?? 0) : lastIndex)}` : "";
  return (
    <figure className="search-figure">
      <figcaption>Best so far</figcaption>
      <ChartFrame label="Best score so far against the trial index" testId="search-best-curve" x={x} y={y} xLabel="trial" yLabel="score" formatX={(t) => String(t)} integerX formatY={(t) => `${Math.round(t * 100)}%`}>
        {scored.map((trial) => (
          <circle key={`s${trial.index}`} className="chart-dot chart-dot--faint" cx={x(trial.index)} cy={y(trial.score)} r={2.5} {...activate(() => commands.openTrial(trial))}>
            <title>{`trial ${trial.index}: ${formatScore(trial.score)}`}</title>
          </circle>
        ))}
        <path className="chart-line" d={extended} data-testid="search-best-path" data-points={points.length} />
        {points
          .filter((p) => p.improved)
          .map((p) => (
            <circle key={`b${p.index}`} className="chart-dot chart-dot--best" cx={x(p.index)} cy={y(p.best)} r={3.5} pointerEvents="none">
              <title>{`trial ${p.index}: new best ${formatScore(p.best)}`}</title>
            </circle>
          ))}
      </ChartFrame>
    </figure>
  );
}
