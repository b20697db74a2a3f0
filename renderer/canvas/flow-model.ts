/**
 * The store's graph (file form) as xyflow nodes and edges. Node objects are reused while their
 * spec, selection and measured size are unchanged, so xyflow and React skip the nodes an edit
 * did not touch.
 */
import type { Edge, Node } from "@xyflow/react";
import type { PortType } from "../../core/graph/ports";
import type { EdgeSpec, NodeSpec } from "../../core/graph/schema";
import { edgeKey } from "../../core/graph/load";
import { nodeRegistry } from "../../core/nodes/registry";
import type { ConnectionRequest } from "../store/connection";
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

/** The type an edge carries, or "invalid" when its ports are unknown or their types differ. */
export function edgePortType(edge: EdgeSpec, nodes: readonly NodeSpec[]): PortType | "invalid" {
  const typeOf = (id: string) => nodes.find((node) => node.id === id)?.type ?? "";
  const from = nodeRegistry.get(typeOf(edge.from[0]))?.outputs[edge.from[1]]?.type;
  const to = nodeRegistry.get(typeOf(edge.to[0]))?.inputs[edge.to[1]]?.type;
  return from !== undefined && from === to ? from : "invalid";
}

export function toFlowEdges(edges: readonly EdgeSpec[], nodes: readonly NodeSpec[], selectedKeys: readonly string[]): PortFlowEdge[] {
  const selected = new Set(selectedKeys);
  return edges.map((edge) => {
    const id = edgeKey(edge);
    const portType = edgePortType(edge, nodes);
    return {
      id,
      source: edge.from[0],
      sourceHandle: edge.from[1],
      target: edge.to[0],
      targetHandle: edge.to[1],
      selected: selected.has(id),
      className: `edge edge--${portType}`,
      data: { portType },
    };
  });
}

/** An xyflow connection (handle ids are port names) as a connection request. */
export function requestOf(connection: { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }): ConnectionRequest {
  return { source: connection.source, sourcePort: connection.sourceHandle ?? "", target: connection.target, targetPort: connection.targetHandle ?? "" };
}
