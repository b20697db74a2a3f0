/**
 * Folds one search event into the view of its search. Pure: the same events in the same order
 * give the same view, so a reconnect's replay rebuilds it. `search.started` of a resumed search
 * keeps the trials this view already has (the runner does not send them again).
 */
import type { SearchEvent } from "../../../core/api/search-types";
import { progressOfTrials, storedSearch, withTrial, type SearchView } from "./search-view";

/** The view of a search that just started. */
export function startedSearch(searchId: string, total: number, resumed: number, previous?: SearchView): SearchView {
  const trials = previous?.searchId === searchId ? previous.trials : [];
  const progress = previous?.searchId === searchId ? { ...previous.progress, total } : progressOfTrials([], total, 0);
  return { searchId, status: "running", total, trials, progress, resumed };
}

/** Applies one event to the view of its search (`undefined` before `search.started`). */
export function reduceSearchEvent(view: SearchView | undefined, event: SearchEvent): SearchView | undefined {
  if (event.type === "search.started") return startedSearch(event.searchId, event.total, event.resumed, view);
  if (view === undefined || view.searchId !== event.searchId) return view;
  switch (event.type) {
    case "search.trial":
      return { ...view, trials: withTrial(view.trials, event.trial), progress: event.progress, total: event.progress.total };
    case "search.finished": {
      // The report is authoritative for the outcome; the trials are the ones the events brought.
      const finished = storedSearch(event.report, view.trials, view.total);
      return { ...finished, progress: { ...view.progress, ...finished.progress, calls: view.progress.calls, elapsedMs: view.progress.elapsedMs || finished.progress.elapsedMs }, resumed: view.resumed };
    }
  }
}

export function reduceSearchEvents(events: readonly SearchEvent[], initial?: SearchView): SearchView | undefined {
  return events.reduce<SearchView | undefined>(reduceSearchEvent, initial);
}
