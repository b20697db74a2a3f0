/**
 * The preload bridge (sandboxed, bundled to CommonJS): exposes one function per contract
 * channel and two subscriptions on `window.itasca`. `ipcRenderer` itself never reaches the
 * page, and listeners receive the payload only, never the IPC event (which carries `sender`).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { CHANNELS, type HostEventMessage } from "../core/api/contract";
import { BRIDGE_KEY } from "./bridge";
import { EVENT_CHANNEL, ipcChannel } from "./ipc-handlers";
import { isMenuCommand, MENU_CHANNEL, type MenuCommand } from "./menu-commands";

function subscribe<T>(ipcName: string, accept: (payload: unknown) => payload is T, listener: (payload: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: unknown) => {
    if (accept(payload)) listener(payload);
  };
  ipcRenderer.on(ipcName, forward);
  return () => void ipcRenderer.removeListener(ipcName, forward);
}

const isEventMessage = (payload: unknown): payload is HostEventMessage => typeof payload === "object" && payload !== null && (payload as { channel?: unknown }).channel === "run.event";

const api: Record<string, unknown> = {
  onEvent: (listener: (message: HostEventMessage) => void) => subscribe(EVENT_CHANNEL, isEventMessage, listener),
  onMenu: (listener: (command: MenuCommand) => void) => subscribe(MENU_CHANNEL, isMenuCommand, listener),
};
for (const channel of CHANNELS) api[channel] = (input?: unknown) => ipcRenderer.invoke(ipcChannel(channel), input);

contextBridge.exposeInMainWorld(BRIDGE_KEY, api);
