// @ts-check
/**
 * Module resolve hooks for Node versions without `module.registerHooks` (before 22.15): they run
 * on Node's loader thread, so the worker locks them with a message. Once locked, every import
 * fails, `import("node:net")` and `import("data:...")` included. See import-lock.mjs.
 */
let locked = false;

/** @param {{ port: import("node:worker_threads").MessagePort }} data */
export async function initialize({ port }) {
  port.on("message", (message) => {
    if (message === "lock") {
      locked = true;
      port.postMessage("locked");
    }
  });
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => unknown} next
 */
export async function resolve(specifier, context, next) {
  if (locked) throw new Error(`importing "${specifier}" is not allowed in the sandbox`);
  return next(specifier, context);
}
