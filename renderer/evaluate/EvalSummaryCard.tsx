/** The report of an ended evaluation: accuracy ± its 95% interval, coverage, cost per item, latency percentiles. */
import type { EvalReport } from "../../core/api/eval-types";
import { formatMs, formatUsd } from "../run/format";
import { formatInterval, formatPercent } from "./eval-format";

function Figure({ label, value, title, testId }: { label: string; value: string; title?: string; testId?: string }) {
  return (
    <div className="eval-figure" title={title} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function EvalSummaryCard({ report }: { report: EvalReport }) {
  return (
    <section className="eval-summary" data-testid="eval-summary" data-accuracy={report.accuracy} data-scored={report.scored} aria-label="Evaluation summary">
      <div className="eval-accuracy" title={`Accuracy ${report.correct}/${report.scored}, with its 95% Wilson score interval (asymmetric near 0% and 100%, so shown as its bounds)`}>
        <span className="eval-accuracy-value" data-testid="eval-accuracy">
          {formatPercent(report.accuracy)}
        </span>
        <span className="eval-accuracy-ci" data-testid="eval-ci">
          95% CI {formatInterval(report.ci95)}
        </span>
      </div>
      <dl className="eval-figures">
        <Figure label="correct" value={`${report.correct}/${report.scored}${report.errors > 0 ? ` · ${report.errors} failed` : ""}`} />
        <Figure label="coverage" testId="eval-coverage" value={formatPercent(report.coverage)} title="Share of items where any candidate reaching the selection step was correct: what a perfect selector would score" />
        <Figure label="cost / item" value={formatUsd(report.costPerItemUsd)} title={`${formatUsd(report.usage.costUsd)} in total, ${report.usage.calls} calls`} />
        <Figure label="p50 / p95" value={`${formatMs(report.p50Ms)} / ${formatMs(report.p95Ms)}`} title="Latency per item" />
      </dl>
      <div className="eval-note">
        {report.dataset.name} · {report.dataset.split} · {report.scorer}
      </div>
    </section>
  );
}
