/**
 * IPC request handling: one `ipcMain.handle` per contract channel. A request is answered only
 * when it comes from the app's own page (not an iframe, not a page the window was navigated
 * to), and only with validated arguments; the answer is always a `Result`, never a throw.
 */
import type { IpcMain, IpcMainInvokeEvent } from "electron";
import { CHANNELS, validateRequest, type Channel, type HostEventChannel } from "../core/api/contract";
import { err, type Result } from "../core/api/result";

/** What a handler needs of the studio service (its `handle` validates again; that is cheap). */
export interface RequestHandler {
  handle(channel: string, input: unknown): Promise<Result<unknown>>;
}

/** The IPC channel name of a contract channel, request or push; prefixed so no Electron-internal name can collide. */
export function ipcChannel(channel: Channel | HostEventChannel): string {
  return `itasca:${channel}`;
}

/**
 * True when `frameUrl` is the app's index page. Compared as parsed file URLs, ignoring the
 * query and hash (the renderer may use a hash route), so `file:///app/index.html.evil` or
 * another file in the same folder do not pass.
 * @param appUrl the `file://` URL of renderer/dist/index.html
 */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  if (frameUrl === undefined || frameUrl === "") return false;
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  return frame.protocol === "file:" && app.protocol === "file:" && frame.host === app.host && frame.pathname === app.pathname;
}

/** The listener of one channel: sender check, argument check, then the service. */
export function createIpcHandler(channel: Channel, service: RequestHandler, appUrl: string): (event: IpcMainInvokeEvent, input?: unknown) => Promise<Result<unknown>> {
  return async (event, input) => {
    const frameUrl = event.senderFrame?.url;
    if (!isTrustedSender(frameUrl, appUrl)) {
      return err("unauthorized", `${channel}: refused a request from ${frameUrl ? `"${frameUrl}"` : "a destroyed frame"}; only the app's own page may call the host`);
    }
    const args = validateRequest(channel, input);
    if (!args.ok) return args;
    try {
      return await service.handle(channel, args.value);
    } catch (error) {
      // The service never throws by contract; this keeps a bug from becoming a rejected invoke.
      return err("internal", `${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** Registers a handler per contract channel; returns the function that removes them all. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, "handle" | "removeHandler">, service: RequestHandler, appUrl: string): () => void {
  for (const channel of CHANNELS) ipcMain.handle(ipcChannel(channel), createIpcHandler(channel, service, appUrl));
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcChannel(channel));
  };
}
