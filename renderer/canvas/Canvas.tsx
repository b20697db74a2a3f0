/**
 * The canvas: xyflow rendering the store's graph, with minimap, zoom controls, a snapping grid,
 * multi-select (shift-drag a box, ctrl/cmd-click), typed handles and live connection checks.
 * Deleting, copying and undo are keyboard commands on the store (shell/use-shortcuts.ts).
 */
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, SelectionMode, type NodeTypes } from "@xyflow/react";
import { useMemo } from "react";
import { nodeRegistry } from "../../core/nodes/registry";
import { useItasca } from "../store/react";
import { ConnectionHint } from "./ConnectionHint";
import { GRID } from "./drag-data";
import { createEdgeMapper, createNodeMapper, type PortFlowEdge, type TechniqueFlowNode } from "./flow-model";
import { TechniqueNode } from "./TechniqueNode";
import { useFlowHandlers } from "./use-flow-handlers";
import { useFitOnLoad } from "./use-fit-on-load";
import { useFocusRequest } from "./use-focus-request";

/** A module constant: xyflow re-creates every node when this object changes. */
const NODE_TYPES: NodeTypes = { technique: TechniqueNode };

const MINIMAP_SIZE = { width: 168, height: 112 } as const;

const minimapColor = (node: TechniqueFlowNode): string => `var(--category-${nodeRegistry.get(node.data.nodeType)?.category ?? "unknown"})`;

export function Canvas() {
  const specs = useItasca((state) => state.nodes);
  const edgeSpecs = useItasca((state) => state.edges);
  const selectedNodeIds = useItasca((state) => state.selectedNodeIds);
  const selectedEdgeKeys = useItasca((state) => state.selectedEdgeKeys);
  const measured = useItasca((state) => state.measured);
  const theme = useItasca((state) => state.theme);
  const handlers = useFlowHandlers();
  useFocusRequest();
  useFitOnLoad();

  const mapNodes = useMemo(createNodeMapper, []);
  const nodes = useMemo(() => mapNodes(specs, selectedNodeIds, measured), [mapNodes, specs, selectedNodeIds, measured]);
  const mapEdges = useMemo(createEdgeMapper, []);
  const edges = useMemo(() => mapEdges(edgeSpecs, specs, selectedEdgeKeys), [mapEdges, edgeSpecs, specs, selectedEdgeKeys]);

  return (
    <div className="canvas" data-testid="canvas" onDragOver={handlers.onDragOver} onDrop={handlers.onDrop}>
      <ReactFlow<TechniqueFlowNode, PortFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={handlers.onNodesChange}
        onEdgesChange={handlers.onEdgesChange}
        onConnect={handlers.onConnect}
        isValidConnection={handlers.isValidConnection}
        onNodeDragStart={handlers.beginGesture}
        onNodeDragStop={handlers.endGesture}
        onSelectionDragStart={handlers.beginGesture}
        onSelectionDragStop={handlers.endGesture}
        colorMode={theme}
        snapToGrid
        snapGrid={GRID}
        selectionMode={SelectionMode.Partial}
        deleteKeyCode={null}
        minZoom={0.2}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.2 }}
        // Mounts only the nodes and edges inside the viewport: a 500-node design drags and pans at
        // twice the frame rate (npm run bench:ui); fit, minimap and selection read xyflow's store, not the DOM.
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="minimap" style={MINIMAP_SIZE} />
        <Controls showInteractive={false} />
        <ConnectionHint />
      </ReactFlow>
    </div>
  );
}
