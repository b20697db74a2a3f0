/**
 * The undo history as the slices see it. zundo's temporal store exists only once the store is
 * created, so slices get this port and the store binds it right after creation.
 */
import type { TemporalState } from "zundo";
import type { StoreApi } from "zustand";
import type { GraphData } from "../../core/graph/schema";

export interface HistoryPort {
  /** Stop recording (the start of a drag or another gesture). */
  pause(): void;
  /** Record again. */
  resume(): void;
  undo(): void;
  redo(): void;
  /** Forget every step (a newly opened document). */
  clear(): void;
}

/** A port whose calls go to `bind`'s temporal store, and do nothing before it is bound. */
export function createHistoryPort(): HistoryPort & { bind(temporal: StoreApi<TemporalState<GraphData>>): void } {
  let temporal: StoreApi<TemporalState<GraphData>> | undefined;
  return {
    bind: (store) => {
      temporal = store;
    },
    pause: () => temporal?.getState().pause(),
    resume: () => temporal?.getState().resume(),
    undo: () => temporal?.getState().undo(),
    redo: () => temporal?.getState().redo(),
    clear: () => temporal?.getState().clear(),
  };
}
