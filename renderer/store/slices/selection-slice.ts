/**
 * Which nodes and edges are selected. Kept apart from the graph so selecting is never an undo
 * step, and the inspector and canvas can subscribe to it alone.
 */
import type { StateCreator } from "zustand";
import { edgeKey } from "../../../core/validation/load";
import type { ItascaState } from "../state";

/** One selection change as the canvas reports it (xyflow's `select` change). */
export interface SelectionChange {
  id: string;
  selected: boolean;
}

export interface SelectionSlice {
  selectedNodeIds: readonly string[];
  /** Selected edges by `edgeKey` (`gen:candidates->rank:candidates`). */
  selectedEdgeKeys: readonly string[];
  /** Replaces the selection; a missing list is emptied. */
  select(selection: { nodes?: readonly string[]; edges?: readonly string[] }): void;
  /** Applies the canvas's select changes to the nodes or to the edges. */
  changeSelection(kind: "nodes" | "edges", changes: readonly SelectionChange[]): void;
  selectAll(): void;
  clearSelection(): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], SelectionSlice>;

function applyChanges(current: readonly string[], changes: readonly SelectionChange[]): readonly string[] {
  const next = new Set(current);
  for (const change of changes) {
    if (change.selected) next.add(change.id);
    else next.delete(change.id);
  }
  // Same members: keep the old array, so subscribers do not re-render.
  return next.size === current.length && current.every((id) => next.has(id)) ? current : [...next];
}

export const createSelectionSlice: Creator = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeKeys: [],
  select: ({ nodes = [], edges = [] }) => set({ selectedNodeIds: nodes, selectedEdgeKeys: edges }),
  changeSelection: (kind, changes) => {
    if (kind === "nodes") {
      const next = applyChanges(get().selectedNodeIds, changes);
      if (next !== get().selectedNodeIds) set({ selectedNodeIds: next });
    } else {
      const next = applyChanges(get().selectedEdgeKeys, changes);
      if (next !== get().selectedEdgeKeys) set({ selectedEdgeKeys: next });
    }
  },
  selectAll: () => set({ selectedNodeIds: get().nodes.map((node) => node.id), selectedEdgeKeys: get().edges.map(edgeKey) }),
  clearSelection: () => {
    if (get().selectedNodeIds.length > 0 || get().selectedEdgeKeys.length > 0) set({ selectedNodeIds: [], selectedEdgeKeys: [] });
  },
});
