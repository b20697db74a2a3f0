/**
 * The native open and save dialogs, for the File menu and for the `dialog.*` channels (the top
 * bar's Open and Save as in the desktop app). Main-process only: a dialog needs the window.
 */
import type { BrowserWindow, Dialog } from "electron";
import type { DialogChoice } from "../core/api/outputs";
import type { DialogPurpose } from "../core/api/schemas";
import { err, ok, type Result } from "../core/api/result";
import type { RequestHandler } from "./ipc-handlers";

/** Each purpose's titles and file filter: an Archon config is plain `.json`, not `.itasca.json`. */
const DIALOG_TEXT: Readonly<Record<DialogPurpose, { open: string; save: string; filters: { name: string; extensions: string[] }[] }>> = {
  architecture: { open: "Open architecture", save: "Save architecture as", filters: [{ name: "Itasca architecture", extensions: ["itasca.json", "json"] }] },
  archon: { open: "Import Archon config", save: "Export as Archon config", filters: [{ name: "Archon config", extensions: ["json"] }] },
};

export interface NativeDialogs {
  /** The file the user picked, or no path when they cancelled. */
  open(purpose?: DialogPurpose): Promise<DialogChoice>;
  /** Where the user chose to save, or no path when they cancelled. */
  save(defaultName?: string, purpose?: DialogPurpose): Promise<DialogChoice>;
}

/** @param window the window the dialogs belong to, when there is one */
export function nativeDialogs(dialog: Pick<Dialog, "showOpenDialog" | "showSaveDialog">, window: () => BrowserWindow | undefined): NativeDialogs {
  return {
    open: async (purpose = "architecture") => {
      const parent = window();
      const text = DIALOG_TEXT[purpose];
      const options = { title: text.open, filters: text.filters, properties: ["openFile" as const] };
      const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      const path = choice.filePaths[0];
      return !choice.canceled && path ? { path } : {};
    },
    save: async (defaultName, purpose = "architecture") => {
      const parent = window();
      const text = DIALOG_TEXT[purpose];
      const options = { title: text.save, filters: text.filters, ...(defaultName ? { defaultPath: defaultName } : {}) };
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return !choice.canceled && choice.filePath ? { path: choice.filePath } : {};
    },
  };
}

/**
 * The service with `dialog.open` / `dialog.save` answered here, in the main process, and every
 * other channel passed on (arguments were validated by the IPC handler already).
 */
export function withNativeDialogs(service: RequestHandler, dialogs: NativeDialogs): RequestHandler {
  const answer = async (pending: Promise<DialogChoice>): Promise<Result<unknown>> => {
    try {
      return ok(await pending);
    } catch (error) {
      return err("internal", `the dialog failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    handle: (channel, input) => {
      if (channel === "dialog.open") return answer(dialogs.open((input as { purpose?: DialogPurpose } | undefined)?.purpose));
      if (channel === "dialog.save") {
        const args = input as { defaultName?: string; purpose?: DialogPurpose } | undefined;
        return answer(dialogs.save(args?.defaultName, args?.purpose));
      }
      return service.handle(channel, input);
    },
  };
}
