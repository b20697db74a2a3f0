/**
 * The native open and save dialogs, for the File menu and for the `dialog.*` channels (the top
 * bar's Open and Save as in the desktop app). Main-process only: a dialog needs the window.
 */
import type { BrowserWindow, Dialog } from "electron";
import type { DialogChoice } from "../core/api/outputs";
import { err, ok, type Result } from "../core/api/result";
import type { RequestHandler } from "./ipc-handlers";

const ARCHITECTURE_FILTERS = [{ name: "Itasca architecture", extensions: ["itasca.json", "json"] }];

export interface NativeDialogs {
  /** The file the user picked, or no path when they cancelled. */
  open(): Promise<DialogChoice>;
  /** Where the user chose to save, or no path when they cancelled. */
  save(defaultName?: string): Promise<DialogChoice>;
}

/** @param window the window the dialogs belong to, when there is one */
export function nativeDialogs(dialog: Pick<Dialog, "showOpenDialog" | "showSaveDialog">, window: () => BrowserWindow | undefined): NativeDialogs {
  return {
    open: async () => {
      const parent = window();
      const options = { title: "Open architecture", filters: ARCHITECTURE_FILTERS, properties: ["openFile" as const] };
      const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      const path = choice.filePaths[0];
      return !choice.canceled && path ? { path } : {};
    },
    save: async (defaultName) => {
      const parent = window();
      const options = { title: "Save architecture as", filters: ARCHITECTURE_FILTERS, ...(defaultName ? { defaultPath: defaultName } : {}) };
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
      if (channel === "dialog.open") return answer(dialogs.open());
      if (channel === "dialog.save") return answer(dialogs.save((input as { defaultName?: string } | undefined)?.defaultName));
      return service.handle(channel, input);
    },
  };
}
