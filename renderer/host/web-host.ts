/**
 * The web-studio host: the `Host` interface over core/api/web-client.ts (HTTP requests plus the
 * `/api/events` WebSocket) against `itasca studio`. It also watches whether the studio still
 * answers, so the app can say so instead of failing one click at a time.
 */
import type { ApiError, ModelInfo, Result } from "../../core/api/contract";
import type { WebHostClient } from "../../core/api/web-client";
import type { Host, HostDocument, HostModel } from "./host";

/** The template opened at start when no file was asked for: the one the README walks through. */
export const START_TEMPLATE = "sample-rank-fuse.itasca.json";
/** How often the studio is pinged to notice it went away (or came back), in ms. */
const PING_MS = 5000;

export interface WebHostOptions {
  /** @default PING_MS; 0 turns the ping off (tests). */
  pingMs?: number;
}

/** The web client reports a dead server as `internal` with this wording (web-client.ts). */
function isUnreachable(error: ApiError): boolean {
  return error.code === "internal" && error.message.includes("did not answer");
}

function toHostModel({ entry }: ModelInfo): HostModel {
  return {
    id: entry.id,
    provider: entry.provider,
    ...(entry.priceInPerMTok === undefined ? {} : { priceInPerMTok: entry.priceInPerMTok }),
    ...(entry.priceOutPerMTok === undefined ? {} : { priceOutPerMTok: entry.priceOutPerMTok }),
  };
}

export function createWebHost(client: WebHostClient, options: WebHostOptions = {}): Host {
  const reachListeners = new Set<(reachable: boolean) => void>();
  let reachable = true;

  const setReachable = (value: boolean): void => {
    if (value === reachable) return;
    reachable = value;
    for (const listener of reachListeners) listener(value);
  };

  /** Every request goes through here, so any answer (even an error) proves the studio is up. */
  async function track<T>(pending: Promise<Result<T>>): Promise<Result<T>> {
    const result = await pending;
    setReachable(result.ok || !isUnreachable(result.error));
    return result;
  }

  const pingMs = options.pingMs ?? PING_MS;
  if (pingMs > 0) setInterval(() => void track(client.api["host.info"]()), pingMs);

  return {
    kind: "web",
    listModels: async () => {
      const result = await track(client.api["models.list"]());
      return result.ok ? result.value.map(toHostModel) : [];
    },
    openStartDocument: async (): Promise<HostDocument> => {
      const result = await track(client.api["files.templates"]());
      if (!result.ok) throw new Error(result.error.message);
      const template = result.value.find((t) => t.id === START_TEMPLATE) ?? result.value[0];
      if (template === undefined) throw new Error("the studio has no templates");
      // An untitled copy: saving asks where, so the shipped preset is never overwritten by accident.
      return { fileName: template.id, text: template.text };
    },
    startRun: (input) => track(client.api["run.start"](input)),
    cancelRun: (runId) => track(client.api["run.cancel"]({ runId })),
    listRuns: (file, limit) => track(client.api["run.list"]({ ...(file === undefined ? {} : { file }), ...(limit === undefined ? {} : { limit }) })),
    getRun: (runId) => track(client.api["run.get"]({ runId })),
    onRunEvent: (listener) =>
      client.onEvent((message) => {
        if (message.channel === "run.event") listener(message.event);
      }),
    onReachable: (listener) => {
      reachListeners.add(listener);
      listener(reachable);
      return () => reachListeners.delete(listener);
    },
    templates: () => track(client.api["files.templates"]()),
    readFile: (path) => track(client.api["files.read"]({ path })),
    writeFile: (path, text) => track(client.api["files.write"]({ path, text })),
    recentFiles: () => track(client.api["files.recent"]()),
    listDir: (dir) => track(client.api["files.list"](dir === undefined ? {} : { dir })),
  };
}
