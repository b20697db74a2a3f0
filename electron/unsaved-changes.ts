/**
 * Closing the window with unsaved edits. The page asks through `beforeunload` (as in a browser),
 * but Electron shows no prompt for that: it silently keeps the window open. So the main process
 * answers `will-prevent-unload` with a native question, and lets the window close when the user
 * chooses to discard.
 */
import type { BrowserWindow, Dialog, Event } from "electron";

const DISCARD = 0;
const KEEP_EDITING = 1;

/** The `will-prevent-unload` listener of a window. */
export function confirmDiscardOnClose(dialog: Pick<Dialog, "showMessageBoxSync">, window: () => BrowserWindow | undefined): (event: Event) => void {
  return (event) => {
    const parent = window();
    if (parent === undefined) return;
    const choice = dialog.showMessageBoxSync(parent, {
      type: "question",
      title: "Unsaved changes",
      message: "The architecture has unsaved changes.",
      detail: "Close anyway and lose them?",
      buttons: ["Discard changes", "Keep editing"],
      defaultId: KEEP_EDITING,
      cancelId: KEEP_EDITING,
    });
    // Preventing the prevention: the page's beforeunload is overruled and the window closes.
    if (choice === DISCARD) event.preventDefault();
  };
}
