/**
 * The app's commands, shared by the keyboard, the top bar and (later) the Electron menu. They
 * act on the store; view commands (fit, layout) also move the canvas viewport.
 */
import { useReactFlow } from "@xyflow/react";
import { useMemo } from "react";
import { useItascaStore } from "../store/react";
import type { KeyCommandId } from "./shortcuts";

const FIT = { padding: 0.2, duration: 300 } as const;

export type Commands = Readonly<Record<KeyCommandId, () => void>>;

export function useCommands(): Commands {
  const store = useItascaStore();
  const { fitView } = useReactFlow();
  return useMemo(() => {
    const state = () => store.getState();
    return {
      undo: () => state().undo(),
      redo: () => state().redo(),
      delete: () => void state().deleteSelection(),
      duplicate: () => void state().duplicateSelection(),
      "select-all": () => state().selectAll(),
      layout: () => {
        void state()
          .autoLayout()
          // Fit after xyflow has rendered the new positions.
          .then(() => requestAnimationFrame(() => void fitView(FIT)));
      },
      fit: () => void fitView(FIT),
      search: () => document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')?.focus(),
      "toggle-problems": () => state().setBottomPanelOpen(!state().bottomPanelOpen),
      help: () => state().setShortcutsOpen(!state().shortcutsOpen),
      escape: () => (state().shortcutsOpen ? state().setShortcutsOpen(false) : state().clearSelection()),
    };
  }, [store, fitView]);
}
