/**
 * A `Host` over any implementation of the host contract: the web client (HTTP + WebSocket,
 * web-host.ts) and Electron's preload bridge (electron-host.ts) both expose one function per
 * channel, so both hosts are this one function with a different transport. It also watches
 * whether the host still answers (the stable `unreachable` code), so the app can say so instead
 * of failing one click at a time.
 */
import { CHANNELS, PUSH_CHANNELS, type HostApi, type HostSubscriptions, type Result } from "../../core/api/contract";
import type { Host } from "./host";

export interface ApiHostOptions {
  kind: "electron" | "web";
  api: HostApi;
  subscriptions: HostSubscriptions;
  /** How often to ping the host to notice it went away or came back, in ms; 0 turns it off. @default 0 */
  pingMs?: number;
}

export function createApiHost(options: ApiHostOptions): Host {
  const { api, subscriptions } = options;
  const reachListeners = new Set<(reachable: boolean) => void>();
  let reachable = true;

  const setReachable = (value: boolean): void => {
    if (value === reachable) return;
    reachable = value;
    for (const listener of reachListeners) listener(value);
  };

  /** Every request goes through here, so any answer (even an error) proves the host is up. */
  async function track(pending: Promise<Result<unknown>>): Promise<Result<unknown>> {
    const result = await pending;
    setReachable(result.ok || result.error.code !== "unreachable");
    return result;
  }

  const pingMs = options.pingMs ?? 0;
  if (pingMs > 0) setInterval(() => void track(api["host.info"]()), pingMs);

  // Copied channel by channel (not spread): Electron's contextBridge hands over a proxy.
  const requests = Object.fromEntries(CHANNELS.map((channel) => [channel, (input?: never) => track((api[channel] as (input?: unknown) => Promise<Result<unknown>>)(input))]));
  const pushes = Object.fromEntries(PUSH_CHANNELS.map((channel) => [channel, (listener: never) => subscriptions[channel](listener)]));

  return {
    // Each entry forwards its channel's own argument and answer, which the table's key types cannot express.
    ...(requests as unknown as HostApi),
    ...(pushes as unknown as HostSubscriptions),
    kind: options.kind,
    onReachable: (listener) => {
      reachListeners.add(listener);
      listener(reachable);
      return () => void reachListeners.delete(listener);
    },
  };
}
