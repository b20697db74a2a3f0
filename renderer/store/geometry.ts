/** Node rectangles on the canvas: the default size, overlap, and finding room for a new node. */
import type { Position, GraphData } from "../../core/graph/schema";
import type { Size } from "./types";

/** Used for a node the canvas has not measured yet (a test, or a node added off screen). */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 150 };

/** Space kept between a new node and its neighbours, in flow units. */
const MARGIN = 16;
/** The grid a free spot is searched on, and how far out (in rings of that grid) the search goes. */
const SEARCH_STEP = 48;
const SEARCH_RINGS = 24;

function overlaps(a: Position, aSize: Size, b: Position, bSize: Size): boolean {
  return a.x < b.x + bSize.width + MARGIN && b.x < a.x + aSize.width + MARGIN && a.y < b.y + bSize.height + MARGIN && b.y < a.y + aSize.height + MARGIN;
}

/**
 * The point nearest `at` where a node of `size` overlaps no node of the graph (searched on a
 * grid in rings around `at`), so adding nodes in the same place does not pile them up. Falls
 * back to `at` when the neighbourhood is full.
 *
 * @param sizes Measured sizes by node id. @default DEFAULT_NODE_SIZE for every node
 * @param size The new node's size. @default DEFAULT_NODE_SIZE
 */
export function freeSpot(graph: GraphData, at: Position, sizes: Readonly<Record<string, Size>> = {}, size: Size = DEFAULT_NODE_SIZE): Position {
  const free = (spot: Position) => !graph.nodes.some((node) => overlaps(spot, size, node.position, sizes[node.id] ?? DEFAULT_NODE_SIZE));
  for (let ring = 0; ring <= SEARCH_RINGS; ring++) {
    const spots: Position[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) === ring) spots.push({ x: at.x + i * SEARCH_STEP, y: at.y + j * SEARCH_STEP });
      }
    }
    spots.sort((a, b) => Math.hypot(a.x - at.x, a.y - at.y) - Math.hypot(b.x - at.x, b.y - at.y));
    const found = spots.find(free);
    if (found !== undefined) return found;
  }
  return at;
}
