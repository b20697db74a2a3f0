/**
 * The web studio: the built renderer and the host contract over HTTP + WebSocket, on the
 * loopback interface only, behind a per-session token (ARCHITECTURE.md section 6).
 *
 *   GET  /?token=T          the app; sets an HttpOnly cookie so its scripts and styles load
 *   POST /api/<channel>     JSON arguments -> `Result` JSON; token in `Authorization: Bearer T`
 *                           or `x-itasca-token: T`
 *   GET  /api/events?token=T  WebSocket of `{ channel: "run.event" | "eval.event" | "search.event", event }` messages
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Result } from "../api/result";
import { redactor } from "../providers/redact";
import { readBodyWithin, sendJson } from "./http-io";
import type { StudioService } from "./service";
import { bindAddress, hostAllowed, newToken, originAllowed, requestToken, tokenCookie, tokenMatches } from "./server-auth";
import { securityHeaders, serveStatic } from "./static-files";

export interface StudioServerOptions {
  /** The port; 0 picks a free one. @default 0 */
  port?: number;
  /** 127.0.0.1, localhost or ::1; anything else is refused. @default "127.0.0.1" */
  host?: string;
  /** The built renderer (renderer/dist); without an index.html a "not built" page is served. */
  staticDir: string;
  service: StudioService;
}

export interface StudioServer {
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  token: string;
  port: number;
  /** Closes every socket and the server; the service stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Largest request body: `files.write` carries a whole architecture file. */
const MAX_BODY_BYTES = 20_000_000;
const API_PREFIX = "/api/";
const EVENTS_PATH = "/api/events";

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const address = bindAddress(options.host ?? "127.0.0.1");
  const token = newToken();
  let port = 0;
  const server = createServer((request, response) => {
    void onRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: "internal", message: redactor.redact(error instanceof Error ? error.message : String(error)) } });
      else response.destroy();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders(port))) response.setHeader(name, value);
    if (!hostAllowed(request, port)) return sendText(response, 403, `refused: Host "${request.headers.host ?? ""}" is not this studio (127.0.0.1:${port})\n`);
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith(API_PREFIX)) {
      // API calls carry the token in a header only: a cookie would let another page's form post here.
      if (!tokenMatches(requestToken(request, url, port, { header: true }), token)) return sendUnauthorized(response);
      if (request.method !== "POST") return sendJson(response, 405, failure("invalid-arguments", `${request.method ?? "?"} ${url.pathname}: use POST with a JSON body`));
      const channel = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
      const body = await readBodyWithin(request, MAX_BODY_BYTES);
      if (body === undefined) return sendJson(response, 413, failure("invalid-arguments", `${channel}: the request body is over ${MAX_BODY_BYTES} bytes`));
      let input: unknown;
      try {
        input = body.length === 0 ? undefined : JSON.parse(body);
      } catch {
        return sendJson(response, 400, failure("invalid-arguments", `${channel}: the request body is not valid JSON`));
      }
      const result = await options.service.handle(channel, input);
      return sendJson(response, !result.ok && result.error.code === "unknown-channel" ? 404 : 200, result);
    }
    if (request.method !== "GET" && request.method !== "HEAD") return sendText(response, 405, "method not allowed\n");
    const given = requestToken(request, url, port, { query: true, cookie: true });
    if (!tokenMatches(given, token)) return sendUnauthorized(response);
    if (url.searchParams.has("token")) response.setHeader("Set-Cookie", tokenCookie(token, port));
    serveStatic(response, url.pathname, { staticDir: options.staticDir, token });
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${port}`);
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(request, port) || !originAllowed(request, port)) return refuse("403 Forbidden");
    if (url.pathname !== EVENTS_PATH) return refuse("404 Not Found");
    if (!tokenMatches(requestToken(request, url, port, { query: true, header: true }), token)) return refuse("401 Unauthorized");
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const unsubscribe = options.service.subscribe(
      (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
      { replayActive: true },
    );
    ws.on("close", unsubscribe);
    ws.on("error", unsubscribe);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, address, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = address === "::1" ? "[::1]" : "127.0.0.1";

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function failure(code: "invalid-arguments" | "unauthorized", message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendUnauthorized(response: ServerResponse): void {
  sendJson(response, 401, failure("unauthorized", "missing or wrong studio token: open the URL that `itasca studio` printed"));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  response.end(text);
}

