// @ts-check
/* global performance, TextEncoder */
/**
 * The JavaScript sandbox worker: QuickJS compiled to WebAssembly, in a locked-down Node process.
 * A program runs in a new QuickJS runtime and context, which see none of Node: their only
 * globals are the ECMAScript built-ins and the few functions below. The runtime is disposed
 * after each execution, so nothing of one program survives into the next.
 *
 * A program's I/O: console.log/info/debug and print() write stdout, console.error/warn write
 * stderr; readline() returns the next line of stdin (null at the end), readStdin() the rest of
 * it; exit(code) ends the program. An uncaught error prints "Uncaught <error>" and exits 1.
 * argv[2] is the JSON config from the parent: { coreUrl, variantUrl }.
 */
import { installImportLock } from "./import-lock.mjs";
import { FRAME, OutputSink, lockDownGlobals, proc, sendMessage, serveRequests, shimProcessBinding } from "./lockdown.mjs";

const MIB = 1024 * 1024;
const config = JSON.parse(proc.argv[2] ?? "{}");
const bootStarted = performance.now();

shimProcessBinding();
const lockImports = await installImportLock();
const core = await import(config.coreUrl);
const variant = (await import(config.variantUrl)).default;
const QuickJS = await core.newQuickJSWASMModuleFromVariant(variant);
lockDownGlobals();
await lockImports();

const encoder = new TextEncoder();
const EXIT = Symbol("exit");

// Formats console arguments inside QuickJS, so host code never walks a program's objects.
const PRELUDE = `(function (write, readline, readStdin, exit) {
  "use strict";
  const show = (value, depth) => {
    if (typeof value === "string") return depth === 0 ? value : JSON.stringify(value);
    if (typeof value === "function") return "[Function" + (value.name ? ": " + value.name : " (anonymous)") + "]";
    if (typeof value === "bigint") return value + "n";
    if (typeof value === "symbol" || value === undefined || value === null || typeof value !== "object") return String(value);
    if (value instanceof Error) return value.stack ? value.name + ": " + value.message + "\\n" + value.stack.trimEnd() : String(value);
    if (depth > 2) return Array.isArray(value) ? "[Array]" : "[Object]";
    try {
      if (Array.isArray(value)) return "[ " + value.map((v) => show(v, depth + 1)).join(", ") + " ]";
      if (value instanceof Map) return "Map(" + value.size + ") { " + [...value].map(([k, v]) => show(k, depth + 1) + " => " + show(v, depth + 1)).join(", ") + " }";
      if (value instanceof Set) return "Set(" + value.size + ") { " + [...value].map((v) => show(v, depth + 1)).join(", ") + " }";
      const keys = Object.keys(value);
      return keys.length === 0 ? "{}" : "{ " + keys.map((k) => k + ": " + show(value[k], depth + 1)).join(", ") + " }";
    } catch (error) {
      return String(value);
    }
  };
  const line = (args) => args.map((a) => show(a, 0)).join(" ") + "\\n";
  const out = (...args) => write(1, line(args));
  const err = (...args) => write(2, line(args));
  globalThis.console = { log: out, info: out, debug: out, error: err, warn: err, trace: err };
  globalThis.print = out;
  globalThis.readline = readline;
  globalThis.readStdin = readStdin;
  globalThis.exit = exit;
})`;

/** A stack trace cut to its first lines (a recursion bomb's has thousands of identical ones). @param {string} stack */
function shortStack(stack) {
  const lines = stack.trimEnd().split("\n");
  return lines.length <= 20 ? lines.join("\n") : [...lines.slice(0, 20), `    ... ${lines.length - 20} more frames`].join("\n");
}

/**
 * @param {{ id: number, code: string, stdin?: string, memoryMb: number, outputLimitBytes: number }} request
 */
async function handle(request) {
  const started = performance.now();
  let interrupted = false;
  /** @type {number | undefined} */
  let exitCode;
  let outOfMemory = false;
  const sink = new OutputSink(request.outputLimitBytes, () => {
    interrupted = true;
  });
  const input = request.stdin ?? "";
  let inputOffset = 0;

  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(request.memoryMb * MIB);
  runtime.setMaxStackSize(256 * 1024);
  runtime.setInterruptHandler(() => interrupted);
  const vm = runtime.newContext();
  let status = "ok";
  let recycle = "";
  try {
    const write = vm.newFunction("write", (/** @type {any} */ fd, /** @type {any} */ text) => {
      if (!sink.write(vm.getNumber(fd) === 2 ? FRAME.stderr : FRAME.stdout, encoder.encode(vm.getString(text)))) interrupted = true;
    });
    const readline = vm.newFunction("readline", () => {
      if (inputOffset >= input.length) return vm.null;
      let end = input.indexOf("\n", inputOffset);
      if (end < 0) end = input.length;
      const line = input.slice(inputOffset, end);
      inputOffset = end + 1;
      return vm.newString(line);
    });
    const readStdin = vm.newFunction("readStdin", () => {
      const rest = input.slice(inputOffset);
      inputOffset = input.length;
      return vm.newString(rest);
    });
    const exit = vm.newFunction("exit", (/** @type {any} */ code) => {
      const n = code === undefined ? 0 : vm.getNumber(code);
      exitCode = Number.isInteger(n) ? n & 0xff : 1;
      interrupted = true;
      return { error: vm.newString(EXIT.description ?? "exit") };
    });
    const prelude = vm.unwrapResult(vm.evalCode(PRELUDE, "prelude.js"));
    vm.unwrapResult(vm.callFunction(prelude, vm.undefined, write, readline, readStdin, exit)).dispose();
    for (const handle of [prelude, write, readline, readStdin, exit]) handle.dispose();

    /** @param {any} errorHandle */
    const report = (errorHandle) => {
      const dumped = vm.dump(errorHandle);
      errorHandle.dispose();
      if (exitCode !== undefined) return;
      const text = dumped && typeof dumped === "object" ? `${dumped.name ?? "Error"}: ${dumped.message ?? ""}${dumped.stack ? `\n${shortStack(String(dumped.stack))}` : ""}` : String(dumped);
      if (dumped === null || /out of memory/i.test(text)) outOfMemory = true;
      if (!interrupted) sink.write(FRAME.stderr, encoder.encode(`Uncaught ${text}\n`));
      exitCode = 1;
    };
    const result = vm.evalCode(request.code, "main.js", { type: "global" });
    if (result.error) report(result.error);
    else result.value.dispose();
    // Promise callbacks the program queued run now, to the end (or the limits).
    while (exitCode === undefined && !interrupted && runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs(100);
      if (jobs.error) report(jobs.error);
    }
  } catch (error) {
    status = "error";
    sink.write(FRAME.stderr, encoder.encode(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`));
    exitCode = 1;
  } finally {
    try {
      vm.dispose();
      runtime.dispose();
    } catch (error) {
      // QuickJS aborts when a runtime does not free cleanly: this module is done for.
      recycle = `the QuickJS runtime did not free cleanly: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  sink.flush();
  if (sink.overflowed) status = "output-limit";
  else if (outOfMemory) status = "memory-limit";
  sendMessage({ type: "result", id: request.id, status, exitCode: exitCode ?? 0, memoryBytes: 0, workerMs: performance.now() - started, recycle: recycle || (status === "error" ? "the QuickJS runtime failed" : "") });
}

sendMessage({ type: "ready", language: "javascript", memoryBytes: 0, bootMs: performance.now() - bootStarted });
serveRequests(handle);
