/**
 * The options of `createSandbox`, their defaults, and the limits applied to one request.
 */
import { availableParallelism } from "node:os";
import type { SandboxLanguage, SandboxRequest } from "../../nodes/sandbox-types";

export interface SandboxLimits {
  /** Wall-time limit of one execution; past it the worker is killed. @default 10000 */
  timeoutMs?: number;
  /** Memory limit of one execution (Python: the interpreter's WebAssembly memory and in-memory files; JavaScript: the QuickJS heap). @default 256 */
  memoryMb?: number;
  /** Cap on stdout + stderr bytes; past it the execution ends with `output-limit`. @default 1048576 */
  outputLimitBytes?: number;
}

export interface SandboxOptions {
  /** Warm workers kept per language (each is one process). @default Math.min(2, os.availableParallelism()) */
  poolSize?: number;
  /**
   * A worker is replaced after this many executions, however clean they were (its successor
   * starts a quarter of the way from the end). Lower is safer against state a reset cannot see,
   * higher is faster: each replacement costs a Pyodide start (about 2.5 s of one core). @default 250
   */
  recycleAfter?: number;
  /** A Python worker whose WebAssembly memory has grown past this many MiB is replaced after its execution. @default 160 */
  recycleMemoryMb?: number;
  /** Limits of requests that do not set their own. */
  defaults?: SandboxLimits;
  /** How long a worker may take to start (Pyodide loads in about 2.5 s). @default 60000 */
  startTimeoutMs?: number;
  /** V8 heap cap of each worker process, in MiB (`--max-old-space-size`). @default 512 */
  workerHeapMb?: number;
}

export const DEFAULT_LIMITS: Required<SandboxLimits> = { timeoutMs: 10_000, memoryMb: 256, outputLimitBytes: 1024 * 1024 };

export interface ResolvedSandboxOptions {
  poolSize: number;
  recycleAfter: number;
  recycleMemoryBytes: number;
  defaults: Required<SandboxLimits>;
  startTimeoutMs: number;
  workerHeapMb: number;
}

function positive(value: number | undefined, name: string, fallback: number, { integer = false } = {}): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`sandbox option ${name} must be a ${integer ? "whole " : ""}number > 0, got ${value}`);
  }
  return value;
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const defaults = options.defaults ?? {};
  return {
    poolSize: positive(options.poolSize, "poolSize", Math.min(2, availableParallelism()), { integer: true }),
    recycleAfter: positive(options.recycleAfter, "recycleAfter", 250, { integer: true }),
    recycleMemoryBytes: positive(options.recycleMemoryMb, "recycleMemoryMb", 160) * 1024 * 1024,
    defaults: {
      timeoutMs: positive(defaults.timeoutMs, "defaults.timeoutMs", DEFAULT_LIMITS.timeoutMs),
      memoryMb: positive(defaults.memoryMb, "defaults.memoryMb", DEFAULT_LIMITS.memoryMb),
      outputLimitBytes: positive(defaults.outputLimitBytes, "defaults.outputLimitBytes", DEFAULT_LIMITS.outputLimitBytes, { integer: true }),
    },
    startTimeoutMs: positive(options.startTimeoutMs, "startTimeoutMs", 60_000),
    workerHeapMb: positive(options.workerHeapMb, "workerHeapMb", 512, { integer: true }),
  };
}

/** A request with every limit filled in, as a worker receives it. */
export interface WorkerRequest {
  language: SandboxLanguage;
  code: string;
  stdin: string;
  timeoutMs: number;
  memoryMb: number;
  outputLimitBytes: number;
}

export function normalizeRequest(request: SandboxRequest, defaults: Required<SandboxLimits>): WorkerRequest {
  if (request.language !== "python" && request.language !== "javascript") {
    throw new TypeError(`sandbox language must be "python" or "javascript", got ${JSON.stringify(request.language)}`);
  }
  if (typeof request.code !== "string") throw new TypeError("sandbox request code must be a string");
  return {
    language: request.language,
    code: request.code,
    stdin: request.stdin ?? "",
    timeoutMs: positive(request.timeoutMs, "timeoutMs", defaults.timeoutMs),
    memoryMb: positive(request.memoryMb, "memoryMb", defaults.memoryMb),
    outputLimitBytes: positive(request.outputLimitBytes, "outputLimitBytes", defaults.outputLimitBytes, { integer: true }),
  };
}
