/**
 * The progress of `itasca search` on stderr: a line redrawn in place on a terminal (trials
 * done, best so far, spend, excluded and failed counts), one plain line per trial otherwise
 * (with its outcome), like eval-progress.ts.
 */
import type { SearchEvent, SearchProgress, TrialRecord } from "../api/search-types";
import type { CliIo } from "./io";
import { liveLine } from "./live-line";
import { formatMs } from "./progress";

const BAR_WIDTH = 20;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** `[######--------------]  trial 9/30  best 80.0% (#4, $0.0012/q, 5.0 calls/q)  spent $0.0310  calls 420  2 excluded  1 failed  12.3 s` */
export function formatSearchProgress(p: SearchProgress, bar: boolean): string {
  const share = p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  const filled = Math.round(share * BAR_WIDTH);
  const parts = [
    `trial ${String(p.done).padStart(String(p.total).length)}/${p.total}`,
    p.best === undefined ? "best -" : `best ${pct(p.best.score)} (#${p.best.trialIndex}, $${p.best.costPerQueryUsd.toFixed(4)}/q${p.best.callsPerQuery === undefined ? "" : `, ${p.best.callsPerQuery.toFixed(1)} calls/q`})`,
    `spent $${p.spentUsd.toFixed(4)}`,
    `calls ${p.calls}`,
    `${p.excluded} excluded`,
    ...(p.failed > 0 ? [`${p.failed} failed`] : []),
    formatMs(p.elapsedMs),
  ];
  return `${bar ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]  ` : ""}${parts.join("  ")}`;
}

/** What became of one trial: `#7 scored 70.0% on 10 items ($0.0010/q, 12.0 calls/q)`, `#8 excluded: estimated ...`. */
export function describeTrial(t: TrialRecord): string {
  if (t.status === "scored") {
    return `#${t.index} scored ${pct(t.score ?? 0)} on ${t.fidelity} items ($${(t.costPerQueryUsd ?? 0).toFixed(4)}/q, ${(t.callsPerQuery ?? 0).toFixed(1)} calls/q, paid $${t.spentUsd.toFixed(4)})${t.reason ? ` (${t.reason})` : ""}`;
  }
  return `#${t.index} ${t.status}: ${t.reason ?? ""}`;
}

/** A listener for the search's events and the function that draws the final state. */
export function searchProgress(io: CliIo): { onEvent: (event: SearchEvent) => void; stop: () => void } {
  let latest: SearchProgress | undefined;
  const line = liveLine(io, () => (latest === undefined ? undefined : formatSearchProgress(latest, true)));
  const onEvent = (event: SearchEvent) => {
    if (event.type === "search.started") {
      io.stderr(`itasca: search ${event.searchId}: ${event.total} trials${event.resumed > 0 ? ` (${event.resumed} already done, resuming)` : ""}\n`);
      line.start();
      return;
    }
    if (event.type !== "search.trial") return;
    latest = event.progress;
    if (io.stderrIsTty) return;
    io.stderr(`itasca: ${formatSearchProgress(latest, false)}  | ${describeTrial(event.trial)}\n`);
  };
  return { onEvent, stop: line.stop };
}
