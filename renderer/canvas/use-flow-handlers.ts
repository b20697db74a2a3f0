/**
 * xyflow's callbacks, translated into store edits. The store is the single source of truth:
 * xyflow reports changes, the store decides, xyflow renders what the store holds.
 */
import { useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange } from "@xyflow/react";
import { useCallback, useMemo, type DragEvent } from "react";
import type { Position } from "../../core/graph/schema";
import { checkConnection } from "../../core/validation/connection";
import { useItascaStore } from "../store/react";
import { graphOf } from "../store/selectors";
import type { SelectionChange } from "../store/slices/selection-slice";
import type { Size } from "../store/types";
import { GRID, NODE_TYPE_MIME, snapToGrid } from "./drag-data";
import { requestOf, type PortFlowEdge, type TechniqueFlowNode } from "./flow-model";

export function useFlowHandlers() {
  const store = useItascaStore();
  const { screenToFlowPosition } = useReactFlow();

  const onNodesChange = useCallback(
    (changes: NodeChange<TechniqueFlowNode>[]) => {
      const positions: Record<string, Position> = {};
      const sizes: Record<string, Size> = {};
      const selection: SelectionChange[] = [];
      for (const change of changes) {
        if (change.type === "position" && change.position !== undefined) positions[change.id] = change.position;
        else if (change.type === "dimensions" && change.dimensions !== undefined) sizes[change.id] = change.dimensions;
        else if (change.type === "select") selection.push({ id: change.id, selected: change.selected });
        // "remove" is ignored: deleting goes through the store's deleteSelection (keyboard, menus).
      }
      const state = store.getState();
      if (Object.keys(sizes).length > 0) state.setMeasured(sizes);
      if (selection.length > 0) state.changeSelection("nodes", selection);
      // During a drag the history is paused, so these moves become one step at drag end.
      if (Object.keys(positions).length > 0) state.apply({ type: "move", positions });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<PortFlowEdge>[]) => {
      const selection = changes.flatMap((change) => (change.type === "select" ? [{ id: change.id, selected: change.selected }] : []));
      if (selection.length > 0) store.getState().changeSelection("edges", selection);
    },
    [store],
  );

  const onConnect = useCallback((connection: Connection) => void store.getState().connectPorts(requestOf(connection)), [store]);

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => checkConnection(graphOf(store.getState()), requestOf(connection)).ok,
    [store],
  );

  const beginGesture = useCallback(() => store.getState().beginGesture(), [store]);
  const endGesture = useCallback(() => store.getState().endGesture(), [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_TYPE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const nodeType = event.dataTransfer.getData(NODE_TYPE_MIME);
      if (nodeType === "") return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // The pointer holds the card near its top-left corner, as it was picked up in the palette.
      store.getState().addNodeOfType(nodeType, { x: snapToGrid(at.x - 24, GRID[0]), y: snapToGrid(at.y - 16, GRID[1]) });
    },
    [store, screenToFlowPosition],
  );

  return useMemo(
    () => ({ onNodesChange, onEdgesChange, onConnect, isValidConnection, beginGesture, endGesture, onDragOver, onDrop }),
    [onNodesChange, onEdgesChange, onConnect, isValidConnection, beginGesture, endGesture, onDragOver, onDrop],
  );
}
