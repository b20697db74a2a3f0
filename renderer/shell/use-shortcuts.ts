/** Routes keystrokes outside text fields to commands (see shortcuts.ts for the table). */
import { useEffect } from "react";
import { IS_MAC, isEditable } from "./platform";
import { commandFor } from "./shortcuts";
import type { Commands } from "./use-commands";

export function useShortcuts(commands: Commands): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = commandFor(event, IS_MAC);
      if (command === undefined) return;
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
  }, [commands]);
}
