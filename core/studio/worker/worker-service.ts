/**
 * The host side: a `StudioService` whose every request and event crosses to a worker running
 * the real service (serve-in-worker.ts). Key changes made through `keys.*` come back to be
 * persisted in the host's own store (the OS keychain in Electron).
 */
import type { Channel, ChannelInput, ChannelOutput } from "../../api/contract";
import type { Result } from "../../api/result";
import type { SecretStore } from "../../providers/keys";
import type { StudioEventMessage } from "../../api/contract";
import type { StudioService } from "../service";
import type { FromWorker, MessagePortLike, ToWorker } from "./protocol";

export interface WorkerServiceStart {
  /** The worker (or any port speaking the protocol). */
  port: MessagePortLike<FromWorker, ToWorker>;
  kind: "web" | "electron";
  cwd: string;
  /** The host's key store: its keys are handed to the worker, and the worker's changes written back. */
  secrets: SecretStore;
  /** How long the worker may take to open the database and answer `ready`, in ms. @default 30000 */
  startTimeoutMs?: number;
}

/** Starts the service in the worker; resolves once it is ready. */
export function startWorkerService(start: WorkerServiceStart): Promise<StudioService> {
  const { port, secrets } = start;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(message: StudioEventMessage) => void>();
  let nextId = 1;
  let closing: Promise<void> | undefined;
  let onClosed: (() => void) | undefined;

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the engine worker did not start within ${start.startTimeoutMs ?? 30_000} ms`)), start.startTimeoutMs ?? 30_000);

    const service: StudioService = {
      handle: (channel, input) => {
        if (closing) return Promise.resolve({ ok: false, error: { code: "internal", message: `${channel}: the studio is shutting down` } });
        const id = nextId++;
        return new Promise((answer) => {
          pending.set(id, answer);
          port.postMessage({ type: "request", id, channel, input });
        });
      },
      call: <C extends Channel>(channel: C, input: ChannelInput<C>) => service.handle(channel, input) as Promise<Result<ChannelOutput<C>>>,
      // The worker's service replays active runs and evaluations to its one subscriber (this host); a late
      // subscriber here has only events from now on, which is all Electron's single window needs.
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => {
        closing ??= new Promise<void>((done) => {
          onClosed = done;
          port.postMessage({ type: "close" });
        });
        return closing;
      },
    };

    port.on("message", (message) => {
      switch (message.type) {
        case "ready":
          clearTimeout(timer);
          resolve(service);
          return;
        case "fatal":
          clearTimeout(timer);
          reject(new Error(`the engine worker failed to start: ${message.message}`));
          return;
        case "response":
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          return;
        case "event":
          for (const listener of listeners) listener(message.message);
          return;
        case "secret":
          if (message.value === undefined) secrets.delete(message.name);
          else secrets.set(message.name, message.value);
          return;
        case "closed":
          for (const answer of pending.values()) answer({ ok: false, error: { code: "internal", message: "the studio shut down before answering" } });
          pending.clear();
          onClosed?.();
          return;
      }
    });

    const stored: Record<string, string> = {};
    for (const name of secrets.list()) {
      const value = secrets.get(name);
      if (value !== undefined) stored[name] = value;
    }
    port.postMessage({ type: "init", options: { kind: start.kind, cwd: start.cwd, secrets: stored } });
  });
}
