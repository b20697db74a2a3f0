/**
 * The geometry of a graph's preview thumbnail (the template gallery's cards): node boxes at the
 * file's positions and edges between their ports, scaled uniformly to fit a fixed frame and
 * centred in it. Pure, so tests check it without a DOM; GraphThumbnail draws it as SVG.
 */
import type { GraphData } from "../../core/graph/schema";
import type { NodeCategory } from "../../core/nodes/define";
import { getNodeDefinition } from "../../core/nodes/registry";

/** A node type the registry does not know gets the canvas's "unknown" colour. */
export type ThumbnailCategory = NodeCategory | "unknown";

export interface ThumbnailBox {
  id: string;
  category: ThumbnailCategory;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ThumbnailEdge {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Thumbnail {
  width: number;
  height: number;
  boxes: readonly ThumbnailBox[];
  edges: readonly ThumbnailEdge[];
}

export interface ThumbnailOptions {
  /** @default 200 */
  width?: number;
  /** @default 90 */
  height?: number;
  /** Space kept free at every side of the frame. @default 6 */
  padding?: number;
  /**
   * A node's size in flow units. The file holds only positions (sizes are measured by the
   * canvas), so every box is the canvas card's width and a typical height.
   * @default { width: 200, height: 90 }
   */
  nodeSize?: { width: number; height: number };
  /** The largest scale: a one-node graph should not become one giant box. @default 0.35 */
  maxScale?: number;
}

const DEFAULT_NODE = { width: 200, height: 90 } as const;

/** The boxes and edges of a graph in a `width` x `height` frame (the SVG's viewBox). */
export function thumbnailOf(graph: GraphData, options: ThumbnailOptions = {}): Thumbnail {
  const width = options.width ?? 200;
  const height = options.height ?? 90;
  const padding = options.padding ?? 6;
  const node = options.nodeSize ?? DEFAULT_NODE;
  if (graph.nodes.length === 0) return { width, height, boxes: [], edges: [] };

  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX + node.width;
  const spanY = Math.max(...ys) - minY + node.height;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY, options.maxScale ?? 0.35);
  // Centre the scaled drawing in the frame.
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;

  const boxes = graph.nodes.map(
    (n): ThumbnailBox => ({
      id: n.id,
      category: getNodeDefinition(n.type)?.category ?? "unknown",
      x: offsetX + (n.position.x - minX) * scale,
      y: offsetY + (n.position.y - minY) * scale,
      width: node.width * scale,
      height: node.height * scale,
    }),
  );
  const byId = new Map(boxes.map((box) => [box.id, box] as const));
  const edges: ThumbnailEdge[] = [];
  for (const edge of graph.edges) {
    const from = byId.get(edge.from[0]);
    const to = byId.get(edge.to[0]);
    // An edge to a missing node is the validator's to report; the preview just leaves it out.
    if (from === undefined || to === undefined) continue;
    // Outputs sit on a card's right side and inputs on its left, as on the canvas.
    edges.push({ key: `${edge.from.join(".")}>${edge.to.join(".")}`, x1: from.x + from.width, y1: from.y + from.height / 2, x2: to.x, y2: to.y + to.height / 2 });
  }
  return { width, height, boxes, edges };
}
