/**
 * React bindings of the vanilla store: one store per app, passed down by context, read through
 * selectors (components re-render only when what they select changes).
 */
import { createContext, useContext, type ReactNode } from "react";
import type { TemporalState } from "zundo";
import { useStore } from "zustand";
import type { GraphData } from "../../core/graph/schema";
import type { ItascaStore } from "./create-store";
import type { ItascaState } from "./state";

const StoreContext = createContext<ItascaStore | null>(null);

export function StoreProvider({ store, children }: { store: ItascaStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for event handlers that read `getState()` instead of subscribing. */
export function useItascaStore(): ItascaStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error("useItascaStore: no StoreProvider above this component");
  return store;
}

/** Subscribes to one selected value; the selector must return the same value for the same state. */
export function useItasca<T>(selector: (state: ItascaState) => T): T {
  return useStore(useItascaStore(), selector);
}

/** Subscribes to the undo history (can undo, can redo). */
export function useHistory<T>(selector: (state: TemporalState<GraphData>) => T): T {
  return useStore(useItascaStore().temporal, selector);
}
