/** Adds a node in the middle of the visible canvas (a palette click or Enter), on a free spot. */
import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { GRID, snapToGrid } from "../canvas/drag-data";
import { DEFAULT_NODE_SIZE, freeSpot } from "../store/geometry";
import { useItascaStore } from "../store/react";
import { graphOf } from "../store/selectors";

export function useAddAtCentre(): (nodeType: string) => void {
  const store = useItascaStore();
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (nodeType: string) => {
      const rect = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const centre = rect === undefined ? { x: 0, y: 0 } : screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      const topLeft = { x: snapToGrid(centre.x - DEFAULT_NODE_SIZE.width / 2, GRID[0]), y: snapToGrid(centre.y - DEFAULT_NODE_SIZE.height / 2, GRID[1]) };
      const state = store.getState();
      state.addNodeOfType(nodeType, freeSpot(graphOf(state), topLeft, state.measured));
    },
    [store, screenToFlowPosition],
  );
}
