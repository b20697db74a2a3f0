/**
 * The params of the canvas the user marked searchable: per node, per param, a range (numbers)
 * or a list of choices (enums, models, booleans). View state beside the graph: not undone, not
 * saved in the architecture file; the Search view turns them into a search space
 * (renderer/search/space-from-marks.ts). Pure helpers, no store.
 */
import type { NodeSpec } from "../../../core/graph/schema";

export type SearchMark =
  | {
      kind: "range";
      min: number;
      max: number;
      /** Sample on a log scale (samples 1..64, temperature 0.01..1). */
      log: boolean;
      integer: boolean;
    }
  | { kind: "choice"; values: readonly (string | boolean)[] };

/** Marks by node id, then param name. */
export type SearchMarks = Readonly<Record<string, Readonly<Record<string, SearchMark>>>>;

/** One mark with where it points. */
export interface MarkedParam {
  nodeId: string;
  param: string;
  mark: SearchMark;
}

/** Sets (or, with undefined, removes) one mark; returns the same object when nothing changed. */
export function withMark(marks: SearchMarks, nodeId: string, param: string, mark: SearchMark | undefined): SearchMarks {
  const forNode = marks[nodeId] ?? {};
  if (mark === undefined) {
    if (!Object.hasOwn(forNode, param)) return marks;
    const { [param]: _dropped, ...rest } = forNode;
    const { [nodeId]: _node, ...others } = marks;
    return Object.keys(rest).length === 0 ? others : { ...others, [nodeId]: rest };
  }
  return { ...marks, [nodeId]: { ...forNode, [param]: mark } };
}

/** The marks whose node is still on the canvas, in canvas order then param name. */
export function markedParams(marks: SearchMarks, nodes: readonly NodeSpec[]): MarkedParam[] {
  return nodes.flatMap((node) =>
    Object.entries(marks[node.id] ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([param, mark]) => ({ nodeId: node.id, param, mark })),
  );
}

/** Why a mark cannot be searched as it stands, or null: an empty range or fewer than two choices. */
export function markProblem(mark: SearchMark): string | null {
  if (mark.kind === "choice") return mark.values.length < 2 ? "pick at least two values" : null;
  if (!Number.isFinite(mark.min) || !Number.isFinite(mark.max)) return "give a minimum and a maximum";
  if (mark.min >= mark.max) return "the minimum must be below the maximum";
  if (mark.log && mark.min <= 0) return "a log scale needs a minimum above 0";
  return null;
}

/** How many configurations a mark offers (Infinity for a continuous range). */
export function markSize(mark: SearchMark): number {
  if (mark.kind === "choice") return mark.values.length;
  return mark.integer ? Math.max(0, Math.floor(mark.max) - Math.ceil(mark.min) + 1) : Infinity;
}

/** `1–20 (log)`, `a | b | c`: a mark in a few characters. */
export function describeMark(mark: SearchMark): string {
  if (mark.kind === "choice") return mark.values.map(String).join(" | ");
  return `${mark.min}–${mark.max}${mark.log ? " (log)" : ""}`;
}
