/**
 * Auto-layout: elkjs "layered", left to right, the way data flows from the input node to the
 * output. Ports are declared on the sides the canvas draws them (inputs west, outputs east, in
 * definition order) so the layering keeps edges short and uncrossed where it can.
 */
import type { ElkNode } from "elkjs/lib/elk-api";
import type { Position, GraphData } from "../../core/graph/schema";
import type { AnyNodeDefinition } from "../../core/nodes/define";
import { nodeRegistry } from "../../core/nodes/registry";
import { DEFAULT_NODE_SIZE } from "./geometry";
import { moveNodes } from "./graph-ops";
import type { EditResult, Size } from "./types";

export interface LayoutOptions {
  /** Node sizes by id, as measured by the canvas. @default DEFAULT_NODE_SIZE for every node */
  sizes?: Readonly<Record<string, Size>>;
  /** Gap between layers (columns), in flow units. @default 90 */
  layerGap?: number;
  /** Gap between nodes in one layer. @default 40 */
  nodeGap?: number;
  /** Node types, for the port order. @default nodeRegistry */
  definitions?: ReadonlyMap<string, AnyNodeDefinition>;
}

// elkjs is about 1.5 MB: loaded on first use so the canvas opens without it.
async function loadElk(): Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> {
  const { default: Elk } = await import("elkjs/lib/elk.bundled.js");
  return new Elk();
}

function elkGraph(graph: GraphData, options: LayoutOptions): ElkNode {
  const definitions = options.definitions ?? nodeRegistry;
  const ids = new Set(graph.nodes.map((node) => node.id));
  const portId = (nodeId: string, side: "in" | "out", port: string): string => `${nodeId}\u0000${side}\u0000${port}`;
  const ports = new Set<string>();
  const children: ElkNode[] = graph.nodes.map((node) => {
    const definition = definitions.get(node.type);
    const size = options.sizes?.[node.id] ?? DEFAULT_NODE_SIZE;
    const inputs = Object.keys(definition?.inputs ?? {}).map((port, index) => ({ side: "WEST", id: portId(node.id, "in", port), index }));
    const outputs = Object.keys(definition?.outputs ?? {}).map((port, index) => ({ side: "EAST", id: portId(node.id, "out", port), index }));
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { "elk.portConstraints": "FIXED_ORDER" },
      ports: [...inputs, ...outputs].map((port) => {
        ports.add(port.id);
        return { id: port.id, width: 1, height: 1, layoutOptions: { "elk.port.side": port.side, "elk.port.index": String(port.index) } };
      }),
    };
  });
  const edges = graph.edges
    .filter((edge) => ids.has(edge.from[0]) && ids.has(edge.to[0]))
    .map((edge, index) => {
      // An edge naming a port the node lacks (reported by validation) still shapes the layout, node to node.
      const from = portId(edge.from[0], "out", edge.from[1]);
      const to = portId(edge.to[0], "in", edge.to[1]);
      return { id: `e${index}`, sources: [ports.has(from) ? from : edge.from[0]], targets: [ports.has(to) ? to : edge.to[0]] };
    });
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": String(options.layerGap ?? 90),
      "elk.spacing.nodeNode": String(options.nodeGap ?? 40),
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
    },
    children,
    edges,
  };
}

/** New top-left positions for every node, by id. */
export async function layoutPositions(graph: GraphData, options: LayoutOptions = {}): Promise<Record<string, Position>> {
  if (graph.nodes.length === 0) return {};
  const elk = await loadElk();
  const laid = await elk.layout(elkGraph(graph, options));
  const positions: Record<string, Position> = {};
  for (const child of laid.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}

/** The graph with every node moved to its auto-layout position (one edit, one undo step). */
export async function autoLayout(graph: GraphData, options: LayoutOptions = {}): Promise<EditResult> {
  return moveNodes(graph, await layoutPositions(graph, options));
}
