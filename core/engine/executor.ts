/**
 * The engine: long-lived (one per CLI invocation, Electron main or web studio), holding the
 * providers, the shared limiters and the cache; `start()` runs an architecture on one query.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { EMPTY_USAGE, type CallRecord, type RunEvent, type RunResult, type Budget } from "../api/run-types";
import type { Diagnostic } from "../graph/diagnostics";
import type { Query } from "../graph/ports";
import type { Architecture } from "../graph/schema";
import type { CodeSandbox } from "../nodes/sandbox-types";
import { getNodeDefinition } from "../nodes/registry";
import { ModelRegistry } from "../providers/models";
import type { ProviderResolver } from "../providers/types";
import { isRunnable, validateArchitecture, type CheckedArchitecture, type ValidationResult } from "../validation/validate";
import { BudgetTracker } from "./budget";
import { MemoryCallCache, type CallCache } from "./cache";
import { cancelReason, EngineError, toErrorInfo } from "./errors";
import { RunEventStream } from "./events";
import { LimiterPool } from "./limiter-pool";
import { planNodes } from "./readiness";
import type { RetryPolicy } from "./retry";
import { executePlan } from "./scheduler";

/** Persistence hooks; the SQLite store implements them so completed calls survive a crash. */
export interface RunRecorder {
  runStarted(run: { runId: string; name: string; query: Query; architecture: Architecture; startedAt: number }): void;
  callCompleted(runId: string, call: CallRecord): void;
  runEnded(result: RunResult): void;
}

export interface EngineOptions {
  /** Resolves the provider for a model entry. */
  providers: ProviderResolver;
  /** @default the built-in registry (the embedded `local/stories260k`) */
  models?: ModelRegistry;
  /** @default an in-memory cache */
  cache?: CallCache;
  /** @default none: runs are not persisted */
  recorder?: RunRecorder;
  /** Calls in flight at once across all models and runs. @default 16 */
  maxConcurrency?: number;
  /** Minimum interval between `node.partial` events of one call. @default 100 */
  partialIntervalMs?: number;
  /** Code sandbox for executed unit tests. @default none */
  sandbox?: CodeSandbox;
  /** Retry and timeout policy of provider calls. @default DEFAULT_RETRY_POLICY (4 retries, 300 s per attempt) */
  retryPolicy?: Partial<RetryPolicy>;
  /**
   * The window, in milliseconds, that model entries' `rpm` and `tpm` count over. Hosts keep the
   * default; tests shorten it to see the limits act in seconds.
   * @default 60000 (one minute)
   */
  rateWindowMs?: number;
}

export interface RunOptions {
  /** Per-query budget, checked before every call. @default no limits */
  budget?: Budget;
  /** Cancels the run when aborted. */
  signal?: AbortSignal;
  /** @default a random id */
  runId?: string;
}

export interface RunHandle {
  readonly runId: string;
  /** Settles when the run ends, whatever the outcome; never rejects. */
  readonly result: Promise<RunResult>;
  on: RunEventStream["on"];
  /** All events from the start of the run, then live ones until it ends. */
  [Symbol.asyncIterator](): AsyncGenerator<RunEvent>;
  events(): readonly RunEvent[];
  cancel(reason?: string): void;
}

export class ValidationFailedError extends EngineError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super("validation-failed", `the architecture is invalid: ${diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("; ")}`);
  }
}

export class Engine {
  readonly models: ModelRegistry;
  private readonly cache: CallCache;
  private readonly limiters: LimiterPool;
  /** Calls in flight by cache key, shared by all runs (see CallRunnerDeps.inFlight). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly options: EngineOptions) {
    this.models = options.models ?? new ModelRegistry();
    this.cache = options.cache ?? new MemoryCallCache();
    this.limiters = new LimiterPool(options.maxConcurrency ?? 16, options.rateWindowMs);
  }

  validate(input: unknown, file?: string): ValidationResult {
    return validateArchitecture(input, { knownModels: (id) => this.models.has(id), ...(file ? { file } : {}) });
  }

  /**
   * Validates unchecked input (JSON text or a parsed document) against this engine's registry:
   * the architecture to {@link start}, or `ValidationFailedError` with the diagnostics.
   */
  check(input: unknown, file?: string): CheckedArchitecture {
    const validation = this.validate(input, file);
    if (!isRunnable(validation)) throw new ValidationFailedError(validation.diagnostics);
    return validation.architecture;
  }

  /** Starts a run of an architecture validated once, by {@link check} or `isRunnable`. */
  start(checked: CheckedArchitecture, query: Query, options: RunOptions = {}): RunHandle {
    const runId = options.runId ?? `run-${randomUUID()}`;
    const events = new RunEventStream(runId);
    const controller = new AbortController();
    // Every queued and in-flight call listens on the run's signal: hundreds are normal.
    setMaxListeners(0, controller.signal);
    const abortFromCaller = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) controller.abort(options.signal.reason);
    else options.signal?.addEventListener("abort", abortFromCaller, { once: true });

    const recorder = this.options.recorder;
    const startedAt = Date.now();
    const result = (async (): Promise<RunResult> => {
      await Promise.resolve(); // let the caller attach listeners before the first event
      recorder?.runStarted({ runId, name: checked.name, query, architecture: checked, startedAt });
      events.emit("run.started", { name: checked.name, nodeIds: checked.nodes.map((n) => n.id), query });
      let runResult: RunResult;
      try {
        runResult = await executePlan({
          runId,
          name: checked.name,
          plan: planNodes(checked, getNodeDefinition),
          query,
          events,
          signal: controller.signal,
          callDeps: {
            models: this.models,
            providers: this.options.providers,
            cache: this.cache,
            limiters: this.limiters,
            inFlight: this.inFlight,
            budget: new BudgetTracker(options.budget),
            partialIntervalMs: this.options.partialIntervalMs ?? 100,
            ...(this.options.retryPolicy ? { retryPolicy: this.options.retryPolicy } : {}),
          },
          onCall: (call) => recorder?.callCompleted(runId, call),
          ...(this.options.sandbox ? { sandbox: this.options.sandbox } : {}),
        });
      } catch (error) {
        // A scheduler bug must still end the run with an event, never hang a listener.
        runResult = { runId, name: checked.name, status: "failed", usage: { ...EMPTY_USAGE }, nodes: [], trace: [], startedAt, ms: Date.now() - startedAt, error: toErrorInfo(error) };
      } finally {
        options.signal?.removeEventListener("abort", abortFromCaller);
      }
      recorder?.runEnded(runResult);
      emitTerminal(events, runResult, controller.signal);
      return runResult;
    })();

    return {
      runId,
      result,
      on: events.on.bind(events) as RunEventStream["on"],
      [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](),
      events: () => events.events(),
      cancel: (reason = "cancelled by the user") => controller.abort(new EngineError("cancelled", reason)),
    };
  }
}

function emitTerminal(events: RunEventStream, result: RunResult, signal: AbortSignal): void {
  if (result.status === "cancelled") {
    events.emit("run.cancelled", { reason: cancelReason(signal), result });
  } else if (result.status === "completed") {
    events.emit("run.completed", { answer: result.answer, result });
  } else {
    const error = result.error ?? { code: result.status === "budget-exceeded" ? "budget-exceeded" : "internal", message: result.status === "budget-exceeded" ? "the run stopped: budget exceeded" : "the run failed" };
    events.emit("run.failed", { error, result });
  }
}
