/**
 * The evaluations still going: their handles (so `eval.cancel` reaches them) and their events so
 * far (so a page that connects or reconnects mid-evaluation is replayed its progress, as it is
 * for runs). An evaluation's events are dropped once it ends: its items are in the eval store.
 */
import type { EvalEvent } from "../api/eval-types";

/** What the studio needs of a started evaluation (core/eval/run's EvaluationHandle). */
export interface ActiveEvaluation {
  evalId: string;
  done: Promise<unknown>;
  cancel(reason?: string): void;
}

export class ActiveEvaluations {
  private readonly handles = new Map<string, ActiveEvaluation>();
  /** Events by evaluation, kept from `eval.started` until the evaluation ends. */
  private readonly backlog = new Map<string, EvalEvent[]>();

  /** Keeps an event for the replay; events can arrive before `track` (the runner emits `eval.started` while it starts). */
  record(event: EvalEvent): void {
    if (event.type === "eval.finished") {
      this.backlog.delete(event.evalId);
      return;
    }
    const events = this.backlog.get(event.evalId) ?? [];
    // A resumed evaluation starts over: its replay begins at its latest `eval.started`.
    if (event.type === "eval.started") events.length = 0;
    events.push(event);
    this.backlog.set(event.evalId, events);
  }

  /** Remembers a started evaluation until its `done` settles (either way). */
  track(handle: ActiveEvaluation): void {
    this.handles.set(handle.evalId, handle);
    const forget = () => {
      if (this.handles.get(handle.evalId) === handle) this.handles.delete(handle.evalId);
      this.backlog.delete(handle.evalId);
    };
    handle.done.then(forget, forget);
  }

  get(evalId: string): ActiveEvaluation | undefined {
    return this.handles.get(evalId);
  }

  /** Every event so far of the evaluations still going, each evaluation's in order. */
  events(): EvalEvent[] {
    return [...this.backlog.values()].flat();
  }

  /** Cancels every evaluation and waits until each has written its status (completed items are kept). */
  async cancelAll(reason: string): Promise<void> {
    const running = [...this.handles.values()];
    for (const handle of running) handle.cancel(reason);
    await Promise.all(running.map((handle) => handle.done.catch(() => undefined)));
  }
}
