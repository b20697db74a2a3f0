// @ts-check
/**
 * Closes the module loader before untrusted code runs. Node's permission model restricts files,
 * processes and workers, not `import()`: a function inside pyodide that imports a module by name
 * (pyodide loads its socket layer with `import("node:net")`) would otherwise be a path to Node.
 * After `lock()`, every import fails, whatever the specifier.
 *
 * Node 22.15+ has synchronous in-thread hooks (`module.registerHooks`); older Node runs hooks on
 * a loader thread (`module.register`), which the permission model allows only with
 * `--allow-worker` (the parent passes it then; no program can reach `Worker` once imports are
 * locked, since `node:worker_threads` cannot be imported).
 */
import * as nodeModule from "node:module";
import { MessageChannel } from "node:worker_threads";

/** @returns {Promise<() => Promise<void>>} the lock */
export async function installImportLock() {
  const registerHooks = /** @type {any} */ (nodeModule).registerHooks;
  if (typeof registerHooks === "function") {
    let locked = false;
    registerHooks({
      resolve(/** @type {string} */ specifier, /** @type {unknown} */ context, /** @type {Function} */ next) {
        if (locked) throw new Error(`importing "${specifier}" is not allowed in the sandbox`);
        return next(specifier, context);
      },
    });
    return async () => {
      locked = true;
    };
  }
  const { port1, port2 } = new MessageChannel();
  nodeModule.register(new URL("./import-lock-hooks.mjs", import.meta.url), { data: { port: port2 }, transferList: [port2] });
  return () =>
    new Promise((resolve) => {
      port1.once("message", () => {
        port1.unref();
        resolve();
      });
      port1.postMessage("lock");
    });
}
