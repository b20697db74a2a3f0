/**
 * The preload bridge (sandboxed, bundled to CommonJS): exposes on `window.itasca` exactly one
 * function per channel of the host contract: an invoke per request channel and a subscription
 * per push channel. `ipcRenderer` itself never reaches the page, and listeners receive only a
 * payload that passed the push channel's check, never the IPC event (which carries `sender`).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { CHANNELS, PUSH_CHANNELS, PUSH_CONTRACT, type HostEventChannel, type HostEventMap } from "../core/api/contract";
import { BRIDGE_KEY } from "./bridge";
import { ipcChannel } from "./ipc-handlers";

function subscribe<C extends HostEventChannel>(channel: C, listener: (event: HostEventMap[C]) => void): () => void {
  const accepts = PUSH_CONTRACT[channel] as (payload: unknown) => payload is HostEventMap[C];
  const forward = (_event: IpcRendererEvent, payload: unknown) => {
    if (accepts(payload)) listener(payload);
  };
  ipcRenderer.on(ipcChannel(channel), forward);
  return () => void ipcRenderer.removeListener(ipcChannel(channel), forward);
}

const bridge: Record<string, (arg: never) => unknown> = {};
for (const channel of CHANNELS) bridge[channel] = (input?: unknown) => ipcRenderer.invoke(ipcChannel(channel), input);
for (const channel of PUSH_CHANNELS) bridge[channel] = (listener: (event: HostEventMap[typeof channel]) => void) => subscribe(channel, listener);

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
