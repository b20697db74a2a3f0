/**
 * Where the desktop app's engine runs. A packaged app runs it in a worker thread of the main
 * process, with native modules rebuilt for Electron by electron-builder. A development checkout
 * started by `npm start` runs it in a child process of the Node that ran npm: its native modules
 * (better-sqlite3) were built by `npm install` for that Node's ABI, not Electron's, and they load
 * there as they are, while the same node_modules keeps serving the `itasca` CLI and the tests.
 */
import { fork } from "node:child_process";
import { Worker } from "node:worker_threads";
import type { FromWorker, MessagePortLike, ToWorker } from "../core/studio/worker/protocol";

/** Set by `npm start` (scripts/start.ts): the Node binary the engine's child process runs on. */
export const ENGINE_NODE_ENV = "ITASCA_ENGINE_NODE";

export interface EngineHandle {
  port: MessagePortLike<FromWorker, ToWorker>;
  /** "worker" (a thread of this process) or "process" (a child Node process). */
  mode: "worker" | "process";
  /** Ends the thread or process (after the service was closed through the port). */
  stop(): Promise<void>;
  /** Called when the engine dies on its own, with why. */
  onExit(listener: (reason: string) => void): void;
}

/**
 * @param script the bundled engine entry (out/electron/engine-worker.mjs)
 * @param env the environment; {@link ENGINE_NODE_ENV} in it picks the child-process mode
 */
export function startEngine(script: string, env: NodeJS.ProcessEnv = process.env): EngineHandle {
  const node = env[ENGINE_NODE_ENV];
  if (node) {
    // "advanced" serialization is the structured clone a worker's messages use, so both modes carry the same data.
    const child = fork(script, [], { execPath: node, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"], env });
    let stopping = false;
    return {
      mode: "process",
      port: { postMessage: (message) => void child.send(message), on: (_event, listener) => child.on("message", (message) => listener(message as FromWorker)) },
      stop: () =>
        new Promise((resolve) => {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.disconnect();
        }),
      onExit: (listener) => void child.on("exit", (code, signal) => stopping || listener(`the engine process exited (${signal ?? `code ${code}`})`)),
    };
  }
  const worker = new Worker(script);
  return {
    mode: "worker",
    port: worker as MessagePortLike<FromWorker, ToWorker>,
    stop: () => worker.terminate().then(() => undefined),
    onExit: (listener) => {
      worker.on("error", (error) => listener(`the engine worker failed: ${error.stack ?? error.message}`));
    },
  };
}
