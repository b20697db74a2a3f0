/**
 * Live per-node progress on stderr: a compact status table redrawn in place on a terminal,
 * one line per event when stderr is a pipe or a file.
 */
import type { RunEvent, NodeStatus } from "../api/run-types";
import type { RunHandle } from "../engine/executor";
import type { CliIo } from "./io";

interface Row {
  id: string;
  type: string;
  status: NodeStatus;
  calls: number;
  cached: number;
  ms: number;
  startedAt?: number;
}

const REDRAW_MS = 100;

export function attachProgress(run: RunHandle, io: CliIo, nodes: readonly { id: string; type: string }[]): () => void {
  const rows = new Map<string, Row>(nodes.map((n) => [n.id, { id: n.id, type: n.type, status: "pending", calls: 0, cached: 0, ms: 0 }]));
  // On a terminal the table shows statuses; warnings and stops are listed under it at the end.
  const notes: string[] = [];
  const unsubscribe = run.on("*", (event) => {
    update(rows, event);
    const line = describe(event);
    if (!line) return;
    if (!io.stderrIsTty) io.stderr(`itasca: ${line}\n`);
    else if (event.type === "node.warning" || event.type === "budget.exceeded" || event.type === "node.failed") notes.push(line);
  });
  if (!io.stderrIsTty) return unsubscribe;

  let drawnLines = 0;
  const draw = () => {
    const lines = renderTable([...rows.values()]);
    io.stderr((drawnLines > 0 ? `\x1b[${drawnLines}A` : "") + lines.map((l) => `\x1b[2K${l}\n`).join(""));
    drawnLines = lines.length;
  };
  draw();
  const timer = setInterval(draw, REDRAW_MS);
  return () => {
    clearInterval(timer);
    draw();
    unsubscribe();
    for (const note of notes) io.stderr(`itasca: ${note}\n`);
  };
}

function update(rows: Map<string, Row>, event: RunEvent): void {
  if (!("nodeId" in event)) return;
  const row = rows.get(event.nodeId);
  if (!row) return;
  switch (event.type) {
    case "node.started":
      row.status = "running";
      row.startedAt = event.at;
      break;
    case "call.completed":
      if (event.call.cached) row.cached++;
      else row.calls++;
      break;
    case "node.completed":
    case "node.failed":
      row.status = event.status;
      row.ms = event.ms;
      break;
  }
}

function renderTable(rows: readonly Row[]): string[] {
  const idWidth = Math.max(4, ...rows.map((r) => r.id.length));
  const typeWidth = Math.max(4, ...rows.map((r) => r.type.length));
  const header = `  ${"node".padEnd(idWidth)}  ${"type".padEnd(typeWidth)}  ${"status".padEnd(14)}${"calls".padStart(6)}${"cached".padStart(8)}${"time".padStart(9)}`;
  return [
    header,
    ...rows.map((r) => {
      const elapsed = r.status === "running" && r.startedAt ? Date.now() - r.startedAt : r.ms;
      const time = r.status === "pending" ? "" : formatMs(elapsed);
      return `  ${r.id.padEnd(idWidth)}  ${r.type.padEnd(typeWidth)}  ${r.status.padEnd(14)}${String(r.calls).padStart(6)}${String(r.cached).padStart(8)}${time.padStart(9)}`;
    }),
  ];
}

function describe(event: RunEvent): string | undefined {
  switch (event.type) {
    case "run.started":
      return `run ${event.runId} started: ${event.name} (${event.nodeIds.length} nodes)`;
    case "node.started":
      return `node "${event.nodeId}" (${event.nodeType}) started`;
    case "node.completed":
      return `node "${event.nodeId}" ${event.status}: ${event.calls} calls, ${event.cachedCalls} cached, ${formatMs(event.ms)}`;
    case "node.failed":
      return `${event.status}: ${event.error.message}`;
    case "node.warning":
      return `warning: ${event.message}`;
    case "budget.exceeded":
      return `budget.exceeded at node "${event.nodeId}": ${event.message}`;
    default:
      return undefined;
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
