/** The frame of a file's history (past evaluations, past searches): a heading, an optional action, the rows or a note that there are none. */
import type { ReactNode } from "react";

export interface HistorySectionProps {
  /** The section's accessible name. */
  label: string;
  /** The list's test id. */
  testId: string;
  /** Extra class for the section (the search history's layout). */
  className?: string;
  /** What to say when there are no rows. */
  empty: string;
  /** A control beside the heading (Compare). */
  action?: ReactNode;
  rows: readonly ReactNode[];
}

export function HistorySection({ label, testId, className, empty, action, rows }: HistorySectionProps) {
  return (
    <section className={className === undefined ? "eval-history" : `eval-history ${className}`} aria-label={label}>
      <div className="eval-history-head">
        <h4>History</h4>
        {action}
      </div>
      {rows.length === 0 ? (
        <div className="muted">{empty}</div>
      ) : (
        <ul className="eval-history-list" data-testid={testId}>
          {rows}
        </ul>
      )}
    </section>
  );
}
