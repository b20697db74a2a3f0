/**
 * What a run's calls need from the engine and the run, and the one rule of when they may go out.
 */
import type { CallRecord } from "../api/run-types";
import type { ModelRegistry } from "../providers/models";
import type { ProviderResolver } from "../providers/types";
import type { BudgetRefusal, BudgetTracker } from "./budget";
import type { CallCache } from "./cache";
import { EngineError } from "./errors";
import type { RunEventStream } from "./events";
import type { LimiterPool } from "./limiter-pool";
import type { RetryPolicy } from "./retry";

export interface CallRunnerDeps {
  models: ModelRegistry;
  providers: ProviderResolver;
  cache: CallCache;
  /** Calls on their way to a provider, by cache key, across every run of the engine: an identical call waits for one instead of paying again. */
  inFlight: Map<string, Promise<void>>;
  limiters: LimiterPool;
  budget: BudgetTracker;
  events: RunEventStream;
  /** Aborted when the user cancels: in-flight calls are aborted too. */
  signal: AbortSignal;
  /** Set once the run stops issuing calls (budget exceeded or a node failed); in-flight calls finish. */
  stopped: () => string | undefined;
  onBudgetExceeded: (nodeId: string, refusal: BudgetRefusal) => void;
  /** A call failed for good: the run stops issuing calls before the next queued one takes the slot. */
  onCallFailed: () => void;
  /** Receives every completed call, before the node sees the result (the store persists it here). */
  onCall: (record: CallRecord) => void;
  /** Registers a call's promise so the run can wait for everything in flight before it ends. */
  track: (promise: Promise<unknown>) => void;
  nextCallId: () => string;
  partialIntervalMs: number;
  /** Overrides of the retry policy (model entries' `maxRetries` and `timeoutMs` apply on top). */
  retryPolicy?: Partial<RetryPolicy>;
}

/**
 * Before a call is admitted, any stop refuses it; once it holds a budget reservation, only a
 * cancel or a failed node does (a reserved call fits the budget, and its result is cached).
 */
export function assertMayIssue(deps: CallRunnerDeps, nodeId: string, reserved = false): void {
  if (deps.signal.aborted) throw new EngineError("cancelled", `node "${nodeId}": the run was cancelled; no new calls are made`);
  const stopped = deps.stopped();
  if (stopped && !(reserved && stopped === "budget")) throw new EngineError(stopped === "budget" ? "budget-exceeded" : "cancelled", `node "${nodeId}": the run is stopping (${stopped}); no new calls are made`);
}
