/**
 * The messages between a host process and the studio service running in a worker thread
 * (Electron runs the engine there, so a long run never competes with the window's event loop).
 * Plain, structured-clone-safe data only.
 */
import type { Result } from "../../api/result";
import type { StudioEventMessage } from "../../api/contract";

/** What the worker needs to build its service: the serialisable part of StudioServiceOptions. */
export interface WorkerServiceOptions {
  kind: "web" | "electron";
  cwd: string;
  /** The host's stored keys, decrypted: the worker keeps them in memory only. */
  secrets: Record<string, string>;
}

export type ToWorker =
  | { type: "init"; options: WorkerServiceOptions }
  | { type: "request"; id: number; channel: string; input: unknown }
  | { type: "close" };

export type FromWorker =
  | { type: "ready" }
  | { type: "response"; id: number; result: Result<unknown> }
  | { type: "event"; message: StudioEventMessage }
  /** A key was set (value) or deleted (no value) through `keys.*`: the host persists it in its keychain. */
  | { type: "secret"; name: string; value?: string }
  | { type: "closed" }
  | { type: "fatal"; message: string };

/** The part of a worker_threads `Worker` / `MessagePort` (or Electron's utility process) this uses. */
export interface MessagePortLike<In, Out> {
  postMessage(message: Out): void;
  on(event: "message", listener: (message: In) => void): unknown;
}
