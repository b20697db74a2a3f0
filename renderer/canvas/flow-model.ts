/**
 * The store's graph (file form) as xyflow nodes and edges. Node and edge objects are reused
 * while what they are made from is unchanged, so xyflow and React skip the elements an edit did
 * not touch.
 */
import type { Edge, Node } from "@xyflow/react";
import type { PortType } from "../../core/graph/ports";
import type { EdgeSpec, NodeSpec } from "../../core/graph/schema";
import { nodeRegistry } from "../../core/nodes/registry";
import type { ConnectionRequest } from "../../core/validation/connection";
import { edgeKey } from "../../core/validation/load";
import type { Size } from "../store/types";

/** The node component reads everything else from the store by id, so data stays small. */
export type TechniqueNodeData = { nodeType: string };
export type TechniqueFlowNode = Node<TechniqueNodeData, "technique">;
export type PortFlowEdge = Edge<{ portType: PortType | "invalid" }>;

interface CachedNode {
  spec: NodeSpec;
  selected: boolean;
  size: Size | undefined;
  node: TechniqueFlowNode;
}

/** Maps node specs to xyflow nodes, reusing unchanged ones across calls. */
export function createNodeMapper(): (specs: readonly NodeSpec[], selected: readonly string[], measured: Readonly<Record<string, Size>>) => TechniqueFlowNode[] {
  let cache = new Map<string, CachedNode>();
  return (specs, selectedIds, measured) => {
    const selected = new Set(selectedIds);
    const next = new Map<string, CachedNode>();
    const nodes = specs.map((spec) => {
      const isSelected = selected.has(spec.id);
      const size = measured[spec.id];
      const hit = cache.get(spec.id);
      if (hit !== undefined && hit.spec === spec && hit.selected === isSelected && hit.size === size) {
        next.set(spec.id, hit);
        return hit.node;
      }
      const node: TechniqueFlowNode = {
        id: spec.id,
        type: "technique",
        position: spec.position,
        data: { nodeType: spec.type },
        selected: isSelected,
        // Controlled flows must hand xyflow its measurements back, or it re-measures every node.
        ...(size === undefined ? {} : { measured: size }),
      };
      next.set(spec.id, { spec, selected: isSelected, size, node });
      return node;
    });
    cache = next;
    return nodes;
  };
}

/** Node types by id; the first node of a repeated id wins, as in validation. */
function typesById(nodes: readonly NodeSpec[]): ReadonlyMap<string, string> {
  const types = new Map<string, string>();
  for (const node of nodes) if (!types.has(node.id)) types.set(node.id, node.type);
  return types;
}

function portTypeIn(edge: EdgeSpec, types: ReadonlyMap<string, string>): PortType | "invalid" {
  const from = nodeRegistry.get(types.get(edge.from[0]) ?? "")?.outputs[edge.from[1]]?.type;
  const to = nodeRegistry.get(types.get(edge.to[0]) ?? "")?.inputs[edge.to[1]]?.type;
  return from !== undefined && from === to ? from : "invalid";
}

/** The type an edge carries, or "invalid" when its ports are unknown or their types differ. */
export function edgePortType(edge: EdgeSpec, nodes: readonly NodeSpec[]): PortType | "invalid" {
  return portTypeIn(edge, typesById(nodes));
}

function flowEdge(edge: EdgeSpec, id: string, portType: PortType | "invalid", selected: boolean): PortFlowEdge {
  return {
    id,
    source: edge.from[0],
    sourceHandle: edge.from[1],
    target: edge.to[0],
    targetHandle: edge.to[1],
    selected,
    className: `edge edge--${portType}`,
    data: { portType },
  };
}

/** The xyflow edges of a graph (one-off; the canvas keeps a {@link createEdgeMapper}). */
export function toFlowEdges(edges: readonly EdgeSpec[], nodes: readonly NodeSpec[], selectedKeys: readonly string[]): PortFlowEdge[] {
  return createEdgeMapper()(edges, nodes, selectedKeys);
}

interface CachedEdge {
  spec: EdgeSpec;
  portType: PortType | "invalid";
  selected: boolean;
  edge: PortFlowEdge;
}

/**
 * Maps edge specs to xyflow edges like {@link toFlowEdges}, reusing unchanged edge objects and,
 * when none changed, the previous array itself. Dragging a node changes the node list on every
 * frame but no edge: a new edges array would make xyflow re-index and re-render every edge.
 */
export function createEdgeMapper(): (edges: readonly EdgeSpec[], nodes: readonly NodeSpec[], selectedKeys: readonly string[]) => PortFlowEdge[] {
  let cache = new Map<string, CachedEdge>();
  let last: PortFlowEdge[] = [];
  return (specs, nodes, selectedKeys) => {
    const types = typesById(nodes);
    const selected = new Set(selectedKeys);
    const next = new Map<string, CachedEdge>();
    let changed = specs.length !== last.length;
    const edges = specs.map((spec, index) => {
      const id = edgeKey(spec);
      const portType = portTypeIn(spec, types);
      const isSelected = selected.has(id);
      const hit = cache.get(id);
      const edge = hit !== undefined && hit.spec === spec && hit.portType === portType && hit.selected === isSelected ? hit.edge : flowEdge(spec, id, portType, isSelected);
      next.set(id, { spec, portType, selected: isSelected, edge });
      if (edge !== last[index]) changed = true;
      return edge;
    });
    cache = next;
    if (changed) last = edges;
    return last;
  };
}

/** An xyflow connection (handle ids are port names) as a connection request. */
export function requestOf(connection: { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }): ConnectionRequest {
  return { source: connection.source, sourcePort: connection.sourceHandle ?? "", target: connection.target, targetPort: connection.targetHandle ?? "" };
}
