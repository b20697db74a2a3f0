/** Routes keystrokes outside text fields to commands (see shortcuts.ts for the table). */
import { useEffect } from "react";
import { useItascaStore } from "../store/react";
import { selectDialogOpen } from "../store/selectors";
import { IS_MAC, isEditable } from "./platform";
import { commandFor } from "./shortcuts";
import type { Commands } from "./use-commands";

export function useShortcuts(commands: Commands): void {
  const store = useItascaStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = commandFor(event, IS_MAC);
      if (command === undefined) return;
      // A dialog covers the canvas: Delete or undo must not edit a graph the user cannot see,
      // and Escape closes the dialog (even from one of its fields) rather than cancel a run.
      if (selectDialogOpen(store.getState())) {
        if (command === "escape") commands.escape();
        return;
      }
      // In a text field keys edit text; Escape still leaves the field for the canvas, and
      // Mod+Enter still runs, so the query box can start a run without reaching for the mouse.
      if (isEditable(event.target) && command !== "run") {
        if (command === "escape" && event.target instanceof HTMLElement) {
          event.target.blur();
          commands.cancel();
        }
        return;
      }
      event.preventDefault();
      commands[command]();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [commands, store]);
}
