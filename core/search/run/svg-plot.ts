/**
 * A small dependency-free SVG plotter for search and sweep figures: scatter and line series on
 * linear or log axes, highlighted points, point labels, and horizontal or vertical reference
 * lines (a budget). Pure text out; the same input gives the same bytes.
 */

export interface PlotPoint {
  x: number;
  y: number;
  /** Written beside the point. */
  label?: string;
}

export interface PlotSeries {
  name: string;
  points: readonly PlotPoint[];
  /** CSS colour. */
  color: string;
  /** Join the points (in x order) with a line. @default false */
  line?: boolean;
  /** Draw the line as steps (flat until the next point, then up or down): a Pareto front's "best under budget". @default false */
  step?: boolean;
  /** Marker radius in pixels. @default 3.5 */
  radius?: number;
  /** Hollow markers. @default false */
  hollow?: boolean;
}

export interface ReferenceLine {
  axis: "x" | "y";
  value: number;
  label: string;
  color?: string;
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly PlotSeries[];
  references?: readonly ReferenceLine[];
  /** Log-scale x axis (needs every x > 0). @default false */
  xLog?: boolean;
  /** Fixed y range, e.g. [0, 1] for accuracies. @default the data's, padded */
  yRange?: [number, number];
  /** Formats tick labels. @default a short number */
  xFormat?: (x: number) => string;
  yFormat?: (y: number) => string;
  /** @default 720 */
  width?: number;
  /** @default 440 */
  height?: number;
}

const MARGIN = { left: 70, right: 24, top: 40, bottom: 74 };

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Rounds for stable output (SVG needs no more precision than this). */
const r = (n: number) => Math.round(n * 100) / 100;

export function shortNumber(n: number): string {
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (abs >= 1000 || abs < 0.001) return n.toExponential(1).replace("e+", "e");
  return String(Number(n.toPrecision(3)));
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(Number(t.toPrecision(12)));
    }
  }
  return ticks.length >= 2 ? ticks : [lo, hi];
}

function extent(values: readonly number[], pad: number): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  const d = (hi - lo) * pad;
  lo -= d;
  hi += d;
  return [lo, hi];
}

export function renderPlot(spec: PlotSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 440;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = spec.series.flatMap((s) => s.points);
  const refX = (spec.references ?? []).filter((l) => l.axis === "x").map((l) => l.value);
  const refY = (spec.references ?? []).filter((l) => l.axis === "y").map((l) => l.value);
  const xs = [...all.map((p) => p.x), ...refX];
  const xLog = spec.xLog === true && xs.length > 0 && xs.every((x) => x > 0);
  const fx = (x: number) => (xLog ? Math.log10(x) : x);
  const [lo, x1] = extent(xs.map(fx), 0.05);
  // Non-negative data starts the axis at 0 rather than a little below it.
  const x0 = !xLog && Math.min(...xs, 0) >= 0 ? Math.max(lo, 0) : lo;
  const [y0, y1] = spec.yRange ?? extent([...all.map((p) => p.y), ...refY], 0.08);
  const px = (x: number) => MARGIN.left + ((fx(x) - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const xFormat = spec.xFormat ?? shortNumber;
  const yFormat = spec.yFormat ?? shortNumber;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(spec.title)}</text>`);
  // Grid and ticks.
  const xTicks = xLog ? logTicks(10 ** x0, 10 ** x1) : niceTicks(x0, x1);
  const yTicks = niceTicks(y0, y1);
  for (const t of xTicks) {
    const x = r(px(t));
    if (x < MARGIN.left - 0.5 || x > MARGIN.left + plotW + 0.5) continue;
    out.push(`<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + plotH}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${x}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" fill="#444">${escapeXml(xFormat(t))}</text>`);
  }
  for (const t of yTicks) {
    const y = r(py(t));
    if (y < MARGIN.top - 0.5 || y > MARGIN.top + plotH + 0.5) continue;
    out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${r(y + 4)}" text-anchor="end" fill="#444">${escapeXml(yFormat(t))}</text>`);
  }
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 38}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text x="16" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + plotH / 2})">${escapeXml(spec.yLabel)}</text>`);
  // Reference lines.
  for (const line of spec.references ?? []) {
    const color = line.color ?? "#d33";
    if (line.axis === "x") {
      const x = r(px(line.value));
      out.push(`<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + plotH}" stroke="${color}" stroke-dasharray="6 4" stroke-width="1.5"/>`);
      out.push(`<text x="${r(x + 4)}" y="${MARGIN.top + 14}" fill="${color}">${escapeXml(line.label)}</text>`);
    } else {
      const y = r(py(line.value));
      out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="${color}" stroke-dasharray="6 4" stroke-width="1.5"/>`);
      out.push(`<text x="${MARGIN.left + plotW - 4}" y="${r(y - 4)}" text-anchor="end" fill="${color}">${escapeXml(line.label)}</text>`);
    }
  }
  // Series.
  for (const series of spec.series) {
    const points = [...series.points].sort((a, b) => a.x - b.x);
    if (series.line === true && points.length > 1) {
      const corners = series.step === true ? points.flatMap((p, i) => (i === 0 ? [p] : [{ x: p.x, y: (points[i - 1] as PlotPoint).y }, p])) : points;
      out.push(`<polyline fill="none" stroke="${series.color}" stroke-width="2" points="${corners.map((p) => `${r(px(p.x))},${r(py(p.y))}`).join(" ")}"/>`);
    }
    const radius = series.radius ?? 3.5;
    for (const p of points) {
      const [cx, cy] = [r(px(p.x)), r(py(p.y))];
      out.push(series.hollow === true ? `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="#fff" stroke="${series.color}" stroke-width="1.5"/>` : `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="${series.color}"/>`);
      if (p.label !== undefined) {
        // Near the right edge the label goes to the left of its point.
        const left = cx + radius + 3 + p.label.length * 6 > MARGIN.left + plotW;
        out.push(`<text x="${r(left ? cx - radius - 3 : cx + radius + 3)}" y="${r(cy - radius - 2)}"${left ? ' text-anchor="end"' : ""} fill="${series.color}" font-size="11">${escapeXml(p.label)}</text>`);
      }
    }
  }
  // Legend: one row under the x axis label.
  let legendX = MARGIN.left;
  const legendY = height - 12;
  for (const series of spec.series) {
    const text = `${series.name} (${series.points.length})`;
    out.push(`<circle cx="${legendX + 4}" cy="${legendY - 4}" r="4" fill="${series.hollow === true ? "#fff" : series.color}" stroke="${series.color}"/>`);
    out.push(`<text x="${legendX + 12}" y="${legendY}">${escapeXml(text)}</text>`);
    legendX += 28 + text.length * 6.5;
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
