/**
 * The engine's thread in the desktop app: the studio service (engine, providers, database)
 * runs here, off the main process's event loop, so menus, dialogs and IPC stay responsive
 * whatever a run is doing. Bundled to out/electron/engine-worker.mjs.
 */
import { parentPort } from "node:worker_threads";
import { serveInWorker } from "../core/studio/worker/serve-in-worker";
import type { FromWorker, MessagePortLike, ToWorker } from "../core/studio/worker/protocol";

if (parentPort === null) throw new Error("engine-worker.mjs runs only as a worker thread of the Electron main process");
serveInWorker(parentPort as MessagePortLike<ToWorker, FromWorker>);
