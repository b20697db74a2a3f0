/**
 * The desktop host: the contract over Electron's preload bridge (`window.itasca`, see
 * electron/preload.ts). IPC cannot lose its peer the way a web server can, so there is no ping.
 */
import type { ItascaBridge } from "../../electron/bridge";
import { createApiHost } from "./api-host";
import type { Host } from "./host";

/** The bridge the preload exposed, when the page runs inside the desktop app. */
export function electronBridge(): ItascaBridge | undefined {
  const bridge = (globalThis as { itasca?: ItascaBridge }).itasca;
  return typeof bridge?.["host.info"] === "function" ? bridge : undefined;
}

export function createElectronHost(bridge: ItascaBridge): Host {
  return createApiHost({ kind: "electron", api: bridge, subscriptions: bridge });
}
