/**
 * Latency composed along the DAG: a node starts when its last input is ready (the engine starts
 * nodes as soon as their inputs are, ARCHITECTURE.md section 4) and takes its own time, so a
 * query takes the longest path's sum. Independent branches overlap; contention between them for
 * one model's concurrency is not modelled (./latency.ts lists what is not).
 */
import type { EdgeSpec } from "../graph/schema";
import { topologicalOrder } from "../graph/topology";

export interface CriticalPath {
  /** The longest path's total, in ms. */
  latencyMs: number;
  /** Its node ids, first to last (empty for an empty graph). */
  path: string[];
  /** Per node: when it starts and finishes, in ms after the query. */
  times: Map<string, { startMs: number; finishMs: number }>;
}

/**
 * @param own Each node's own time in ms; nodes without one take none (they are not estimated,
 * or are on a cycle and left out of the topological order).
 */
export function criticalPath(nodes: readonly { id: string }[], edges: readonly EdgeSpec[], own: ReadonlyMap<string, number>): CriticalPath {
  const predecessors = new Map<string, string[]>();
  for (const edge of edges) {
    const list = predecessors.get(edge.to[0]);
    if (list === undefined) predecessors.set(edge.to[0], [edge.from[0]]);
    else list.push(edge.from[0]);
  }
  const times = new Map<string, { startMs: number; finishMs: number }>();
  const via = new Map<string, string>();
  let last: string | undefined;
  for (const id of topologicalOrder({ nodes, edges })) {
    let startMs = 0;
    for (const from of predecessors.get(id) ?? []) {
      const finish = times.get(from)?.finishMs;
      if (finish !== undefined && (finish > startMs || (finish === startMs && !via.has(id)))) {
        startMs = finish;
        via.set(id, from);
      }
    }
    const finishMs = startMs + (own.get(id) ?? 0);
    times.set(id, { startMs, finishMs });
    // Ties go to the later node, so the path runs on to the sink (the output) rather than stop early.
    if (last === undefined || finishMs >= (times.get(last)?.finishMs ?? 0)) last = id;
  }
  const path: string[] = [];
  for (let at = last; at !== undefined; at = via.get(at)) path.unshift(at);
  return { latencyMs: last === undefined ? 0 : (times.get(last)?.finishMs ?? 0), path, times };
}
