/**
 * The event stream of one run. The event types are defined once in core/api/run-types.ts
 * (renderer-safe, so the contract and the renderer use the same ones); this keeps and fans
 * them out: `on()` for callbacks and an async iterator (Rivet's pattern).
 */
import { TERMINAL_EVENTS, type RunEvent, type RunEventMap, type RunEventOf, type RunEventType } from "../api/run-types";

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
