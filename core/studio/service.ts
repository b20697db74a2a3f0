/**
 * The studio service: every channel of the host contract implemented over one engine host,
 * independent of the transport. The web-studio server serves it over HTTP + WebSocket; the
 * Electron main process can serve the same object over IPC (with its keychain as `secrets`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateRequest, type Channel, type ChannelInput, type ChannelOutput, type HostHandlers } from "../api/contract";
import type { HostInfo } from "../api/outputs";
import type { Result } from "../api/result";
import type { RunHandle } from "../engine/executor";
import { ensureDataDir } from "../paths/data-dir";
import { installRoot } from "../paths/install-root";
import type { SecretStore } from "../providers/keys";
import type { LlamaCppOptions } from "../providers/llama-cpp";
import { openEngineStorage } from "../store/open-engine";
import { ActiveEvaluations } from "./active-evals";
import { ActiveSearches } from "./active-searches";
import type { StudioEventMessage } from "../api/contract";
import type { StudioContext } from "./context";
import { EngineGenerations } from "./engine-generations";
import { guarded, redactDeep, toApiError } from "./errors";
import { evalHandlers } from "./eval-handlers";
import { fileHandlers } from "./file-handlers";
import { FileSecretStore } from "./file-secret-store";
import { LazySandbox } from "./lazy-sandbox";
import { modelHandlers } from "./model-handlers";
import { PathPolicy } from "./path-policy";
import { runHandlers } from "./run-handlers";
import { searchHandlers } from "./search-handlers";
import { StudioState } from "./studio-state";

export interface StudioServiceOptions {
  /** Environment: `ITASCA_HOME` (the data dir) and provider keys. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Relative file paths resolve against this. @default process.cwd() */
  cwd?: string;
  /** Where API keys entered in the UI are kept. @default a FileSecretStore (`secrets.json`, 0600) in the data dir */
  secrets?: SecretStore;
  /** Reported by `host.info`. @default "web" */
  kind?: "web" | "electron";
  /** Options of the embedded llama.cpp provider. @default the provider's defaults */
  llamaCpp?: LlamaCppOptions;
}

export interface StudioService {
  /** Validates the arguments, then runs the channel; never throws. */
  handle(channel: string, input: unknown): Promise<Result<unknown>>;
  /** The typed form of `handle`, for callers inside the host. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /**
   * Receives every pushed event (runs, evaluations, searches); returns the unsubscribe function. With
   * `replayActive`, the events so far of runs, evaluations and searches still going are delivered first,
   * so a late (re)connection misses nothing.
   */
  subscribe(listener: (message: StudioEventMessage) => void, options?: { replayActive?: boolean }): () => void;
  /** Cancels running runs, evaluations and searches (completed items and trials are kept), closes the sandbox, providers and the database. */
  close(): Promise<void>;
}

export function createStudioService(options: StudioServiceOptions = {}): StudioService {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const dataDir = ensureDataDir(env);
  const secrets = options.secrets ?? FileSecretStore.inDataDir(dataDir);
  const storage = openEngineStorage(dataDir);
  const { db, store } = storage;
  const listeners = new Set<(message: StudioEventMessage) => void>();
  const active = new Map<string, RunHandle>();
  const evals = new ActiveEvaluations();
  const searches = new ActiveSearches();
  // Loaded on the first execution only: Pyodide and QuickJS stay out of a session that runs no code.
  const sandbox = new LazySandbox(async () => (await import("../eval/sandbox/index")).createSandbox());
  const engines = new EngineGenerations({ env, secrets, storage, sandbox, ...(options.llamaCpp ? { llamaCpp: options.llamaCpp } : {}) });
  const ctx: StudioContext = {
    env,
    cwd,
    dataDir,
    kind: options.kind ?? "web",
    engines,
    db,
    store,
    state: StudioState.inDataDir(dataDir),
    paths: new PathPolicy({ cwd, dataDir }),
    secrets,
    active,
    evals,
    searches,
    sandbox,
    emit: (message) => {
      const safe = redactDeep(message);
      // A copy: a subscriber added by a listener of this event was replayed it already.
      for (const listener of [...listeners]) {
        try {
          listener(safe);
        } catch {
          // One broken subscriber (a closed socket) must not stop the others or the run.
        }
      }
    },
  };
  const handlers: HostHandlers = {
    "host.info": () => guarded((): HostInfo => ({ kind: ctx.kind, version: packageVersion(), cwd, dialogs: ctx.kind === "electron" })),
    ...runHandlers(ctx),
    ...fileHandlers(ctx),
    ...modelHandlers(ctx),
    ...evalHandlers(ctx),
    ...searchHandlers(ctx),
  };
  let closed = false;

  const handle = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    if (closed) return { ok: false, error: { code: "internal", message: `${channel}: the studio is shutting down` } };
    const args = validateRequest(channel, input);
    if (!args.ok) return args;
    try {
      const run = handlers[channel as Channel] as (args: unknown) => Promise<Result<unknown>>;
      return redactDeep(await run(args.value));
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  };

  return {
    handle,
    call: (channel, input) => handle(channel, input) as never,
    subscribe: (listener, subscribeOptions) => {
      if (subscribeOptions?.replayActive) {
        for (const run of active.values()) for (const event of run.events()) listener(redactDeep({ channel: "run.event", event }));
        for (const event of evals.events()) listener(redactDeep({ channel: "eval.event", event }));
        for (const event of searches.events()) listener(redactDeep({ channel: "search.event", event }));
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const running = [...active.values()];
      for (const run of running) run.cancel("the studio is shutting down");
      // A search's trial evaluations are its own: stopping it cancels them (finished trials are kept).
      await Promise.all([...running.map((run) => run.result), searches.stopAll("the studio is shutting down"), evals.cancelAll("the studio is shutting down")]);
      listeners.clear();
      await sandbox.close();
      await engines.close();
      storage.close();
    },
  };
}

let version: string | undefined;
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(installRoot(), "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  return version;
}
