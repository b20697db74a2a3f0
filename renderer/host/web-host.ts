/** The web-studio host: the contract over core/api/web-client.ts (HTTP plus the `/api/events` WebSocket) against `itasca studio`. */
import type { WebHostClient } from "../../core/api/web-client";
import { createApiHost } from "./api-host";
import type { Host } from "./host";

/** How often the studio is pinged to notice it went away (or came back), in ms. */
const PING_MS = 5000;

export interface WebHostOptions {
  /** @default 5000; 0 turns the ping off (tests). */
  pingMs?: number;
}

export function createWebHost(client: WebHostClient, options: WebHostOptions = {}): Host {
  return createApiHost({ kind: "web", api: client.api, subscriptions: client.subscriptions, pingMs: options.pingMs ?? PING_MS });
}
