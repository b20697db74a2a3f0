/**
 * The evaluations still going (active-jobs.ts): `eval.cancel` reaches them, and a page that
 * connects mid-evaluation is replayed its events from its latest `eval.started`.
 */
import type { EvalEvent } from "../api/eval-types";
import { ActiveJobs } from "./active-jobs";

/** What the studio needs of a started evaluation (core/eval/run's EvaluationHandle). */
export interface ActiveEvaluation {
  evalId: string;
  done: Promise<unknown>;
  cancel(reason?: string): void;
}

export class ActiveEvaluations extends ActiveJobs<ActiveEvaluation, EvalEvent> {
  constructor() {
    super({ idOfHandle: (handle) => handle.evalId, idOfEvent: (event) => event.evalId, starts: (event) => event.type === "eval.started", ends: (event) => event.type === "eval.finished" });
  }

  /** Cancels every evaluation and waits until each has written its status (completed items are kept). */
  cancelAll(reason: string): Promise<void> {
    return this.endAll((handle) => handle.cancel(reason));
  }
}
