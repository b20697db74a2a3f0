/**
 * A deterministic layered layout: one column per layer (the input first, the output last), the
 * components of a layer stacked and centred on the input's row, so golden files are stable.
 */
import type { NodeSpec } from "../../graph/schema";
import type { BuiltGraph } from "./build";
import { COLUMN_WIDTH, ROW_HEIGHT } from "./defaults";

export function layOut(graph: BuiltGraph): NodeSpec[] {
  const rowsPerColumn = new Map<number, number>();
  for (const placed of graph.nodes) rowsPerColumn.set(placed.column, Math.max(rowsPerColumn.get(placed.column) ?? 0, placed.row + 1));
  return graph.nodes.map(({ node, column, row }) => {
    const rows = rowsPerColumn.get(column) ?? 1;
    // Centred: a column of 3 sits at -140, 0, 140. ROW_HEIGHT is even, so positions stay whole.
    const y = (row - (rows - 1) / 2) * ROW_HEIGHT;
    return { ...node, position: { x: column * COLUMN_WIDTH, y: y === 0 ? 0 : y } };
  });
}
