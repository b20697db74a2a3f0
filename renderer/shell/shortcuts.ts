/**
 * The keyboard shortcuts, as data: the key handler and the help overlay (`?`) read the same
 * table, so the overlay cannot drift from what the keys do.
 */

export type CommandId =
  | "undo"
  | "redo"
  | "delete"
  | "copy"
  | "cut"
  | "paste"
  | "duplicate"
  | "select-all"
  | "layout"
  | "fit"
  | "search"
  | "toggle-problems"
  | "help"
  | "run"
  | "escape";

/** Commands the key handler performs (the clipboard ones go through clipboard events). */
export type KeyCommandId = Exclude<CommandId, "copy" | "cut" | "paste">;

/** The parts of a KeyboardEvent the matcher reads (plain data, so tests need no DOM). */
export interface KeyStroke {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Shortcut {
  command: CommandId;
  /** Key combinations as shown in the help overlay; `Mod` is Ctrl, or Cmd on macOS. */
  keys: readonly string[];
  description: string;
  /**
   * Performed by the browser's own copy/cut/paste events (shell/use-clipboard-events.ts), which
   * reach the system clipboard without a permission prompt; the key handler leaves these keys alone.
   */
  clipboardEvent?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: "undo", keys: ["Mod+Z"], description: "Undo the last graph edit" },
  { command: "redo", keys: ["Mod+Shift+Z", "Ctrl+Y"], description: "Redo" },
  { command: "delete", keys: ["Delete", "Backspace"], description: "Delete the selected nodes and edges" },
  { command: "copy", keys: ["Mod+C"], description: "Copy the selected nodes (as *.itasca.json text)", clipboardEvent: true },
  { command: "cut", keys: ["Mod+X"], description: "Cut the selected nodes", clipboardEvent: true },
  { command: "paste", keys: ["Mod+V"], description: "Paste nodes (also from another file)", clipboardEvent: true },
  { command: "duplicate", keys: ["Mod+D"], description: "Duplicate the selected nodes" },
  { command: "select-all", keys: ["Mod+A"], description: "Select every node and edge" },
  { command: "layout", keys: ["Mod+L"], description: "Auto-layout, left to right" },
  { command: "fit", keys: ["F"], description: "Fit the graph in view" },
  { command: "search", keys: ["/"], description: "Search the palette" },
  { command: "toggle-problems", keys: ["Mod+J"], description: "Show or hide the problems panel" },
  { command: "help", keys: ["?"], description: "Show this list" },
  { command: "run", keys: ["Mod+Enter"], description: "Run the architecture on the query (also from the query box)" },
  { command: "escape", keys: ["Esc"], description: "Close this list, cancel the running run, or clear the selection" },
];

/**
 * The command a keystroke triggers, if any. Clipboard keys return undefined: their events do the work.
 * @param isMac Whether `Mod` is Cmd (macOS) rather than Ctrl.
 */
export function commandFor(stroke: KeyStroke, isMac: boolean): KeyCommandId | undefined {
  const mod = isMac ? stroke.metaKey : stroke.ctrlKey;
  const key = stroke.key.length === 1 ? stroke.key.toLowerCase() : stroke.key;
  if (stroke.altKey) return undefined;
  if (mod) {
    if (key === "z") return stroke.shiftKey ? "redo" : "undo";
    if (key === "Enter" && !stroke.shiftKey) return "run";
    if (stroke.shiftKey) return undefined;
    if (key === "y" && stroke.ctrlKey) return "redo";
    if (key === "d") return "duplicate";
    if (key === "a") return "select-all";
    if (key === "l") return "layout";
    if (key === "j") return "toggle-problems";
    return undefined;
  }
  if (stroke.ctrlKey || stroke.metaKey) return undefined;
  if (key === "Delete" || key === "Backspace") return "delete";
  if (key === "?") return "help";
  if (key === "/") return "search";
  if (key === "f" && !stroke.shiftKey) return "fit";
  if (key === "Escape") return "escape";
  return undefined;
}

/** `Mod+Z` as this platform writes it. */
export function keyLabel(keys: string, isMac: boolean): string {
  return keys.replace(/Mod/g, isMac ? "⌘" : "Ctrl");
}
