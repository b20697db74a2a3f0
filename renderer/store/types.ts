/**
 * The shapes the designer's store and its pure edit functions share. The graph is kept in the
 * file's own form (core/graph/schema.ts), so saving is serialising and undo snapshots are the
 * file's nodes and edges, nothing derived.
 */
import type { GraphData } from "../../core/graph/schema";
import type { ConnectionRefusalCode } from "../../core/validation/connection";

/** Width and height of a node as the canvas measured it, in flow units. */
export interface Size {
  width: number;
  height: number;
}

/** Stable codes of refused edits (a refused connection's among them): tests and the UI match on them, the reason is for people. */
export type EditErrorCode =
  | ConnectionRefusalCode
  | "unknown-param"
  | "param-invalid"
  | "clipboard-invalid"
  | "nothing-to-do";

/** What an edit returns: the new graph, or why it was refused (the graph is then unchanged). */
export type EditResult =
  | {
      ok: true;
      graph: GraphData;
      /** Ids of the nodes the edit created (add, duplicate, paste), for selecting them. */
      created: readonly string[];
    }
  | { ok: false; code: EditErrorCode; reason: string };

/** A refused edit. */
export function refuse(code: EditErrorCode, reason: string): EditResult {
  return { ok: false, code, reason };
}

/** A successful edit. */
export function accept(graph: GraphData, created: readonly string[] = []): EditResult {
  return { ok: true, graph, created };
}
