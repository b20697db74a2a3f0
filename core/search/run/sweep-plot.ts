/** The sweep's figure: accuracy and coverage vs cost per query, one point per value. */
import { renderPlot } from "./svg-plot";
import type { SweepResult } from "./sweep";

export function sweepSvg(result: SweepResult): string {
  const free = result.points.every((p) => p.costPerQueryUsd === 0);
  const x = (p: SweepResult["points"][number]) => (free ? p.callsPerQuery : p.costPerQueryUsd);
  const xs = result.points.map(x).filter((v) => v > 0);
  const xLog = xs.length === result.points.length && xs.length > 1 && Math.max(...xs) / Math.min(...xs) >= 8;
  return renderPlot({
    title: `Sweep of ${result.param} on ${result.items} items of ${result.dataset.name} (${result.dataset.split})`,
    xLabel: `${free ? "calls per query (every value cost $0: local or replayed models)" : "cost per query (USD, list prices, cache hits included)"}${xLog ? ", log scale" : ""}`,
    yLabel: "share of items",
    yRange: [0, 1],
    xLog,
    yFormat: (y) => `${Math.round(y * 100)}%`,
    ...(free ? {} : { xFormat: (v: number) => `$${v < 0.01 ? v.toPrecision(2) : v.toFixed(3)}` }),
    series: [
      { name: "accuracy", color: "#1f6feb", line: true, points: result.points.map((p) => ({ x: x(p), y: p.accuracy, label: `${result.param.split(".").pop()}=${String(p.value)}` })) },
      { name: "coverage (any candidate correct)", color: "#2da44e", line: true, hollow: true, points: result.points.flatMap((p) => (p.coverage === null ? [] : [{ x: x(p), y: p.coverage }])) },
    ],
  });
}
