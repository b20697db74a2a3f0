/**
 * Score against cost per query for every comparable trial, the Pareto front (the trials no other
 * beats on both) joined and highlighted, and the per-query budget as a vertical line. Costs are
 * dollars, or calls per query when every trial cost $0 (local or replayed models), as the
 * runner's own front does.
 */
import { useItasca } from "../store/react";
import { paretoFront, scatterOf, type CostAxis, type SearchView } from "../store/searches/search-view";
import { activate, ChartFrame, CHART, linear, xRange, yRange } from "./chart-frame";
import { formatCost, formatScore } from "./search-format";
import type { SearchCommands } from "./use-search-commands";

export function ParetoScatter({ view, axis, commands }: { view: SearchView; axis: CostAxis; commands: SearchCommands }) {
  const budget = useItasca((state) => state.searchBudgets[view.searchId]);
  const limit = axis === "usd" ? budget?.maxUsd : budget?.maxCalls;
  const points = scatterOf(view.trials, axis);
  const front = paretoFront(points);
  const onFront = new Set(front.map((p) => p.index));
  const maxCost = Math.max(0, limit ?? 0, ...points.map((p) => p.cost));
  const x = linear([0, maxCost === 0 ? 1 : maxCost * 1.08], xRange);
  const y = linear([0, 1], yRange);
  const trialOf = (index: number) => view.trials.find((t) => t.index === index);
  const frontPath = front.map((p, i) => `${i === 0 ? "M" : "H"}${x(p.cost)}${i === 0 ? `,${y(p.score)}` : `V${y(p.score)}`}`).join("");
  return (
    <figure className="search-figure">
      <figcaption>
        Pareto front{" "}
        <span className="eval-note" title={axis === "calls" ? "Every trial cost $0 (local or replayed models): calls per query stand in for the cost" : undefined}>
          vs {axis === "usd" ? "$ / query" : "calls / query"}
        </span>
      </figcaption>
      <ChartFrame
        label={`Score against ${axis === "usd" ? "dollars" : "calls"} per query; the Pareto front highlighted`}
        testId="search-pareto"
        x={x}
        y={y}
        xLabel={axis === "usd" ? "$ / query" : "calls / query"}
        yLabel="score"
        formatX={(t) => (axis === "usd" ? `$${Number(t.toPrecision(2))}` : String(t))}
        formatY={(t) => `${Math.round(t * 100)}%`}
      >
        {limit !== undefined && (
          <g className="chart-budget" data-testid="search-pareto-budget" data-limit={limit}>
            <line x1={x(limit)} x2={x(limit)} y1={CHART.top} y2={CHART.height - CHART.bottom} />
            <text x={x(limit) - 3} y={CHART.top + 8} textAnchor="end">
              budget {formatCost(limit, axis)}
            </text>
          </g>
        )}
        <path className="chart-front" d={frontPath} />
        <g data-testid="search-pareto-points" data-count={points.length} data-front={front.length}>
          {points.map((p) => {
            const trial = trialOf(p.index);
            return (
              <circle
                key={p.index}
                className={`chart-dot${onFront.has(p.index) ? " chart-dot--front" : ""}`}
                data-testid={`search-point-${p.index}`}
                data-front={onFront.has(p.index)}
                cx={x(p.cost)}
                cy={y(p.score)}
                r={onFront.has(p.index) ? 4 : 3}
                {...activate(() => trial !== undefined && commands.openTrial(trial))}
              >
                <title>{`trial ${p.index}: ${formatScore(p.score)} at ${formatCost(p.cost, axis)}${onFront.has(p.index) ? " (on the front)" : ""}`}</title>
              </circle>
            );
          })}
        </g>
      </ChartFrame>
    </figure>
  );
}
