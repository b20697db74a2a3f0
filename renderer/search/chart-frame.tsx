/**
 * The frame the Search tab's two charts share: an SVG that scales with its column, linear
 * scales, and axes with round ticks. Colours come from the theme's variables (search.css).
 */
import type { ReactNode } from "react";
import { ticks } from "./search-format";

export const CHART = { width: 300, height: 124, left: 38, right: 12, top: 8, bottom: 28 } as const;

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

/** A linear scale from `domain` onto `range` (a flat domain maps to the range's middle). */
export function linear(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
  scale.domain = domain;
  return scale;
}

export const xRange = [CHART.left, CHART.width - CHART.right] as const;
export const yRange = [CHART.height - CHART.bottom, CHART.top] as const;

export interface ChartFrameProps {
  label: string;
  testId: string;
  x: Scale;
  y: Scale;
  xLabel: string;
  yLabel: string;
  formatX(value: number): string;
  formatY(value: number): string;
  /** The x axis counts (trial indices): whole ticks only. @default false */
  integerX?: boolean;
  children: ReactNode;
}

export function ChartFrame({ label, testId, x, y, xLabel, yLabel, formatX, formatY, integerX = false, children }: ChartFrameProps) {
  const bottom = CHART.height - CHART.bottom;
  return (
    <svg className="search-chart" data-testid={testId} viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={label}>
      {ticks(y.domain[0], y.domain[1], 4).map((t) => (
        <g key={`y${t}`} className="chart-tick">
          <line className="chart-grid" x1={CHART.left} x2={CHART.width - CHART.right} y1={y(t)} y2={y(t)} />
          <text x={CHART.left - 4} y={y(t)} dy="0.32em" textAnchor="end">
            {formatY(t)}
          </text>
        </g>
      ))}
      {ticks(x.domain[0], x.domain[1], 4, integerX).map((t) => (
        <text key={`x${t}`} className="chart-tick" x={x(t)} y={bottom + 11} textAnchor="middle">
          {formatX(t)}
        </text>
      ))}
      <line className="chart-axis" x1={CHART.left} x2={CHART.width - CHART.right} y1={bottom} y2={bottom} />
      <line className="chart-axis" x1={CHART.left} x2={CHART.left} y1={CHART.top} y2={bottom} />
      <text className="chart-label" x={(CHART.left + CHART.width - CHART.right) / 2} y={CHART.height - 3} textAnchor="middle">
        {xLabel}
      </text>
      <text className="chart-label" transform={`translate(9 ${(CHART.top + bottom) / 2}) rotate(-90)`} textAnchor="middle">
        {yLabel}
      </text>
      {children}
    </svg>
  );
}

/** Keyboard and mouse activation of a chart mark (a trial's dot). */
export function activate(action: () => void) {
  return {
    role: "button",
    tabIndex: 0,
    onClick: action,
    onKeyDown: (event: { key: string; preventDefault(): void }) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        action();
      }
    },
  } as const;
}
