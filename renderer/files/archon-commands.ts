/**
 * File > Import Archon config and File > Export as Archon config. The converters
 * (core/interop/archon) are pure and synchronous, so they run here in the renderer; the host
 * only reads and writes the files. An import opens as an untitled document through the same
 * path as any file (so it is validated and migrated), and its warnings go to the Problems tab.
 */
import { useMemo } from "react";
import { serializeArchitecture } from "../../core/graph/serialize";
import { archonConfigText, exportArchonConfig, importArchonConfig, type ArchonWarning } from "../../core/interop/archon";
import { useHost } from "../host/context";
import type { Host } from "../host/host";
import type { ItascaStore } from "../store/create-store";
import { useItascaStore } from "../store/react";
import { baseName, documentOf } from "../store/slices/graph-slice";
import { nativeChoice } from "./native-choice";
import { useFileCommands, type FileCommands } from "./use-file-commands";

export interface ArchonCommands {
  /** Imports an Archon config's text (a dropped file, or one read from `fileName`); true when it opened. */
  importText(text: string, fileName: string): boolean;
  /** Reads an Archon config through the host and imports it. */
  importPath(path: string): Promise<boolean>;
  /** Asks which config to import: the native dialog in the desktop app, else the studio's file dialog. */
  askImport(): Promise<void>;
  /** Checks that the document can be expressed as Archon layers, then asks where to write it. */
  askExport(): Promise<void>;
  /** Writes the document as an Archon config to `path`; true when written. */
  exportTo(path: string): Promise<boolean>;
  /** The export's default file name: the document's, ending `.archon.json`. */
  exportName(): string;
}

/** Archon configs are JSON objects with a `layers` array; Itasca files have `nodes` instead. */
export function looksLikeArchonConfig(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) && Array.isArray((value as { layers?: unknown }).layers);
  } catch {
    return false;
  }
}

/** A file name from an architecture's name: characters a file system may refuse become dashes. */
export function importedFileName(name: string): string {
  const stem = name.trim().replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${stem === "" ? "archon" : stem}.itasca.json`;
}

/** `sample.itasca.json` -> `sample.archon.json`. */
export function exportFileName(fileName: string): string {
  const stem = fileName.replace(/(\.itasca)?\.json$/i, "");
  return `${stem === "" ? "untitled" : stem}.archon.json`;
}

/** `3 warnings: misspelled-key at layers[0][0].length_contorl, ...`; empty when there are none. */
export function warningSummary(warnings: readonly ArchonWarning[]): string {
  if (warnings.length === 0) return "";
  const listed = warnings.slice(0, 3).map((w) => `${w.code} at ${w.path}`);
  const more = warnings.length > 3 ? `, and ${warnings.length - 3} more` : "";
  return `${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${listed.join(", ")}${more}`;
}

export function createArchonCommands(host: Host, store: ItascaStore, files: FileCommands): ArchonCommands {
  const state = () => store.getState();

  const importText = (text: string, fileName: string): boolean => {
    // No registry check here: the live validation already reports each unknown model on its node
    // (unknown-model), so the import's warnings keep to the config's own defects.
    const result = importArchonConfig(text, { file: fileName });
    if (!result.ok) {
      state().notify("error", `${fileName} was not imported: ${result.reason}`);
      return false;
    }
    // Untitled: saving asks where, so the Archon config is never overwritten with an Itasca file.
    if (!files.openText(serializeArchitecture(result.architecture), importedFileName(result.architecture.name))) return false;
    state().setImportReport({ file: fileName, warnings: result.warnings });
    if (result.warnings.length > 0) {
      state().setBottomTab("problems");
      state().notify("info", `Imported ${fileName} with ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}: see Problems`);
    } else state().notify("info", `Imported ${fileName}`);
    return true;
  };

  const importPath = async (path: string): Promise<boolean> => {
    const result = await host["files.read"]({ path });
    if (!result.ok) {
      state().notify("error", `Cannot import ${path}: ${result.error.message}`);
      return false;
    }
    return importText(result.value.text, baseName(result.value.path));
  };

  /** The export, or null after telling the user (and showing them the node) why there is none. */
  const exported = () => {
    const result = exportArchonConfig(documentOf(state()));
    if (result.ok) return result;
    state().notify("error", `Cannot export as an Archon config: ${result.reason}`);
    if (result.nodeId !== undefined) state().focusNode(result.nodeId);
    return null;
  };

  const exportName = () => exportFileName(state().fileName);

  const exportTo = async (path: string): Promise<boolean> => {
    const result = exported();
    if (result === null) return false;
    const written = await host["files.write"]({ path, text: archonConfigText(result.config) });
    if (!written.ok) {
      state().notify("error", `Not exported: ${written.error.message}`);
      return false;
    }
    const summary = warningSummary(result.warnings);
    // The document itself is not saved by this, so it keeps its dirty mark and its path.
    state().notify("info", `Exported ${baseName(written.value.path)}${summary === "" ? "" : ` (${summary})`}`);
    return true;
  };

  return {
    importText,
    importPath,
    askImport: async () => {
      const path = host.kind === "electron" ? await nativeChoice(store, host["dialog.open"]({ purpose: "archon" })) : undefined;
      if (path === undefined) state().setFileDialog("import-archon");
      else if (path !== null) await importPath(path);
    },
    askExport: async () => {
      // Refuse before asking where: a file chosen for an export that cannot happen is a wasted step.
      if (exported() === null) return;
      const path = host.kind === "electron" ? await nativeChoice(store, host["dialog.save"]({ defaultName: exportName(), purpose: "archon" })) : undefined;
      if (path === undefined) state().setFileDialog("export-archon");
      else if (path !== null) await exportTo(path);
    },
    exportTo,
    exportName,
  };
}

export function useArchonCommands(): ArchonCommands {
  const host = useHost();
  const store = useItascaStore();
  const files = useFileCommands();
  return useMemo(() => createArchonCommands(host, store, files), [host, store, files]);
}
