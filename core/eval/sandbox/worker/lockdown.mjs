// @ts-check
/**
 * What both sandbox workers share: the parent channel and the lockdown of this Node process.
 *
 * Plain JavaScript, not TypeScript, on purpose: a worker runs under Node's permission model
 * (no child processes, no writes, reads of a few directories only), which forbids tsx's esbuild
 * child process, so Node must be able to run these files as they are. `// @ts-check` and JSDoc
 * keep them type-checked with the rest of the project.
 *
 * The channel: requests arrive on stdin as one JSON object per line; everything the worker says
 * goes out on fd 3 as frames `[type u8][length u32 LE][payload]`, written synchronously, so a
 * frame reaches the parent even when the program then spins forever. Types: 1 stdout bytes,
 * 2 stderr bytes, 3 a JSON message (`ready`, `result`).
 */
import { Buffer } from "node:buffer";
import fs from "node:fs";
import os from "node:os";

export const FRAME = { stdout: 1, stderr: 2, message: 3 };
const OUT_FD = 3;
const FLUSH_BYTES = 64 * 1024;

/** The real process object, captured before it is removed from globalThis. */
export const proc = globalThis.process;
// Captured now: they are removed from globalThis (or wrapped) before any untrusted code runs.
const realSetImmediate = globalThis.setImmediate;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
// Created now, while Node may still load what process.stdin needs.
const stdin = proc.stdin;

/**
 * pyodide's NODEFS initialisation calls `process.binding("constants")`, which the permission
 * model refuses; it only needs the constants, which `fs` and `os` carry.
 */
export function shimProcessBinding() {
  const binding = (/** @type {string} */ name) => {
    if (name === "constants") return { fs: fs.constants, os: os.constants };
    throw new Error(`process.binding("${name}") is not available in the sandbox`);
  };
  Object.defineProperty(proc, "binding", { value: binding, configurable: true, writable: true });
}

/** @param {Uint8Array} bytes */
function writeAll(bytes) {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(OUT_FD, bytes, offset, bytes.length - offset);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EAGAIN") throw error;
      Atomics.wait(sleepCell, 0, 0, 1);
    }
  }
}

/**
 * @param {number} type
 * @param {Uint8Array} payload
 */
export function writeFrame(type, payload) {
  const header = Buffer.alloc(5);
  header[0] = type;
  header.writeUInt32LE(payload.length, 1);
  writeAll(Buffer.concat([header, payload]));
}

/** @param {Record<string, unknown>} message */
export function sendMessage(message) {
  writeFrame(FRAME.message, Buffer.from(JSON.stringify(message), "utf8"));
}

/**
 * Calls `handle` for each request, one at a time, in arrival order.
 * @param {(request: any) => Promise<void>} handle
 */
export function serveRequests(handle) {
  let pending = "";
  /** @type {any[]} */
  const queue = [];
  let busy = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length > 0) await handle(queue.shift());
    busy = false;
  };
  stdin.setEncoding("utf8");
  stdin.on("data", (/** @type {string} */ chunk) => {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.trim()) queue.push(JSON.parse(line));
    }
    void pump();
  });
  // The parent closing our stdin is the order to leave.
  stdin.on("end", () => proc.exit(0));
}

/**
 * Collects one execution's stdout and stderr, sends them to the parent in frames, and
 * enforces the output cap: past it, the rest is dropped and `onOverflow` runs once.
 */
export class OutputSink {
  /**
   * @param {number} limitBytes
   * @param {() => void} onOverflow
   */
  constructor(limitBytes, onOverflow) {
    this.limit = limitBytes;
    this.total = 0;
    this.overflowed = false;
    this.onOverflow = onOverflow;
    /** @type {Record<number, Uint8Array[]>} */
    this.pending = { [FRAME.stdout]: [], [FRAME.stderr]: [] };
    this.pendingBytes = 0;
  }

  /**
   * Takes a copy of `bytes`; returns false once the cap is passed.
   * @param {number} stream FRAME.stdout or FRAME.stderr
   * @param {Uint8Array} bytes
   */
  write(stream, bytes) {
    if (this.overflowed) return false;
    const room = this.limit - this.total;
    const kept = bytes.length > room ? bytes.subarray(0, Math.max(0, room)) : bytes;
    if (kept.length > 0) {
      /** @type {Uint8Array[]} */ (this.pending[stream]).push(Uint8Array.from(kept));
      this.total += kept.length;
      this.pendingBytes += kept.length;
      // The first 64 KiB go out as they come (so a program killed at its time limit keeps what
      // it printed); after that, in 64 KiB frames.
      if (this.total <= FLUSH_BYTES || this.pendingBytes >= FLUSH_BYTES) this.flush();
    }
    if (bytes.length > room) {
      this.overflowed = true;
      this.flush();
      this.onOverflow();
      return false;
    }
    return true;
  }

  flush() {
    for (const stream of [FRAME.stdout, FRAME.stderr]) {
      const chunks = /** @type {Uint8Array[]} */ (this.pending[stream]);
      if (chunks.length > 0) writeFrame(stream, Buffer.concat(chunks));
      this.pending[stream] = [];
    }
    this.pendingBytes = 0;
  }
}

/**
 * Callbacks a program schedules (timers, immediates, pyodide's event loop) run only while its
 * execution is still going: one scheduled by an execution that has ended is dropped, so a
 * program cannot leave work behind that runs during the next one.
 */
export const schedule = {
  active: false,
  generation: 0,
  dropped: 0,
  /** Starts an execution's window. */
  begin() {
    this.generation += 1;
    this.active = true;
  },
  end() {
    this.active = false;
  },
  /** Lets pending microtasks (promise callbacks) of the execution that just ended run now. */
  drain() {
    return new Promise((resolve) => realSetImmediate(resolve));
  },
};

/** @param {Function} callback */
function guarded(callback) {
  const generation = schedule.generation;
  return (/** @type {unknown[]} */ ...args) => {
    if (!schedule.active || schedule.generation !== generation) {
      schedule.dropped += 1;
      return;
    }
    callback(...args);
  };
}

/**
 * The globals an untrusted program may see: the ECMAScript built-ins (no eval or Function
 * constructor use: code generation from strings is off for the whole process), text codecs and
 * guarded timers. Nothing Node-specific: no process, require, Buffer, fetch or sockets.
 */
const SAFE_GLOBALS = [
  "Object", "Function", "Array", "Number", "parseFloat", "parseInt", "Infinity", "NaN", "undefined", "Boolean",
  "String", "Symbol", "Date", "Promise", "RegExp", "Error", "AggregateError", "EvalError", "RangeError",
  "ReferenceError", "SyntaxError", "TypeError", "URIError", "globalThis", "JSON", "Math", "Intl", "ArrayBuffer",
  "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Float32Array",
  "Float64Array", "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt", "Set",
  "WeakMap", "WeakSet", "Proxy", "Reflect", "FinalizationRegistry", "WeakRef", "decodeURI", "decodeURIComponent",
  "encodeURI", "encodeURIComponent", "escape", "unescape", "eval", "isFinite", "isNaN", "WebAssembly",
  "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "DOMException", "AbortController", "AbortSignal",
  "Event", "EventTarget", "queueMicrotask", "structuredClone", "atob", "btoa", "SharedArrayBuffer", "Atomics",
  "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "performance",
  "console",
];

/**
 * Removes from globalThis everything but SAFE_GLOBALS, wraps the timers, and replaces
 * `process` with an inert stand-in (emscripten reads a few fields of it at run time, e.g.
 * `process.getuid()` for `os.getuid()`): no env, exit, binding, kill, stdio or versions.
 * Returns an object with the same safe globals, for pyodide's `js` module.
 */
export function lockDownGlobals() {
  const timers = /** @type {const} */ (["setTimeout", "setInterval", "setImmediate"]);
  for (const name of timers) {
    const real = /** @type {(callback: Function, ...rest: unknown[]) => unknown} */ (globalThis[name]);
    Object.defineProperty(globalThis, name, {
      value: (/** @type {Function} */ callback, /** @type {unknown[]} */ ...rest) => real(guarded(callback), ...rest),
      configurable: true,
      writable: true,
    });
  }
  const realQueueMicrotask = globalThis.queueMicrotask;
  globalThis.queueMicrotask = (callback) => realQueueMicrotask(guarded(callback));
  for (const name of Reflect.ownKeys(globalThis)) {
    if (typeof name === "string" && SAFE_GLOBALS.includes(name)) continue;
    if (name === Symbol.toStringTag) continue;
    try {
      Reflect.deleteProperty(globalThis, name);
    } catch {
      // non-configurable: left as is (only ECMAScript value properties are)
    }
  }
  const console = /** @type {Record<string, unknown>} */ ({});
  for (const method of ["log", "info", "debug", "warn", "error", "trace", "dir"]) console[method] = () => {};
  Object.defineProperty(globalThis, "console", { value: Object.freeze(console), configurable: true, writable: true });
  const standIn = Object.freeze({
    getuid: () => 0,
    getgid: () => 0,
    umask: () => 0o022,
    argv: Object.freeze(["python", "main.py"]),
    env: Object.freeze({}),
    platform: "emscripten",
    set exitCode(_value) {},
    get exitCode() {
      return undefined;
    },
  });
  Object.defineProperty(globalThis, "process", { value: standIn, configurable: false, writable: false });
  // V8's stack-trace API hands `Error.prepareStackTrace` the call sites of the stack, whose
  // getThis()/getFunction() reach objects of the worker (pyodide's WebAssembly instance): fixed off.
  Object.defineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false, enumerable: false });
  const safe = Object.create(null);
  // Not globalThis itself: the program's view is this object, not the worker's global scope.
  for (const name of SAFE_GLOBALS) if (name !== "globalThis" && name in globalThis) safe[name] = /** @type {any} */ (globalThis)[name];
  return safe;
}

/** @param {object} target */
function describe(target) {
  /** @type {unknown[]} */
  const parts = [Object.isExtensible(target)];
  for (const key of Reflect.ownKeys(target)) {
    // Node's own error paths change and restore this one.
    if (key === "stackTraceLimit") continue;
    const d = /** @type {PropertyDescriptor} */ (Reflect.getOwnPropertyDescriptor(target, key));
    parts.push(key, d.value, d.get, d.set, d.writable, d.enumerable, d.configurable);
  }
  return parts;
}

/**
 * Watches the JavaScript objects a program can reach (the `js` module and the built-ins'
 * constructors and prototypes): the returned check names the first one a program changed, so
 * the worker is recycled rather than let the change reach the next program.
 * @param {Record<string, unknown>} globals the program's view of the globals
 * @returns {() => string}
 */
export function watchIntrinsics(globals) {
  /** @type {Array<[string, object, unknown[]]>} */
  const watched = [["the js module", globals, describe(globals)]];
  /** @type {Set<unknown>} */
  const seen = new Set([globals]);
  const add = (/** @type {string} */ name, /** @type {unknown} */ value) => {
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value)) return;
    seen.add(value);
    watched.push([name, value, describe(value)]);
  };
  for (const name of SAFE_GLOBALS) {
    const value = /** @type {any} */ (globalThis)[name];
    add(name, value);
    if (typeof value === "function") add(`${name}.prototype`, value.prototype);
  }
  add("Function.prototype", Function.prototype);
  add("Object.prototype", Object.prototype);
  add("%TypedArray%", Object.getPrototypeOf(Uint8Array));
  add("%TypedArray%.prototype", Object.getPrototypeOf(Uint8Array.prototype));
  add("%IteratorPrototype%", Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  return () => {
    for (const [name, target, before] of watched) {
      const now = describe(target);
      if (now.length !== before.length || now.some((part, i) => !Object.is(part, before[i]))) return `the program changed ${name}`;
    }
    return "";
  };
}
