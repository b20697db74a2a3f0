/**
 * The graph: nodes and edges in the file's form (what undo tracks), the document's metadata,
 * and the canvas's view state (measured node sizes). Every edit goes through `apply`.
 */
import type { StateCreator } from "zustand";
import { ARCHITECTURE_VERSION, type Architecture, type EdgeSpec, type NodeSpec, type GraphData } from "../../../core/graph/schema";
import { edgeKey } from "../../../core/validation/load";
import { applyGraphChange, type GraphChange } from "../graph-ops";
import type { HistoryPort } from "../history";
import { autoLayout } from "../layout";
import type { ItascaState } from "../state";
import type { EditResult, Size } from "../types";

export interface GraphSlice {
  /** The file name shown in the top bar. */
  fileName: string;
  /** Where the document is stored; undefined for an untitled one (save then asks where). */
  filePath: string | undefined;
  /** The architecture's `name`. */
  name: string;
  description: string | undefined;
  /** The `$schema` the file had, written back unchanged. */
  schemaUri: string | undefined;
  nodes: readonly NodeSpec[];
  edges: readonly EdgeSpec[];
  /** Node sizes as the canvas measured them (view state: not undone, not saved). */
  measured: Readonly<Record<string, Size>>;
  /** The graph as last opened or saved: the document is dirty while nodes or edges differ from it. */
  saved: GraphData;
  /** The graph when the current gesture (drag, slider, typing) began; null outside one. */
  gestureStart: GraphData | null;
  /** An auto-layout is being computed. */
  layoutRunning: boolean;
  /** Counts documents opened, so the canvas can fit the view to each new one. */
  loadSeq: number;

  /** Replaces the document, forgetting the undo history, the selection and any import warnings. */
  loadDocument(document: Architecture, fileName: string, filePath?: string): void;
  /** Applies one edit; a refused edit changes nothing and returns the reason. */
  apply(change: GraphChange): EditResult;
  /** Starts a gesture: the edits until {@link endGesture} become one undo step. */
  beginGesture(): void;
  /** Ends the gesture, recording it as one undo step when it changed anything. */
  endGesture(): void;
  /** Records node sizes from the canvas. */
  setMeasured(sizes: Readonly<Record<string, Size>>): void;
  undo(): void;
  redo(): void;
  /** Lays the graph out left to right (elkjs); one undo step. */
  autoLayout(): Promise<EditResult>;
  /** Marks the current graph as saved (the host wrote it), at `filePath` when given (save as). */
  markSaved(filePath?: string): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], GraphSlice>;

/** The last segment of a host path (either separator: the host may be Windows). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The current document in the file's form, ready for serializeArchitecture. */
export function documentOf(state: ItascaState): Architecture {
  return {
    ...(state.schemaUri === undefined ? {} : { $schema: state.schemaUri }),
    version: ARCHITECTURE_VERSION,
    name: state.name,
    ...(state.description === undefined ? {} : { description: state.description }),
    nodes: [...state.nodes],
    edges: [...state.edges],
  };
}

export function createGraphSlice(history: HistoryPort): Creator {
  return (set, get) => {
    /** Drops selected ids that no longer exist (after undo, redo or a load). */
    const pruneSelection = (): void => {
      const { nodes, edges, selectedNodeIds, selectedEdgeKeys } = get();
      const nodeIds = new Set(nodes.map((node) => node.id));
      const keys = new Set(edges.map(edgeKey));
      const keptNodes = selectedNodeIds.filter((id) => nodeIds.has(id));
      const keptEdges = selectedEdgeKeys.filter((key) => keys.has(key));
      if (keptNodes.length !== selectedNodeIds.length || keptEdges.length !== selectedEdgeKeys.length) set({ selectedNodeIds: keptNodes, selectedEdgeKeys: keptEdges });
    };

    return {
      fileName: "untitled.itasca.json",
      filePath: undefined,
      name: "untitled",
      description: undefined,
      schemaUri: undefined,
      nodes: [],
      edges: [],
      measured: {},
      saved: { nodes: [], edges: [] },
      gestureStart: null,
      layoutRunning: false,
      loadSeq: 0,

      loadDocument: (document, fileName, filePath) => {
        if (get().gestureStart !== null) history.resume();
        set({
          fileName,
          filePath,
          name: document.name,
          description: document.description,
          schemaUri: document.$schema,
          nodes: document.nodes,
          edges: document.edges,
          saved: { nodes: document.nodes, edges: document.edges },
          gestureStart: null,
          measured: {},
          selectedNodeIds: [],
          selectedEdgeKeys: [],
          loadSeq: get().loadSeq + 1,
          // Import warnings are about the document they came with; an import sets them after loading.
          importReport: null,
        });
        history.clear();
      },

      apply: (change) => {
        const { nodes, edges } = get();
        const result = applyGraphChange({ nodes, edges }, change);
        if (result.ok && (result.graph.nodes !== nodes || result.graph.edges !== edges)) set({ nodes: result.graph.nodes, edges: result.graph.edges });
        return result;
      },

      beginGesture: () => {
        if (get().gestureStart !== null) return;
        const { nodes, edges } = get();
        set({ gestureStart: { nodes, edges } });
        history.pause();
      },

      endGesture: () => {
        const start = get().gestureStart;
        if (start === null) return;
        const { nodes, edges } = get();
        // Rewind to the start while still paused, then replay the end result with recording on:
        // zundo stores the start as the one past state of the whole gesture.
        set({ gestureStart: null, nodes: start.nodes, edges: start.edges });
        history.resume();
        if (nodes !== start.nodes || edges !== start.edges) set({ nodes, edges });
      },

      setMeasured: (sizes) => {
        const measured = get().measured;
        const changed = Object.entries(sizes).filter(([id, size]) => measured[id]?.width !== size.width || measured[id]?.height !== size.height);
        if (changed.length > 0) set({ measured: { ...measured, ...Object.fromEntries(changed) } });
      },

      undo: () => {
        get().endGesture();
        history.undo();
        pruneSelection();
      },

      redo: () => {
        get().endGesture();
        history.redo();
        pruneSelection();
      },

      autoLayout: async () => {
        get().endGesture();
        set({ layoutRunning: true });
        try {
          const { nodes, edges, measured } = get();
          const result = await autoLayout({ nodes, edges }, { sizes: measured });
          if (!result.ok) return result;
          // The graph may have changed while elk worked: move only the nodes that still exist.
          const positions = Object.fromEntries(result.graph.nodes.map((node) => [node.id, node.position]));
          return get().apply({ type: "move", positions });
        } finally {
          set({ layoutRunning: false });
        }
      },

      markSaved: (filePath) => {
        const { nodes, edges } = get();
        set({ saved: { nodes, edges }, ...(filePath === undefined ? {} : { filePath, fileName: baseName(filePath) }) });
      },
    };
  };
}
