/**
 * The app's commands, shared by the keyboard, the top bar and (later) the Electron menu. They
 * act on the store; view commands (fit, layout) also move the canvas viewport.
 */
import { useReactFlow } from "@xyflow/react";
import { useMemo } from "react";
import type { RunCommands } from "../run/use-run-commands";
import { useItascaStore } from "../store/react";
import type { KeyCommandId } from "./shortcuts";

const FIT = { padding: 0.2, duration: 300 } as const;

/** The key commands, plus `cancel` (Escape inside a text field cancels a run without clearing the selection). */
export type Commands = Readonly<Record<KeyCommandId | "cancel", () => void>>;

/** A run is going, so Escape means "stop it". */
function runGoing(store: ReturnType<typeof useItascaStore>): boolean {
  const { currentRunId, runs } = store.getState();
  return currentRunId !== null && runs[currentRunId]?.status === "running";
}

export function useCommands(run: RunCommands): Commands {
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
      run: run.run,
      cancel: run.cancel,
      escape: () => {
        if (state().shortcutsOpen) state().setShortcutsOpen(false);
        else if (state().fileDialog !== null) state().setFileDialog(null);
        else if (state().modelsOpen) state().setModelsOpen(false);
        else if (runGoing(store)) run.cancel();
        else state().clearSelection();
      },
    };
  }, [store, fitView, run]);
}
