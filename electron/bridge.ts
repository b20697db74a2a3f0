/**
 * The shape of `window.itasca`, the preload bridge: one function per contract channel plus two
 * subscriptions. Types only, so the renderer may import it to declare the global.
 */
import type { HostApi, HostEventMessage } from "../core/api/contract";
import type { MenuCommand } from "./menu-commands";

export interface ItascaBridge extends HostApi {
  /** Receives every pushed host event; returns the unsubscribe function. */
  onEvent(listener: (message: HostEventMessage) => void): () => void;
  /** Receives native menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** The global name the bridge is exposed under. */
export const BRIDGE_KEY = "itasca";
