/**
 * The engine's own thread or process in the desktop app (see start-engine.ts for which): the
 * studio service (engine, providers, database) runs here, off the main process's event loop, so
 * menus, dialogs and IPC stay responsive whatever a run is doing. Bundled to out/electron/engine-worker.mjs.
 */
import { parentPort } from "node:worker_threads";
import type { FromWorker, MessagePortLike, ToWorker } from "../core/studio/worker/protocol";
import { serveInWorker } from "../core/studio/worker/serve-in-worker";

function processPort(send: (message: FromWorker) => void): MessagePortLike<ToWorker, FromWorker> {
  return { postMessage: send, on: (_event, listener) => process.on("message", (message) => listener(message as ToWorker)) };
}

if (parentPort !== null) {
  serveInWorker(parentPort as MessagePortLike<ToWorker, FromWorker>);
} else if (process.send !== undefined) {
  const send = process.send.bind(process);
  serveInWorker(processPort((message) => void send(message)));
  // The app closed the channel (it stopped the engine, or died): nothing is left to serve.
  process.on("disconnect", () => process.exit(0));
} else {
  throw new Error("engine-worker.mjs runs as a worker thread or a forked child of the Itasca desktop app, not on its own");
}
