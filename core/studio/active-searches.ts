/**
 * The searches still going (active-jobs.ts): `search.stop` reaches them, and a page that
 * connects mid-search is replayed its events from its latest `search.started`.
 */
import type { SearchEvent } from "../api/search-types";
import { ActiveJobs } from "./active-jobs";

/** What the studio needs of a started search (core/search/run's handle). */
export interface ActiveSearch {
  searchId: string;
  done: Promise<unknown>;
  /** Stops cleanly: the trials in flight are cancelled, finished ones are kept for a resume. */
  cancel(reason?: string): void;
}

export class ActiveSearches extends ActiveJobs<ActiveSearch, SearchEvent> {
  constructor() {
    super({ idOfHandle: (handle) => handle.searchId, idOfEvent: (event) => event.searchId, starts: (event) => event.type === "search.started", ends: (event) => event.type === "search.finished" });
  }

  /** Stops every search and waits until each has written its status (completed trials are kept). */
  stopAll(reason: string): Promise<void> {
    return this.endAll((handle) => handle.cancel(reason));
  }
}
