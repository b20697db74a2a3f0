/**
 * A node card's run status mark: a dot coloured by status, and while the node runs a ring that
 * fills with its calls done (made or cached) out of the calls it was estimated to make.
 */
import type { NodeRunStatus } from "../store/runs/run-view";

const RADIUS = 6;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** The share of a node's calls done, clamped to [0, 1]; undefined without an estimate. */
export function callProgress(done: number, estimated: number | undefined): number | undefined {
  if (estimated === undefined || estimated <= 0) return undefined;
  return Math.min(1, Math.max(0, done / estimated));
}

export function RunStatusMark({ nodeId, status, progress }: { nodeId: string; status: NodeRunStatus; progress: number | undefined }) {
  const title = progress === undefined || status !== "running" ? `last run: ${status}` : `running: ${Math.round(progress * 100)}% of its estimated calls done`;
  if (status !== "running" || progress === undefined) {
    return <span className={`run-dot run-dot--${status}`} data-testid={`node-status-${nodeId}`} data-status={status} title={title} />;
  }
  return (
    <svg className="run-ring" viewBox="0 0 16 16" width={14} height={14} data-testid={`node-status-${nodeId}`} data-status={status} data-progress={progress.toFixed(2)} role="img" aria-label={title}>
      <title>{title}</title>
      <circle className="run-ring-track" cx={8} cy={8} r={RADIUS} />
      <circle className="run-ring-fill" cx={8} cy={8} r={RADIUS} strokeDasharray={CIRCUMFERENCE} strokeDashoffset={CIRCUMFERENCE * (1 - progress)} transform="rotate(-90 8 8)" />
    </svg>
  );
}
