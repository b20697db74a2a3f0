/**
 * What each native menu command does in the renderer. Pure routing, so tests need no DOM: the
 * caller supplies the actions. Undo and redo belong to the focused text field when there is
 * one (the menu's accelerators would otherwise steal Ctrl+Z from a prompt being edited).
 */
import type { MenuCommand } from "../../core/api/menu-commands";

export interface MenuActions {
  /** True when a text field has focus, so undo/redo should edit its text. */
  editingText(): boolean;
  /** The browser's own undo/redo of the focused field. */
  textHistory(step: "undo" | "redo"): void;
  undo(): void;
  redo(): void;
  /** Asks before losing unsaved edits, then shows the template gallery. */
  newDocument(): void;
  /** Asks before losing unsaved edits, then opens the file. */
  open(path: string): void;
  /** Saves to the document's path, or asks where when it has none. */
  save(): void;
  saveAs(path: string): void;
  /** Asks before losing unsaved edits, then asks which Archon config to import. */
  importArchon(): void;
  /** Exports the document as an Archon config (refused, naming the node, when it cannot be). */
  exportArchon(): void;
  run(): void;
  cancel(): void;
  toggleTheme(): void;
}

export function dispatchMenuCommand(command: MenuCommand, actions: MenuActions): void {
  switch (command.command) {
    case "undo":
    case "redo":
      if (actions.editingText()) actions.textHistory(command.command);
      else actions[command.command]();
      return;
    case "new":
      return actions.newDocument();
    case "open":
      return actions.open(command.path);
    case "save":
      return actions.save();
    case "save-as":
      return actions.saveAs(command.path);
    case "import-archon":
      return actions.importArchon();
    case "export-archon":
      return actions.exportArchon();
    case "run":
      return actions.run();
    case "cancel":
      return actions.cancel();
    case "toggle-theme":
      return actions.toggleTheme();
  }
}
