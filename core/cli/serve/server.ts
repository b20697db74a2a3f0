/**
 * The HTTP server of `itasca serve`: an architecture as an OpenAI-compatible model on the
 * loopback interface only.
 *
 *   POST /v1/chat/completions   one run per request (see chat-completions.ts)
 *   GET  /v1/models             the one model this server is
 *   GET  /v1/models/<name>      that model
 *   GET  /health                `{status: "ok"}`, without the token (for liveness probes)
 *
 * The Host and Origin checks of the studio apply (a web page must not be able to spend the
 * user's keys through DNS rebinding or a cross-site post); the bearer token is optional.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { redactor } from "../../providers/redact";
import { hostAllowed, originAllowed, requestToken, tokenMatches } from "../../studio/server-auth";
import { handleChatCompletion, type RunQuery } from "./chat-completions";
import { sendJson } from "../../studio/http-io";
import { HttpError, sendHttpError } from "./http";
import { modelObject } from "./openai-wire";

export interface ServeServerOptions {
  /** The port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** The model name clients call the architecture by (listed by /v1/models, echoed in replies). */
  modelName: string;
  /** When set, every request but /health needs `Authorization: Bearer <token>`. @default none */
  token?: string;
  runQuery: RunQuery;
  /** One line per request and per notable event (never the token, never the messages). */
  log: (line: string) => void;
  /** Largest request body. @default 1 MiB */
  maxBodyBytes?: number;
  /** Milliseconds between heartbeat comments on a stream. @default 15000 */
  heartbeatMs?: number;
  /** How long shutdown waits for cancelled runs to answer before dropping their connections. @default 10000 */
  closeGraceMs?: number;
}

export interface ServeServer {
  /** The port actually listened on. */
  port: number;
  /** `http://127.0.0.1:<port>/v1`: the base URL to give an SDK. */
  baseUrl: string;
  /** Cancels running requests' runs (they get 503), then closes every connection and the server. */
  close(): Promise<void>;
}

export const SERVE_HOST = "127.0.0.1";
const ROUTES = "POST /v1/chat/completions, GET /v1/models, GET /health";

export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const created = Math.floor(Date.now() / 1000);
  const running = new Set<AbortController>();
  const handlers = new Set<Promise<void>>();
  let closing = false;
  let port = 0;

  const chatContext = {
    modelName: options.modelName,
    runQuery: options.runQuery,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    track: (controller: AbortController) => {
      running.add(controller);
      return () => running.delete(controller);
    },
    log: options.log,
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request, port)) throw new HttpError(403, `Host "${request.headers.host ?? ""}" is not this server (${SERVE_HOST}:${port})`, "forbidden_host");
    if (!originAllowed(request, port)) throw new HttpError(403, "requests from web pages of other origins are refused: this server can spend your API keys", "forbidden_origin");
    if (closing) throw new HttpError(503, "the server is shutting down", "shutting_down", { headers: { Connection: "close" } });
    const url = new URL(request.url ?? "/", `http://${SERVE_HOST}`);
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = request.method ?? "GET";
    if (path === "/health") return allow(method, "GET", () => sendJson(response, 200, { status: "ok" }));
    if (options.token !== undefined && !tokenMatches(requestToken(request, url, port, { header: true }), options.token)) {
      throw new HttpError(401, "missing or wrong API key: send the server's token as `Authorization: Bearer <token>` (the value of --token or ITASCA_SERVE_TOKEN)", "invalid_api_key");
    }
    if (path === "/v1/chat/completions") return allow(method, "POST", () => handleChatCompletion(request, response, chatContext));
    if (path === "/v1/models") return allow(method, "GET", () => sendJson(response, 200, { object: "list", data: [modelObject(options.modelName, created)] }));
    if (path.startsWith("/v1/models/")) {
      const name = decodeURIComponent(path.slice("/v1/models/".length));
      if (name !== options.modelName) throw new HttpError(404, `the model "${name}" does not exist: this server serves "${options.modelName}"`, "model_not_found", { param: "model" });
      return allow(method, "GET", () => sendJson(response, 200, modelObject(options.modelName, created)));
    }
    throw new HttpError(404, `unknown path ${method} ${path}: this server has ${ROUTES}`, "not_found");
  }

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    const handled = route(request, response)
      .catch((error: unknown) => {
        const refusal = error instanceof HttpError ? error : new HttpError(500, redactor.redact(error instanceof Error ? error.message : String(error)), "internal");
        if (!(error instanceof HttpError) || refusal.status >= 500) options.log(`${request.method ?? "?"} ${request.url ?? ""} ${refusal.status}: ${refusal.message}`);
        else options.log(`${request.method ?? "?"} ${request.url ?? ""} ${refusal.status} ${refusal.code ?? ""}`);
        if (!response.headersSent) sendHttpError(response, refusal);
        else response.destroy();
      })
      .finally(() => handlers.delete(handled));
    handlers.add(handled);
  }

  const server = createServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, SERVE_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    baseUrl: `http://${SERVE_HOST}:${port}/v1`,
    close: async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const controller of running) controller.abort(new Error("the server is shutting down"));
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.closeGraceMs ?? 10_000)));
      await Promise.race([Promise.allSettled([...handlers]), grace]);
      clearTimeout(timer);
      server.closeAllConnections();
      await stopped;
    },
  };
}

/** Runs `handle` for the route's method, else 405 naming the one it takes. */
function allow(method: string, expected: string, handle: () => void | Promise<void>): void | Promise<void> {
  if (method === expected || (expected === "GET" && method === "HEAD")) return handle();
  throw new HttpError(405, `${method} is not allowed here: use ${expected}`, "method_not_allowed", { headers: { Allow: expected } });
}
