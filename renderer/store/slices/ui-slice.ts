/** Presentation state: theme, panels, the palette search, notices and focus requests. */
import type { StateCreator } from "zustand";
import type { ItascaState } from "../state";

export type Theme = "dark" | "light";

/**
 * The file dialog the top bar shows: the template gallery, the open browser or save as; a
 * browser of Archon configs to import, or where to export one; or a browser of dataset files
 * for the Evaluate or the Search tab, or of search-space files.
 */
export type FileDialogMode = "new" | "open" | "save-as" | "import-archon" | "export-archon" | "dataset" | "search-dataset" | "search-space";

/** A short message about an action that did not happen (a refused paste, say). */
export interface Notice {
  kind: "error" | "info";
  text: string;
  /** Increases with every notice, so the same text twice still shows again. */
  seq: number;
}

/** Asks the canvas to centre a node; `seq` makes a repeated request for the same node count. */
export interface FocusRequest {
  nodeId: string;
  seq: number;
}

export interface UiSlice {
  theme: Theme;
  /** The bottom panel (Problems now; Run and Trace later) is open. */
  bottomPanelOpen: boolean;
  /** The keyboard shortcuts overlay is showing. */
  shortcutsOpen: boolean;
  /** The models and keys page is showing (over the workspace; the canvas keeps its state). */
  modelsOpen: boolean;
  /** The file dialog that is open, if any (the top bar's buttons and the native menu open it). */
  fileDialog: FileDialogMode | null;
  paletteSearch: string;
  notice: Notice | null;
  focusRequest: FocusRequest | null;
  /**
   * The last copied fragment's text: pasting falls back to it when the system clipboard cannot
   * be read (a browser without permission).
   */
  clipboardText: string | null;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  setBottomPanelOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setModelsOpen(open: boolean): void;
  setFileDialog(mode: FileDialogMode | null): void;
  setPaletteSearch(text: string): void;
  notify(kind: Notice["kind"], text: string): void;
  dismissNotice(): void;
  requestFocus(nodeId: string): void;
  setClipboardText(text: string): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], UiSlice>;

export const createUiSlice: Creator = (set, get) => ({
  theme: "dark",
  bottomPanelOpen: true,
  shortcutsOpen: false,
  modelsOpen: false,
  fileDialog: null,
  paletteSearch: "",
  notice: null,
  focusRequest: null,
  clipboardText: null,
  setTheme: (theme) => set({ theme }),
  toggleTheme: () => set({ theme: get().theme === "dark" ? "light" : "dark" }),
  setBottomPanelOpen: (open) => set({ bottomPanelOpen: open }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  setModelsOpen: (open) => set({ modelsOpen: open }),
  setFileDialog: (mode) => set({ fileDialog: mode }),
  setPaletteSearch: (text) => set({ paletteSearch: text }),
  notify: (kind, text) => set({ notice: { kind, text, seq: (get().notice?.seq ?? 0) + 1 } }),
  dismissNotice: () => set({ notice: null }),
  requestFocus: (nodeId) => set({ focusRequest: { nodeId, seq: (get().focusRequest?.seq ?? 0) + 1 } }),
  setClipboardText: (text) => set({ clipboardText: text }),
});
