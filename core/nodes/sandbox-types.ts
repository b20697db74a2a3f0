/**
 * The code sandbox as nodes and scorers see it: run one untrusted program, get its status and
 * output. The implementation (isolated workers with limits) lives in core/eval/sandbox; this
 * seam sits in nodes so architectures can execute code without importing the layer above.
 */

export const SANDBOX_LANGUAGES = ["python", "javascript"] as const;
export type SandboxLanguage = (typeof SANDBOX_LANGUAGES)[number];

/** How an execution ended: `ok` whatever the exit code; the limits each have their own status. */
export const SANDBOX_STATUSES = ["ok", "error", "timeout", "memory-limit", "output-limit"] as const;
export type SandboxStatus = (typeof SANDBOX_STATUSES)[number];

export interface SandboxRequest {
  language: SandboxLanguage;
  /** The whole program text. */
  code: string;
  /** What the program reads from standard input. @default "" */
  stdin?: string;
  /** Wall-time limit; the worker is killed when it passes. @default 10000 */
  timeoutMs?: number;
  /** Memory limit of the program. @default 256 */
  memoryMb?: number;
  /** Cap on stdout + stderr bytes; more ends the execution with `output-limit`. @default 1048576 */
  outputLimitBytes?: number;
}

/** The result, also what `itasca sandbox` prints as JSON. */
export interface SandboxResult {
  status: SandboxStatus;
  /** The program's exit code: 0 when it ran to the end, 1 on an uncaught error, the code passed to exit(). */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Wall time of the execution, excluding waiting for a free worker. */
  ms: number;
}

/** Runs untrusted code in isolation; one execution never sees another's state. */
export interface CodeSandbox {
  run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult>;
}
