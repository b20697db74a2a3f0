/**
 * What the last Archon import had to say: its warnings, shown in the Problems tab beside the
 * live diagnostics until another document is opened (loadDocument clears them).
 */
import type { StateCreator } from "zustand";
import type { ArchonWarning } from "../../../core/interop/archon/types";
import type { ItascaState } from "../state";

export interface ImportReport {
  /** The Archon config's file name, as the import named it. */
  file: string;
  warnings: readonly ArchonWarning[];
}

export interface InteropSlice {
  /** The import that produced the open document; null for every other document. */
  importReport: ImportReport | null;
  setImportReport(report: ImportReport | null): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], InteropSlice>;

export const createInteropSlice: Creator = (set) => ({
  importReport: null,
  setImportReport: (report) => set({ importReport: report }),
});
