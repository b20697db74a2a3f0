/**
 * Folds one eval event into the view of its evaluation. Pure: the same events in the same order
 * give the same view, so a reconnect's replay rebuilds it. `eval.started` of a resumed
 * evaluation keeps the items this view already has (the runner does not send them again).
 */
import type { EvalEvent } from "../../../core/api/eval-types";
import { EMPTY_EVAL_USAGE, storedEval, withItem, type EvalView } from "./eval-view";

/** The view of an evaluation that just started. */
export function startedEval(evalId: string, total: number, resumed: number, previous?: EvalView): EvalView {
  const items = previous?.evalId === evalId ? previous.items : [];
  const progress = previous?.evalId === evalId ? { ...previous.progress, total } : { done: 0, total, scored: 0, correct: 0, errors: 0, usage: EMPTY_EVAL_USAGE, elapsedMs: 0 };
  return { evalId, status: "running", total, items, progress, resumed };
}

/** Applies one event to the view of its evaluation (`undefined` before `eval.started`). */
export function reduceEvalEvent(view: EvalView | undefined, event: EvalEvent): EvalView | undefined {
  if (event.type === "eval.started") return startedEval(event.evalId, event.total, event.resumed, view);
  if (view === undefined || view.evalId !== event.evalId) return view;
  switch (event.type) {
    case "eval.item":
      return { ...view, items: withItem(view.items, event.item), progress: event.progress };
    case "eval.finished": {
      // The report is authoritative for the totals; the items are the ones the events brought.
      const finished = storedEval(event.report, view.items);
      return { ...finished, progress: { ...finished.progress, elapsedMs: view.progress.elapsedMs || finished.progress.elapsedMs }, resumed: view.resumed };
    }
  }
}

export function reduceEvalEvents(events: readonly EvalEvent[], initial?: EvalView): EvalView | undefined {
  return events.reduce<EvalView | undefined>(reduceEvalEvent, initial);
}
