/**
 * The progress of `itasca eval` on stderr: a bar redrawn in place on a terminal (items done,
 * accuracy so far, calls, tokens, dollars, ETA), plain lines when stderr is a pipe or a file.
 */
import type { EvalEvent, EvalProgress } from "../api/eval-types";
import type { CliIo } from "./io";
import { liveLine } from "./live-line";
import { formatMs } from "./progress";

const BAR_WIDTH = 24;

function compact(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** `[#########---------------]  12/50  acc 58.3%  calls 120  tokens 12.3k/4.5k  $0.0123  ETA 1m 20s` */
export function formatProgress(p: EvalProgress, bar: boolean): string {
  const share = p.total === 0 ? 1 : p.done / p.total;
  const filled = Math.round(share * BAR_WIDTH);
  const accuracy = p.scored === 0 ? "  -  " : `${((p.correct / p.scored) * 100).toFixed(1)}%`;
  const parts = [
    `${String(p.done).padStart(String(p.total).length)}/${p.total}`,
    `acc ${accuracy}`,
    `calls ${compact(p.usage.calls)}${p.usage.cachedCalls > 0 ? ` (+${compact(p.usage.cachedCalls)} cached)` : ""}`,
    `tokens ${compact(p.usage.inputTokens)}/${compact(p.usage.outputTokens)}`,
    `$${p.usage.costUsd.toFixed(4)}`,
    ...(p.errors > 0 ? [`${p.errors} failed`] : []),
    p.done === p.total ? `in ${formatMs(p.elapsedMs)}` : `ETA ${p.etaMs === undefined ? "-" : formatMs(p.etaMs)}`,
  ];
  return `${bar ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]  ` : ""}${parts.join("  ")}`;
}

/** A listener for the evaluation's events and the function that draws the final state. */
export function evalProgress(io: CliIo): { onEvent: (event: EvalEvent) => void; stop: () => void } {
  let latest: EvalProgress | undefined;
  const line = liveLine(io, () => (latest === undefined ? undefined : formatProgress(latest, true)));
  // Plain output: a line per item for small evaluations, one per percent for large ones.
  let lastPercent = -1;
  const onEvent = (event: EvalEvent) => {
    if (event.type === "eval.started") {
      io.stderr(`itasca: evaluation ${event.evalId}: ${event.total} items${event.resumed > 0 ? ` (${event.resumed} already done, resuming)` : ""}\n`);
      line.start();
      return;
    }
    if (event.type !== "eval.item") return;
    latest = event.progress;
    if (io.stderrIsTty) return;
    const percent = Math.floor((latest.done / latest.total) * 100);
    if (latest.total <= 200 || percent !== lastPercent || latest.done === latest.total) io.stderr(`itasca: ${formatProgress(latest, false)}\n`);
    lastPercent = percent;
  };
  return { onEvent, stop: line.stop };
}
