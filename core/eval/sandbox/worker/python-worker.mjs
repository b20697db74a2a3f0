// @ts-check
/* global performance, TextEncoder, WebAssembly */
/**
 * The Python sandbox worker: one Pyodide interpreter in a locked-down Node process, running one
 * program at a time for the parent (core/eval/sandbox/worker-process.ts).
 *
 * Start-up order matters: the permission flags are on from the first line (set by the parent);
 * then the memory hook and the import lock are installed, pyodide loads, its API object loses
 * what reaches the host (file-system mounts, sockets, module loading), globalThis loses
 * everything Node-specific, imports are locked, and only then the first program runs.
 * argv[2] is the JSON config from the parent: { pyodideUrl, pyodideDir, harnessPath }.
 */
import fs from "node:fs";
import { installImportLock } from "./import-lock.mjs";
import { FRAME, OutputSink, lockDownGlobals, proc, schedule, sendMessage, serveRequests, shimProcessBinding, watchIntrinsics } from "./lockdown.mjs";

const MIB = 1024 * 1024;
const config = JSON.parse(proc.argv[2] ?? "{}");
const bootStarted = performance.now();

shimProcessBinding();
const lockImports = await installImportLock();

// The memory limit: growth of a WebAssembly memory past the execution's limit fails, so
// Python's allocator gets NULL and raises MemoryError; the flag turns the result into
// `memory-limit` whatever the program then does with the MemoryError.
const memory = { limit: Number.POSITIVE_INFINITY, exceeded: false };
const realGrow = WebAssembly.Memory.prototype.grow;
Object.defineProperty(WebAssembly.Memory.prototype, "grow", {
  value: function grow(/** @type {number} */ delta) {
    if (this.buffer.byteLength + delta * 65536 > memory.limit) {
      memory.exceeded = true;
      throw new RangeError("the sandbox memory limit was reached");
    }
    return realGrow.call(this, delta);
  },
  writable: false,
  configurable: false,
});

const { loadPyodide } = await import(config.pyodideUrl);
/** @type {Record<string, unknown>} */
const jsGlobals = Object.create(null);
/** @type {number | undefined} */
let exitedWith;
const pyodide = await loadPyodide({
  indexURL: config.pyodideDir,
  env: { HOME: "/home/pyodide" },
  jsglobals: jsGlobals,
  args: [],
  stdout: () => {},
  stderr: () => {},
});
const module = pyodide._module;
const FS = pyodide.FS;
// os._exit() ends the emscripten runtime: remember the code, the worker is recycled.
module.onExit = (/** @type {number} */ code) => {
  exitedWith = code;
};

/** @type {OutputSink | undefined} */
let sink;
/** @type {Uint8Array} */
let stdinBytes = new Uint8Array(0);
let stdinOffset = 0;
const encoder = new TextEncoder();

/** @param {number} stream */
const writer = (stream) => ({
  write(/** @type {Uint8Array} */ bytes) {
    if (sink && !sink.write(stream, bytes)) throw new Error("output limit reached");
    return bytes.length;
  },
  isatty: false,
});
pyodide.setStdout(writer(FRAME.stdout));
pyodide.setStderr(writer(FRAME.stderr));
pyodide.setStdin({
  read(/** @type {Uint8Array} */ buffer) {
    const n = Math.min(buffer.length, stdinBytes.length - stdinOffset);
    buffer.set(stdinBytes.subarray(stdinOffset, stdinOffset + n));
    stdinOffset += n;
    return n;
  },
  isatty: false,
});

// In-memory files: the program's new files are removed after it; files are capped with the memory.
const MEMFS = FS.filesystems.MEMFS;
const realExpand = MEMFS.expandFileStorage;
let fileBytesThisRun = 0;
MEMFS.expandFileStorage = function expandFileStorage(/** @type {any} */ node, /** @type {number} */ capacity) {
  const before = node.contents ? node.contents.length : 0;
  if (capacity > before) {
    const grown = fileBytesThisRun + (capacity - before);
    if (module.HEAP8.buffer.byteLength + grown > memory.limit) {
      memory.exceeded = true;
      throw new FS.ErrnoError(module.ERRNO_CODES.ENOSPC);
    }
  }
  const result = realExpand.call(this, node, capacity);
  fileBytesThisRun += Math.max(0, (node.contents ? node.contents.length : 0) - before);
  return result;
};

const SKIP = new Set(["/dev", "/proc"]);
/** @returns {Map<string, string>} path -> identity (inode, mode, size, mtime) */
function fileTree() {
  /** @type {Map<string, string>} */
  const tree = new Map();
  /** @param {string} dir */
  const walk = (dir) => {
    for (const name of FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
      if (SKIP.has(path)) continue;
      const stat = FS.lstat(path);
      tree.set(path, `${stat.ino}:${stat.mode}:${stat.size}:${+stat.mtime}`);
      if (FS.isDir(stat.mode)) walk(path);
    }
  };
  walk("/");
  return tree;
}

/**
 * Removes the files and folders the program created; returns a reason to recycle when it
 * changed or removed files that were there before (or created too many to clean).
 * @param {Map<string, string>} before
 */
function restoreFiles(before) {
  let after;
  try {
    after = fileTree();
  } catch (error) {
    return `the file system could not be read back: ${error}`;
  }
  const created = [];
  for (const [path, identity] of after) {
    const old = before.get(path);
    if (old === undefined) created.push(path);
    else if (old !== identity && !FS.isDir(FS.lstat(path).mode)) return `the program changed ${path}`;
  }
  for (const path of before.keys()) if (!after.has(path)) return `the program removed ${path}`;
  if (created.length > 10000) return `the program created ${created.length} files`;
  created.sort((a, b) => b.length - a.length);
  for (const path of created) {
    try {
      if (FS.isDir(FS.lstat(path).mode)) FS.rmdir(path);
      else FS.unlink(path);
    } catch (error) {
      return `could not remove ${path}: ${error}`;
    }
  }
  return "";
}

// The harness (snapshot, audit hook, restore) runs in its own globals dict, not __main__'s.
const harnessSource = fs.readFileSync(config.harnessPath, "utf8");
const harnessGlobals = pyodide.toPy({});
const [prepare, trampoline, enterFinish, finish, restore] = pyodide.runPython(harnessSource, { globals: harnessGlobals, filename: "sandbox_harness.py" }).toJs({ depth: 1 });
harnessGlobals.destroy();

// Strip pyodide's API object: mounting host folders, the socket layer, loading packages and
// scripts, and the raw module and API objects. The worker keeps its own references above.
for (const name of ["mountNodeFS", "mountNativeFS", "useNodeSockFS", "loadPackage", "loadPackagesFromImports", "registerJsModule", "unregisterJsModule", "setStdin", "setStdout", "setStderr", "setInterruptBuffer", "makeMemorySnapshot", "_module", "_api", "FS", "PATH", "pyimport", "runPythonAsync"]) {
  try {
    delete pyodide[name];
  } catch {
    // a getter-only property of the class: shadow it
    Object.defineProperty(pyodide, name, { value: undefined, configurable: false, writable: false });
  }
}
delete FS.filesystems.NODEFS;
delete FS.filesystems.NODESOCKFS;

Object.assign(jsGlobals, lockDownGlobals());
for (const name of ["WebAssembly", "SharedArrayBuffer", "Atomics", "ArrayBuffer", "setImmediate", "clearImmediate", "performance"]) delete jsGlobals[name];
await lockImports();

const filesAtStart = fileTree();
const intrinsicsChanged = watchIntrinsics(jsGlobals);

/**
 * The code of an emscripten exit (os._exit()), or undefined for any other error.
 * @param {unknown} caught
 */
function exitStatusOf(caught) {
  const status = /** @type {{ status?: unknown }} */ (caught)?.status;
  if (typeof status === "number") return status;
  const match = /Program terminated with exit\((-?\d+)\)/.exec(String(/** @type {Error} */ (caught)?.message ?? caught));
  return match ? Number(match[1]) : undefined;
}

/**
 * @param {{ id: number, code: string, stdin?: string, memoryMb: number, outputLimitBytes: number }} request
 */
async function handle(request) {
  const started = performance.now();
  let overflowed = false;
  sink = new OutputSink(request.outputLimitBytes, () => {
    overflowed = true;
    sendMessage({ type: "result", id: request.id, status: "output-limit", exitCode: 1, memoryBytes: module.HEAP8.buffer.byteLength, recycle: "the output limit was passed mid-program" });
  });
  stdinBytes = encoder.encode(request.stdin ?? "");
  stdinOffset = 0;
  memory.limit = request.memoryMb * MIB;
  memory.exceeded = false;
  fileBytesThisRun = 0;
  exitedWith = undefined;

  let exitCode = 1;
  let fatal = "";
  let recycle = "";
  /** @type {any} */
  let globals;
  /** @type {any} */
  let streams;
  /** @type {any} */
  let error;
  schedule.begin();
  try {
    [globals, streams] = prepare(request.code).toJs({ depth: 1 });
    error = trampoline(request.code, globals, "main.py");
    enterFinish();
    exitCode = finish(error, streams);
  } catch (caught) {
    // A JavaScript error out of the interpreter: pyodide's fatal error (a C stack overflow, a
    // refused host call) or the emscripten exit of os._exit(). The interpreter is not usable.
    const exitStatus = exitStatusOf(caught) ?? exitedWith;
    if (typeof exitStatus === "number") exitCode = exitStatus & 0xff;
    else fatal = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    recycle = typeof exitStatus === "number" ? "the program called os._exit()" : "the interpreter stopped with a fatal error";
  }
  schedule.end();
  if (overflowed) return;
  await schedule.drain();
  if (!recycle) {
    try {
      recycle = restore(globals);
    } catch (caught) {
      recycle = `resetting the interpreter failed: ${caught}`;
    }
  }
  for (const proxy of [globals, streams, error]) if (proxy && typeof proxy.destroy === "function") proxy.destroy();
  if (!recycle) recycle = restoreFiles(filesAtStart);
  if (!recycle) recycle = intrinsicsChanged();
  memory.limit = Number.POSITIVE_INFINITY;
  if (fatal) sink.write(FRAME.stderr, encoder.encode(`${sink.total > 0 ? "\n" : ""}sandbox: ${fatal}\n`));
  sink.flush();
  const status = memory.exceeded ? "memory-limit" : fatal ? "error" : "ok";
  if (memory.exceeded && !recycle) recycle = "the program reached the memory limit";
  sendMessage({ type: "result", id: request.id, status, exitCode, memoryBytes: module.HEAP8.buffer.byteLength, workerMs: performance.now() - started, recycle });
}

sendMessage({ type: "ready", language: "python", memoryBytes: module.HEAP8.buffer.byteLength, bootMs: performance.now() - bootStarted });
serveRequests(handle);
