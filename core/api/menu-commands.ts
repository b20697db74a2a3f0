/**
 * Commands the native menu sends to the renderer on the contract's `menu.command` push channel. Open and
 * Save As carry the path the native dialog returned; the renderer then reads or writes it
 * through `files.read` / `files.write` like any other file. Import Archon config and Export as
 * Archon config carry none: the renderer asks for the native dialog itself (`dialog.open` /
 * `dialog.save`), because an export must first be checked, and refused before any dialog, when
 * the graph cannot be expressed as Archon layers.
 */
export type MenuCommand =
  | { command: "new" }
  | { command: "open"; path: string }
  | { command: "save" }
  | { command: "save-as"; path: string }
  | { command: "import-archon" }
  | { command: "export-archon" }
  | { command: "undo" }
  | { command: "redo" }
  | { command: "run" }
  | { command: "cancel" }
  | { command: "toggle-theme" };

export const MENU_COMMAND_NAMES: ReadonlySet<MenuCommand["command"]> = new Set(["new", "open", "save", "save-as", "import-archon", "export-archon", "undo", "redo", "run", "cancel", "toggle-theme"]);

/** True for a well-formed menu command (the preload forwards nothing else to the page). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== "object" || value === null) return false;
  const { command, path } = value as { command?: unknown; path?: unknown };
  if (typeof command !== "string" || !MENU_COMMAND_NAMES.has(command as MenuCommand["command"])) return false;
  return command === "open" || command === "save-as" ? typeof path === "string" && path !== "" : true;
}
