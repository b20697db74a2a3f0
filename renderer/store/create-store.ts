/**
 * The designer's one store, built from typed slices with its middleware applied once: zundo's
 * `temporal`, recording only nodes and edges, and only when they change (selection, theme and
 * measured sizes never become undo steps). A vanilla store, so tests use it without React.
 */
import { temporal } from "zundo";
import { createStore } from "zustand/vanilla";
import type { Architecture, GraphData } from "../../core/graph/schema";
import { createHistoryPort } from "./history";
import { createCatalogSlice } from "./slices/catalog-slice";
import { createEditSlice } from "./slices/edit-slice";
import { createEvalsSlice } from "./slices/evals-slice";
import { createGraphSlice } from "./slices/graph-slice";
import { createInteropSlice } from "./slices/interop-slice";
import { createRunsSlice } from "./slices/runs-slice";
import { createSearchSlice } from "./slices/search-slice";
import { createSelectionSlice } from "./slices/selection-slice";
import { createUiSlice, type Theme } from "./slices/ui-slice";
import type { ItascaState } from "./state";

export interface CreateStoreOptions {
  /** The document to open. @default an empty graph named "untitled" */
  document?: Architecture;
  /** The file name shown for it. @default "untitled.itasca.json" */
  fileName?: string;
  /** @default "dark" */
  theme?: Theme;
  /** Undo steps kept; older ones are dropped. @default 500 */
  historyLimit?: number;
}

export function createItascaStore(options: CreateStoreOptions = {}) {
  const history = createHistoryPort();
  const store = createStore<ItascaState>()(
    temporal(
      (...a) => ({
        ...createGraphSlice(history)(...a),
        ...createSelectionSlice(...a),
        ...createEditSlice(...a),
        ...createUiSlice(...a),
        ...createCatalogSlice(...a),
        ...createRunsSlice(...a),
        ...createEvalsSlice(...a),
        ...createSearchSlice(...a),
        ...createInteropSlice(...a),
      }),
      {
        partialize: (state): GraphData => ({ nodes: state.nodes, edges: state.edges }),
        // Edits never mutate, so "unchanged" is reference equality of the two arrays.
        equality: (past, current) => past.nodes === current.nodes && past.edges === current.edges,
        limit: options.historyLimit ?? 500,
      },
    ),
  );
  history.bind(store.temporal);
  if (options.theme !== undefined) store.getState().setTheme(options.theme);
  if (options.document !== undefined) store.getState().loadDocument(options.document, options.fileName ?? "untitled.itasca.json");
  return store;
}

export type ItascaStore = ReturnType<typeof createItascaStore>;
