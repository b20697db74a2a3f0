/**
 * The renderer's side of the web-studio bridge: the host contract over `POST /api/<channel>`
 * and the `/api/events` WebSocket. Browser APIs only (fetch, WebSocket), so it is
 * renderer-safe; Node tests pass the `ws` package's WebSocket.
 */
import { CHANNELS, subscriptionsOver, type Channel, type ChannelInput, type ChannelOutput, type HostApi, type HostEventMessage, type HostSubscriptions } from "./contract";
import type { Result } from "./result";

/** The constructor the client needs: the browser's WebSocket, or a compatible one. */
export type WebSocketLike = new (url: string) => {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  close(): void;
};

export interface WebHostClientOptions {
  /** The session token from the studio URL (see `tokenFromPage`). */
  token: string;
  /** The studio's origin. @default location.origin */
  base?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default globalThis.WebSocket */
  WebSocket?: WebSocketLike;
  /** Delay before reconnecting a dropped event socket, in ms. @default 1000 */
  reconnectMs?: number;
}

export interface WebHostClient {
  api: HostApi;
  call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Receives pushed events; the socket opens with the first listener. Returns the unsubscribe function. */
  onEvent(listener: (message: HostEventMessage) => void): () => void;
  /** The same events, one subscription per push channel. */
  subscriptions: HostSubscriptions;
  /** Closes the event socket. */
  close(): void;
}

/**
 * The token of this page: `?token=` on first load, else the `<meta name="itasca-token">` tag
 * the server puts in the page (so a reload after the query was removed still works).
 */
export function tokenFromPage(): string | undefined {
  if (typeof location === "undefined") return undefined;
  const query = new URLSearchParams(location.search).get("token");
  if (query) return query;
  return document.querySelector('meta[name="itasca-token"]')?.getAttribute("content") ?? undefined;
}

export function createWebHostClient(options: WebHostClientOptions): WebHostClient {
  const base = (options.base ?? location.origin).replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const listeners = new Set<(message: HostEventMessage) => void>();
  let socket: InstanceType<WebSocketLike> | undefined;
  let closed = false;

  async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    try {
      const response = await doFetch(`${base}/api/${channel}`, {
        method: "POST",
        headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
        ...(input === undefined ? {} : { body: JSON.stringify(input) }),
      });
      return (await response.json()) as Result<ChannelOutput<C>>;
    } catch (error) {
      return { ok: false, error: { code: "unreachable", message: `${channel}: the studio server did not answer (${error instanceof Error ? error.message : String(error)})` } };
    }
  }

  function connect(): void {
    const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketLike);
    const ws = new Socket(`${base.replace(/^http/, "ws")}/api/events?token=${encodeURIComponent(options.token)}`);
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as HostEventMessage;
      for (const listener of listeners) listener(message);
    };
    // The server replays running runs' events on connect, so a reconnect loses nothing in flight.
    ws.onclose = () => {
      socket = undefined;
      if (!closed && listeners.size > 0) setTimeout(() => socket ?? connect(), options.reconnectMs ?? 1000);
    };
    socket = ws;
  }

  const api = Object.fromEntries(CHANNELS.map((channel) => [channel, (input?: unknown) => call(channel, input as never)])) as unknown as HostApi;

  const onEvent = (listener: (message: HostEventMessage) => void): (() => void) => {
    listeners.add(listener);
    if (!socket && !closed) connect();
    return () => void listeners.delete(listener);
  };

  return {
    api,
    call,
    onEvent,
    subscriptions: subscriptionsOver(onEvent),
    close: () => {
      closed = true;
      socket?.close();
      socket = undefined;
    },
  };
}
