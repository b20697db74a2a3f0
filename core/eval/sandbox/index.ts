/**
 * The code sandbox: untrusted Python (Pyodide) and JavaScript (QuickJS) programs, each run in a
 * warm pool of locked-down worker processes with a wall-time limit (the worker is killed), a
 * memory limit and an output cap. See README "Code sandbox" and worker/*.mjs for what a program
 * can and cannot reach.
 */
import type { CodeSandbox, SandboxLanguage, SandboxRequest, SandboxResult } from "../../nodes/sandbox-types";
import { normalizeRequest, resolveOptions, type SandboxOptions } from "./options";
import { WorkerPool } from "./pool";

export type { SandboxLimits, SandboxOptions } from "./options";
export { DEFAULT_LIMITS } from "./options";
export { KILLED_EXIT_CODE } from "./worker-process";
export type { CodeSandbox, SandboxLanguage, SandboxRequest, SandboxResult, SandboxStatus } from "../../nodes/sandbox-types";

export interface Sandbox extends CodeSandbox {
  /** Stops every worker; runs in progress end with status "error", later runs are refused. */
  close(): Promise<void>;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const resolved = resolveOptions(options);
  const pools = new Map<SandboxLanguage, WorkerPool>();
  let closed = false;
  const pool = (language: SandboxLanguage): WorkerPool => {
    let existing = pools.get(language);
    if (!existing) {
      existing = new WorkerPool(language, resolved);
      pools.set(language, existing);
    }
    return existing;
  };
  return {
    async run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult> {
      if (closed) throw new Error("the sandbox is closed");
      const normalized = normalizeRequest(request, resolved.defaults);
      return pool(normalized.language).run(normalized, signal);
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...pools.values()].map((p) => p.close()));
    },
  };
}
