/**
 * Run events: a typed map turned into a discriminated union (Rivet's pattern). Payloads are
 * plain, clone-safe data, so the same stream feeds tests, the CLI, Electron IPC and the web bridge.
 */
import type { Answer, Query } from "../graph/ports";
import type { BudgetLimit } from "./budget";
import type { ErrorInfo } from "./errors";
import type { CallRecord, RunResult } from "./result";
import type { NodeOutputs } from "./readiness";

export interface RunEventMap {
  "run.started": { name: string; nodeIds: string[]; query: Query };
  "node.started": { nodeId: string; nodeType: string };
  "call.started": { nodeId: string; callId: string; model: string; sample: number; purpose: string };
  /** The text of one call so far; throttled (about every 100 ms) so a UI is never flooded. */
  "node.partial": { nodeId: string; callId: string; sample: number; text: string };
  "call.retrying": { nodeId: string; callId: string; attempt: number; delayMs: number; reason: string };
  "call.completed": { nodeId: string; call: CallRecord };
  "node.warning": { nodeId: string; message: string };
  "node.completed": {
    nodeId: string;
    nodeType: string;
    status: "done" | "cached";
    calls: number;
    cachedCalls: number;
    ms: number;
    outputs: NodeOutputs;
  };
  "node.failed": { nodeId: string; nodeType: string; status: "failed" | "budget-stopped" | "cancelled"; error: ErrorInfo; ms: number };
  "budget.exceeded": { nodeId: string; limit: BudgetLimit; used: number; max: number; message: string };
  "run.completed": { answer: Answer | undefined; result: RunResult };
  "run.failed": { error: ErrorInfo; result: RunResult };
  "run.cancelled": { reason: string; result: RunResult };
}

export type RunEventType = keyof RunEventMap;

/** Every event carries its type, the run id and a timestamp (ms since the epoch). */
export type RunEventOf<K extends RunEventType> = { type: K; runId: string; at: number } & RunEventMap[K];

export type RunEvent = { [K in RunEventType]: RunEventOf<K> }[RunEventType];

export const TERMINAL_EVENTS: ReadonlySet<RunEventType> = new Set(["run.completed", "run.failed", "run.cancelled"]);

type Listener<K extends RunEventType> = (event: RunEventOf<K>) => void;

/**
 * Keeps every event of one run and fans it out: `on()` for callbacks, an async iterator that
 * replays from the start, so a consumer that attaches late misses nothing.
 */
export class RunEventStream {
  private readonly history: RunEvent[] = [];
  private readonly listeners = new Map<RunEventType | "*", Set<(event: RunEvent) => void>>();
  private readonly waiters = new Set<() => void>();
  private ended = false;

  constructor(private readonly runId: string) {}

  emit<K extends RunEventType>(type: K, payload: RunEventMap[K]): void {
    if (this.ended) return;
    const event = { type, runId: this.runId, at: Date.now(), ...payload } as unknown as RunEvent;
    this.history.push(event);
    if (TERMINAL_EVENTS.has(type)) this.ended = true;
    for (const key of [type, "*"] as const) {
      for (const listener of this.listeners.get(key) ?? []) listener(event);
    }
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Subscribes to one event type (or `"*"` for all); returns the unsubscribe function. */
  on<K extends RunEventType>(type: K, listener: Listener<K>): () => void;
  on(type: "*", listener: (event: RunEvent) => void): () => void;
  on(type: RunEventType | "*", listener: (event: never) => void): () => void {
    const set = this.listeners.get(type) ?? new Set();
    const wrapped = listener as (event: RunEvent) => void;
    set.add(wrapped);
    this.listeners.set(type, set);
    return () => set.delete(wrapped);
  }

  /** Everything emitted so far. */
  events(): readonly RunEvent[] {
    return this.history;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RunEvent> {
    let index = 0;
    for (;;) {
      while (index < this.history.length) yield this.history[index++] as RunEvent;
      if (this.ended) return;
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }
}
