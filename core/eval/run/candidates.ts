/**
 * The candidates an item's run produced on the way to its answer, for coverage: every
 * `candidates` output of every node, each candidate once (a rank or verify passes the same
 * candidates on, so they are counted once by id).
 */
import type { RunResult } from "../../api/run-types";
import type { Candidate } from "../../graph/ports";
import { getNodeDefinition } from "../../nodes/registry";

export function candidatesOfRun(result: RunResult): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const node of result.nodes) {
    const definition = getNodeDefinition(node.type);
    if (definition === undefined || node.outputs === undefined) continue;
    for (const [port, value] of Object.entries(node.outputs)) {
      if (definition.outputs[port]?.type !== "candidates" || !Array.isArray(value)) continue;
      for (const candidate of value as Candidate[]) if (!seen.has(candidate.id)) seen.set(candidate.id, candidate);
    }
  }
  return [...seen.values()];
}
