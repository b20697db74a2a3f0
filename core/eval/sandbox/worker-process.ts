/**
 * One sandbox worker: a locked-down Node child process running Pyodide or QuickJS, one
 * execution at a time. The wall-time limit is enforced here, by killing the process: the worker
 * is never asked to stop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import type { SandboxResult, SandboxStatus } from "../../nodes/sandbox-types";
import { FRAME, FrameReader } from "./frames";
import type { WorkerRequest } from "./options";
import type { WorkerCommand } from "./worker-command";

/** Exit code reported for a program the sandbox killed (timeout, output limit): 128 + SIGKILL. */
export const KILLED_EXIT_CODE = 137;
const STDERR_TAIL_BYTES = 4096;

/** What one execution produced, and whether the worker must be replaced after it. */
export interface Execution {
  result: SandboxResult;
  /** Why this worker may not run another program (empty when it may). */
  retire: string;
}

interface ResultMessage {
  type: "result";
  id: number;
  status: SandboxStatus;
  exitCode: number;
  memoryBytes: number;
  recycle: string;
}

interface Pending {
  id: number;
  started: number;
  stdout: Buffer[];
  stderr: Buffer[];
  timer: NodeJS.Timeout;
  settle: (execution: Execution) => void;
}

let nextWorkerId = 1;

export class SandboxWorker {
  readonly id = nextWorkerId++;
  readonly ready: Promise<void>;
  executions = 0;
  /** The worker's WebAssembly memory after its last execution (Python), in bytes. */
  memoryBytes = 0;
  private readonly child: ChildProcess;
  private readonly reader = new FrameReader();
  private pending: Pending | undefined;
  private nextRequestId = 1;
  private exited = false;
  private stderrTail = "";
  private onReady!: () => void;
  private onStartFailure!: (error: Error) => void;

  constructor(
    readonly command: WorkerCommand,
    startTimeoutMs: number,
    private readonly onExit: (worker: SandboxWorker) => void,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.onReady = resolve;
      this.onStartFailure = reject;
    });
    // Nothing waits on `ready` until the first execution; a failed start is reported there.
    this.ready.catch(() => {});
    this.child = spawn(command.executable, command.args, { env: command.env, stdio: ["pipe", "ignore", "pipe", "pipe"], windowsHide: true });
    const startTimer = setTimeout(() => {
      this.onStartFailure(new Error(`sandbox ${command.language} worker ${this.id} did not start within ${startTimeoutMs} ms${this.tail()}`));
      this.kill();
    }, startTimeoutMs);
    this.ready.then(
      () => clearTimeout(startTimer),
      () => clearTimeout(startTimer),
    );
    (this.child.stdio[3] as Readable).on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL_BYTES);
    });
    // Writing to a worker that just died: its exit is handled below.
    (this.child.stdin as Writable).on("error", () => {});
    this.child.on("error", (error) => this.onStartFailure(new Error(`sandbox ${command.language} worker could not start: ${error.message}`)));
    this.child.on("exit", (code, signal) => this.handleExit(code, signal));
    this.setRef(false);
  }

  get alive(): boolean {
    return !this.exited;
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Runs one program. Never rejects: a dead or killed worker gives a result too. */
  run(request: WorkerRequest): Promise<Execution> {
    if (this.pending) throw new Error(`sandbox worker ${this.id} is busy`);
    if (this.exited) {
      const result = { status: "error" as const, exitCode: KILLED_EXIT_CODE, stdout: "", stderr: `sandbox: the worker had exited${this.tail()}\n`, ms: 0 };
      return Promise.resolve({ result, retire: "the worker had exited" });
    }
    const id = this.nextRequestId++;
    this.executions += 1;
    this.setRef(true);
    return new Promise<Execution>((resolve) => {
      const timer = setTimeout(() => {
        this.finish(this.killedResult("timeout"), `the program ran past its ${request.timeoutMs} ms limit`);
        this.kill();
      }, request.timeoutMs);
      this.pending = { id, started: performance.now(), stdout: [], stderr: [], timer, settle: resolve };
      const line = JSON.stringify({ id, code: request.code, stdin: request.stdin, memoryMb: request.memoryMb, outputLimitBytes: request.outputLimitBytes });
      (this.child.stdin as Writable).write(`${line}\n`);
    });
  }

  /** Ends the execution in progress (if any) as aborted and kills the process. */
  abort(reason: string): void {
    if (this.pending) this.finish(this.killedResult("error", `sandbox: ${reason}\n`), reason);
    this.kill();
  }

  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  private setRef(on: boolean): void {
    // An idle worker must not keep its parent alive; a busy one must.
    const handles = [this.child, this.child.stdin, this.child.stderr, this.child.stdio[3]] as unknown as Array<{ ref?: () => void; unref?: () => void } | null>;
    for (const handle of handles) (on ? handle?.ref : handle?.unref)?.call(handle);
  }

  private onData(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      if (frame.type === FRAME.stdout) this.pending?.stdout.push(Buffer.from(frame.payload));
      else if (frame.type === FRAME.stderr) this.pending?.stderr.push(Buffer.from(frame.payload));
      else if (frame.type === FRAME.message) this.onMessage(JSON.parse(frame.payload.toString("utf8")) as { type: string });
    }
  }

  private onMessage(message: { type: string; memoryBytes?: number }): void {
    if (message.type === "ready") {
      this.memoryBytes = message.memoryBytes ?? 0;
      this.onReady();
      return;
    }
    if (message.type !== "result") return;
    const result = message as ResultMessage;
    const pending = this.pending;
    if (!pending || pending.id !== result.id) return;
    this.memoryBytes = result.memoryBytes ?? 0;
    // Past the output cap a program is stopped (Python: the worker is retired and killed).
    const killed = result.status === "output-limit";
    this.finish(
      {
        status: result.status,
        exitCode: killed ? KILLED_EXIT_CODE : result.exitCode,
        stdout: Buffer.concat(pending.stdout).toString("utf8"),
        stderr: Buffer.concat(pending.stderr).toString("utf8"),
        ms: Math.round(performance.now() - pending.started),
      },
      result.recycle ?? "",
    );
  }

  private killedResult(status: SandboxStatus, extraStderr = ""): SandboxResult {
    const pending = this.pending!;
    return {
      status,
      exitCode: KILLED_EXIT_CODE,
      stdout: Buffer.concat(pending.stdout).toString("utf8"),
      stderr: Buffer.concat(pending.stderr).toString("utf8") + extraStderr,
      ms: Math.round(performance.now() - pending.started),
    };
  }

  private finish(result: SandboxResult, retire: string): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    this.setRef(false);
    pending.settle({ result, retire });
  }

  private tail(): string {
    const text = this.stderrTail.trim();
    return text ? `:\n${text}` : "";
  }

  private handleExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.onStartFailure(new Error(`sandbox ${this.command.language} worker ${this.id} exited while starting (${signal ?? `code ${code}`})${this.tail()}`));
    if (this.pending) {
      // Died mid-program: V8 out of memory (a program that allocated JavaScript objects) or a crash.
      const outOfMemory = /heap out of memory|Allocation failed|out of memory/i.test(this.stderrTail);
      const why = outOfMemory ? "the worker ran out of memory" : `the worker exited (${signal ?? `code ${code}`})`;
      const result = this.killedResult(outOfMemory ? "memory-limit" : "error", `sandbox: ${why}${outOfMemory ? "" : this.tail()}\n`);
      this.finish(result, why);
    }
    this.onExit(this);
  }
}
