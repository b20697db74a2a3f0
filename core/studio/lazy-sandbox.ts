/**
 * The studio's code sandbox, made on its first execution: a designer session that never runs
 * code never starts a Pyodide or QuickJS worker. One instance serves the engine (executed unit
 * tests, program verification) and the evaluations' scorers; `close()` ends its workers.
 */
import type { CodeSandbox, SandboxRequest, SandboxResult } from "../nodes/sandbox-types";

/** A sandbox that can be shut down (core/eval/sandbox's `createSandbox()` returns one). */
export type ClosableSandbox = CodeSandbox & { close(): void | Promise<void> };

export class LazySandbox implements CodeSandbox {
  private real: Promise<ClosableSandbox> | undefined;
  private closed = false;

  /** @param create makes the real sandbox; called once, on the first `run`. */
  constructor(private readonly create: () => ClosableSandbox | Promise<ClosableSandbox>) {}

  /** Whether the real sandbox was made (for tests and the shutdown). */
  get started(): boolean {
    return this.real !== undefined;
  }

  async run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult> {
    if (this.closed) throw new Error("the code sandbox is closed: the studio is shutting down");
    this.real ??= Promise.resolve().then(this.create);
    const sandbox = await this.real;
    return sandbox.run(request, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.real === undefined) return;
    const sandbox = await this.real.catch(() => undefined);
    await sandbox?.close();
  }
}
