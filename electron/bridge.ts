/**
 * The shape of `window.itasca`, the preload bridge: one function per channel of the host
 * contract (requests and push subscriptions). Types only, so the renderer may import it to
 * declare the global.
 */
import type { HostApi, HostSubscriptions } from "../core/api/contract";

export type ItascaBridge = HostApi & HostSubscriptions;

/** The global name the bridge is exposed under. */
export const BRIDGE_KEY = "itasca";
