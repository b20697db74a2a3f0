/**
 * The `Host` interface over any implementation of the host contract's `HostApi`: the web
 * client (HTTP + WebSocket, web-host.ts) and Electron's preload bridge (electron-host.ts) both
 * expose one function per channel, so both hosts are this one function with a different
 * transport. It also watches whether the host still answers, so the app can say so instead of
 * failing one click at a time.
 */
import type { ApiError, HostApi, HostEventMessage, ModelInfo, Result } from "../../core/api/contract";
import type { Host, HostDocument, HostModel, MenuListener } from "./host";

/** The template opened at start when no file was asked for: the one the README walks through. */
export const START_TEMPLATE = "sample-rank-fuse.itasca.json";

export interface ApiHostOptions {
  kind: "electron" | "web";
  api: HostApi;
  /** Subscribes to pushed host events; returns the unsubscribe function. */
  onEvent(listener: (message: HostEventMessage) => void): () => void;
  /** Native menu commands, where the host has a menu (Electron). @default undefined */
  onMenu?: Host["onMenu"];
  /** How often to ping the host to notice it went away or came back, in ms; 0 turns it off. @default 0 */
  pingMs?: number;
}

/** The web client reports a dead server as `internal` with this wording (core/api/web-client.ts). */
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

export function createApiHost(options: ApiHostOptions): Host {
  const { api } = options;
  const reachListeners = new Set<(reachable: boolean) => void>();
  let reachable = true;

  const setReachable = (value: boolean): void => {
    if (value === reachable) return;
    reachable = value;
    for (const listener of reachListeners) listener(value);
  };

  /** Every request goes through here, so any answer (even an error) proves the host is up. */
  async function track<T>(pending: Promise<Result<T>>): Promise<Result<T>> {
    const result = await pending;
    setReachable(result.ok || !isUnreachable(result.error));
    return result;
  }

  const pingMs = options.pingMs ?? 0;
  if (pingMs > 0) setInterval(() => void track(api["host.info"]()), pingMs);

  const onMenu: Host["onMenu"] = options.onMenu ?? ((_listener: MenuListener) => () => undefined);

  return {
    kind: options.kind,
    listModels: async () => {
      const result = await track(api["models.list"]());
      return result.ok ? result.value.map(toHostModel) : [];
    },
    openStartDocument: async (): Promise<HostDocument> => {
      const result = await track(api["files.templates"]());
      if (!result.ok) throw new Error(result.error.message);
      const template = result.value.find((t) => t.id === START_TEMPLATE) ?? result.value[0];
      if (template === undefined) throw new Error("the host has no templates");
      // An untitled copy: saving asks where, so the shipped preset is never overwritten by accident.
      return { fileName: template.id, text: template.text };
    },
    startRun: (input) => track(api["run.start"](input)),
    cancelRun: (runId) => track(api["run.cancel"]({ runId })),
    listRuns: (file, limit) => track(api["run.list"]({ ...(file === undefined ? {} : { file }), ...(limit === undefined ? {} : { limit }) })),
    getRun: (runId) => track(api["run.get"]({ runId })),
    onRunEvent: (listener) =>
      options.onEvent((message) => {
        if (message.channel === "run.event") listener(message.event);
      }),
    onReachable: (listener) => {
      reachListeners.add(listener);
      listener(reachable);
      return () => reachListeners.delete(listener);
    },
    onMenu,
    templates: () => track(api["files.templates"]()),
    readFile: (path) => track(api["files.read"]({ path })),
    writeFile: (path, text) => track(api["files.write"]({ path, text })),
    recentFiles: () => track(api["files.recent"]()),
    listDir: (dir) => track(api["files.list"](dir === undefined ? {} : { dir })),
    hostInfo: () => track(api["host.info"]()),
    openDialog: () => track(api["dialog.open"]()),
    saveDialog: (defaultName) => track(api["dialog.save"](defaultName === undefined ? {} : { defaultName })),
    modelInfos: () => track(api["models.list"]()),
    saveModel: (entry) => track(api["models.save"]({ entry })),
    removeModel: (id) => track(api["models.remove"]({ id })),
    testModel: (id) => track(api["models.test"]({ id })),
    discoverModels: (extraUrls) => track(api["models.discover"](extraUrls === undefined || extraUrls.length === 0 ? {} : { extraUrls })),
    listKeys: () => track(api["keys.list"]()),
    setKey: (name, value) => track(api["keys.set"]({ name, value })),
    deleteKey: (name) => track(api["keys.delete"]({ name })),
  };
}
