/**
 * The warm pool of one language: up to `poolSize` workers, started on the first execution and
 * replaced as soon as one retires (after a tainting or failed execution, N executions, or too
 * much memory), so a warm one is ready for the next program.
 */
import type { SandboxLanguage, SandboxResult } from "../../nodes/sandbox-types";
import type { ResolvedSandboxOptions, WorkerRequest } from "./options";
import { workerCommand } from "./worker-command";
import { SandboxWorker } from "./worker-process";

interface Waiter {
  resolve: (worker: SandboxWorker) => void;
  reject: (error: Error) => void;
}

const MIB = 1024 * 1024;

export class WorkerPool {
  private readonly workers = new Set<SandboxWorker>();
  private readonly idle: SandboxWorker[] = [];
  private readonly waiters: Waiter[] = [];
  /** Workers near recycleAfter, each with a successor starting so the swap leaves no gap. */
  private readonly aging = new Set<SandboxWorker>();
  private closed = false;
  /** Set once the pool has been used: from then on a retired worker is replaced at once. */
  private warm = false;

  constructor(
    readonly language: SandboxLanguage,
    private readonly options: ResolvedSandboxOptions,
  ) {}

  /** Workers started and retired so far (for tests and the bench). */
  readonly stats = { started: 0, retired: 0 };

  /** Workers running or starting now. */
  get size(): number {
    return this.workers.size;
  }

  async run(request: WorkerRequest, signal?: AbortSignal): Promise<SandboxResult> {
    signal?.throwIfAborted();
    const worker = await this.acquire(request, signal);
    const onAbort = () => worker.abort("the execution was cancelled");
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const { result, retire } = await worker.run(request);
      this.release(worker, retire);
      signal?.throwIfAborted();
      return result;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error(`the ${this.language} sandbox was closed`);
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    for (const worker of this.workers) worker.abort("the sandbox was closed");
    this.workers.clear();
    this.aging.clear();
    this.idle.length = 0;
  }

  private acquire(request: WorkerRequest, signal?: AbortSignal): Promise<SandboxWorker> {
    if (this.closed) return Promise.reject(new Error(`the ${this.language} sandbox is closed`));
    this.warm = true;
    while (this.idle.length > 0) {
      const worker = this.idle.pop()!;
      if (!worker.alive) continue;
      // A worker whose memory already exceeds this request's limit would not enforce it.
      if (worker.executions > 0 && worker.memoryBytes > request.memoryMb * MIB) {
        this.retire(worker);
        continue;
      }
      return Promise.resolve(worker);
    }
    return new Promise<SandboxWorker>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.waiters.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason instanceof Error ? signal.reason : new Error("the execution was cancelled"));
        },
        { once: true },
      );
      this.fill();
    });
  }

  /** Starts workers until the pool is full (or there are enough for the waiters). */
  private fill(): void {
    while (!this.closed && this.workers.size < this.options.poolSize + this.aging.size && (this.warm || this.waiters.length > 0)) {
      const worker = new SandboxWorker(workerCommand(this.language, this.options.workerHeapMb), this.options.startTimeoutMs, (dead) => this.onWorkerExit(dead));
      this.workers.add(worker);
      this.stats.started += 1;
      worker.ready.then(
        () => this.offer(worker),
        (error: Error) => {
          this.workers.delete(worker);
          worker.kill();
          // A worker that cannot start fails every waiter now rather than leaving them hanging.
          for (const waiter of this.waiters.splice(0)) waiter.reject(error);
          this.warm = false;
        },
      );
    }
  }

  private offer(worker: SandboxWorker): void {
    if (!worker.alive || this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(worker);
    else this.idle.push(worker);
  }

  private release(worker: SandboxWorker, retire: string): void {
    const tooOld = worker.executions >= this.options.recycleAfter;
    const tooBig = this.language === "python" && worker.memoryBytes > this.options.recycleMemoryBytes;
    if (retire || tooOld || tooBig || !worker.alive) {
      this.retire(worker);
      return;
    }
    // A quarter of the way from the end, start its successor: Pyodide takes seconds to load.
    if (worker.executions >= this.options.recycleAfter - Math.ceil(this.options.recycleAfter / 4) && !this.aging.has(worker)) {
      this.aging.add(worker);
      this.fill();
    }
    this.offer(worker);
  }

  private retire(worker: SandboxWorker): void {
    if (!this.workers.delete(worker)) return;
    this.stats.retired += 1;
    this.aging.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    worker.kill();
    this.fill();
  }

  private onWorkerExit(worker: SandboxWorker): void {
    if (!this.workers.has(worker)) return;
    this.retire(worker);
  }
}
