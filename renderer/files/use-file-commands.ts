/**
 * New, open, save and save as, through the host's `files.*` channels. Every load goes through
 * the validator (and so the one migrator); anything that would drop unsaved edits asks first.
 */
import { useMemo } from "react";
import { serializeArchitecture } from "../../core/graph/serialize";
import { validateArchitecture } from "../../core/validation/validate";
import { useHost } from "../host/context";
import type { Host } from "../host/host";
import type { ItascaStore } from "../store/create-store";
import { useItascaStore } from "../store/react";
import { selectDirty } from "../store/selectors";
import { baseName, documentOf } from "../store/slices/graph-slice";
import { nativeChoice } from "./native-choice";

export interface FileCommands {
  /** True when there is nothing unsaved, or the user agreed to lose it. */
  confirmDiscard(): boolean;
  /** Opens text as a document: a template or a dropped file (untitled), or a file read from `path`. */
  openText(text: string, fileName: string, path?: string): boolean;
  open(path: string): Promise<boolean>;
  /** Saves to the document's path; false when it has none (the caller asks where: save as). */
  save(): Promise<boolean>;
  saveAs(path: string): Promise<boolean>;
  /** Saves to the document's path, or asks where (as save as) when it has none: the Save button and menu item. */
  saveOrAsk(): Promise<void>;
  /** Asks which file to open: the native dialog in the desktop app, else the studio's file dialog. */
  askOpen(): Promise<void>;
  /** Asks where to save: the native dialog in the desktop app, else the studio's file dialog. */
  askSaveAs(): Promise<void>;
}

export function createFileCommands(host: Host, store: ItascaStore, confirm: (message: string) => boolean): FileCommands {
  const state = () => store.getState();

  const openText = (text: string, fileName: string, path?: string): boolean => {
    const result = validateArchitecture(text, { file: fileName });
    if (result.document === undefined) {
      state().notify("error", `${fileName} could not be opened: ${result.diagnostics[0]?.message ?? "unreadable"}`);
      return false;
    }
    state().loadDocument(result.document, fileName, path);
    state().clearShownRun();
    state().setRunHistory([]);
    state().clearShownEval();
    state().clearSearch();
    return true;
  };

  const write = async (path: string): Promise<boolean> => {
    const result = await host["files.write"]({ path, text: serializeArchitecture(documentOf(state())) });
    if (!result.ok) {
      state().notify("error", `Not saved: ${result.error.message}`);
      return false;
    }
    state().markSaved(result.value.path);
    state().notify("info", `Saved ${baseName(result.value.path)}`);
    return true;
  };

  const save = async (): Promise<boolean> => {
    const path = state().filePath;
    return path === undefined ? false : write(path);
  };

  const open = async (path: string): Promise<boolean> => {
    const result = await host["files.read"]({ path });
    if (!result.ok) {
      state().notify("error", `Cannot open ${path}: ${result.error.message}`);
      return false;
    }
    return openText(result.value.text, baseName(result.value.path), result.value.path);
  };

  const native = (pending: Parameters<typeof nativeChoice>[1]) => nativeChoice(store, pending);

  const askSaveAs = async (): Promise<void> => {
    const path = host.kind === "electron" ? await native(host["dialog.save"]({ defaultName: state().fileName })) : undefined;
    if (path === undefined) state().setFileDialog("save-as");
    else if (path !== null) await write(path);
  };

  return {
    confirmDiscard: () => !selectDirty(state()) || confirm(`${state().fileName} has unsaved changes. Discard them?`),
    openText,
    open,
    save,
    saveAs: write,
    saveOrAsk: async () => {
      if (state().filePath === undefined) await askSaveAs();
      else await save();
    },
    askSaveAs,
    askOpen: async () => {
      const path = host.kind === "electron" ? await native(host["dialog.open"]()) : undefined;
      if (path === undefined) state().setFileDialog("open");
      else if (path !== null) await open(path);
    },
  };
}

export function useFileCommands(): FileCommands {
  const host = useHost();
  const store = useItascaStore();
  return useMemo(() => createFileCommands(host, store, (message) => window.confirm(message)), [host, store]);
}
