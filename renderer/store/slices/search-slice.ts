/**
 * Searches: the Search tab's form, the params marked searchable on the canvas, the views of
 * searches fed by host events (searches/reduce-search.ts), which one the tab shows, the file's
 * search history, and the trial whose architecture the canvas shows. Talking to the host is the
 * search commands' job (renderer/search/use-search-commands.ts).
 */
import type { StateCreator } from "zustand";
import type { SearchSummary } from "../../../core/api/contract";
import type { SearchAlgorithmName, SearchEvent } from "../../../core/api/search-types";
import { withMark, type SearchMark, type SearchMarks } from "../searches/search-marks";
import { reduceSearchEvent } from "../searches/reduce-search";
import { isSearchOver, type SearchView } from "../searches/search-view";
import type { ItascaState } from "../state";
import type { DatasetSelection } from "./dataset-selection";

/** What the next search runs: over which space, on which data, with which algorithm and budget. */
export interface SearchForm extends DatasetSelection {
  /** The params marked on the canvas, or a `*.space.json` file. */
  space: "canvas" | "file";
  spaceFile: string;
  algorithm: SearchAlgorithmName;
  trials: number;
  seed: number;
  /** Per-query budget: configurations the estimator puts over it are excluded, never run. */
  maxCallsPerQuery?: number;
  maxUsdPerQuery?: number;
  /** Total dollars, after which the search stops cleanly with its best so far. */
  maxTotalUsd?: number;
}

/** A search's per-query budget (the Pareto scatter draws it as a line). */
export interface PerQueryBudget {
  maxCalls?: number;
  maxUsd?: number;
}

/** Why the user ended a search from this window: a pause offers Resume, a stop ends it for good. */
export type SearchIntent = "pause" | "stop";

export interface SearchSlice {
  searchForm: SearchForm;
  searchMarks: SearchMarks;
  /** Views by id: the shown search, plus searches still going. */
  searches: Readonly<Record<string, SearchView>>;
  shownSearchId: string | null;
  /** `search.start` was sent and has not answered yet. */
  searchStarting: boolean;
  /** Past searches of the open file, newest first (`search.list`). */
  searchHistory: readonly SearchSummary[];
  /** The trial of the shown search whose architecture was last put on the canvas. */
  openTrialIndex: number | null;
  /** Pause or stop, by search id, for searches ended from here. */
  searchIntents: Readonly<Record<string, SearchIntent>>;
  /** Per-query budgets by search id: of searches started here, and of those opened from the history. */
  searchBudgets: Readonly<Record<string, PerQueryBudget>>;
  setSearchForm(change: Partial<SearchForm>): void;
  /** Marks a param searchable with a range or choices, or (undefined) unmarks it. */
  setSearchMark(nodeId: string, param: string, mark: SearchMark | undefined): void;
  clearSearchMarks(): void;
  /** Folds a host event into its search's view. */
  receiveSearchEvent(event: SearchEvent): void;
  /** Shows this search (just started); ended ones nobody shows are forgotten. */
  showSearchId(searchId: string): void;
  /** Shows a search built elsewhere (opened from the history). */
  showSearch(view: SearchView): void;
  /** Shows no search and forgets the marks (another document was opened). */
  clearSearch(): void;
  setSearchStarting(starting: boolean): void;
  setSearchHistory(history: readonly SearchSummary[]): void;
  setOpenTrial(index: number | null): void;
  setSearchIntent(searchId: string, intent: SearchIntent | undefined): void;
  setSearchBudget(searchId: string, budget: PerQueryBudget): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], SearchSlice>;

/** Keeps the shown search and those still going. */
function pruned(searches: Readonly<Record<string, SearchView>>, keep: string): Record<string, SearchView> {
  return Object.fromEntries(Object.entries(searches).filter(([id, view]) => id === keep || !isSearchOver(view)));
}

export const DEFAULT_SEARCH_FORM: SearchForm = { space: "canvas", spaceFile: "", source: "preset", preset: "", filePath: "", split: "dev", limit: 10, algorithm: "bayes", trials: 20, seed: 0 };

export const createSearchSlice: Creator = (set, get) => ({
  searchForm: DEFAULT_SEARCH_FORM,
  searchMarks: {},
  searches: {},
  shownSearchId: null,
  searchStarting: false,
  searchHistory: [],
  openTrialIndex: null,
  searchIntents: {},
  searchBudgets: {},
  setSearchForm: (change) => set({ searchForm: { ...get().searchForm, ...change } }),
  setSearchMark: (nodeId, param, mark) => {
    const marks = withMark(get().searchMarks, nodeId, param, mark);
    if (marks !== get().searchMarks) set({ searchMarks: marks });
  },
  clearSearchMarks: () => set({ searchMarks: {} }),
  receiveSearchEvent: (event) => {
    const searches = get().searches;
    const next = reduceSearchEvent(searches[event.searchId], event);
    if (next !== undefined && next !== searches[event.searchId]) set({ searches: { ...searches, [event.searchId]: next } });
  },
  showSearchId: (searchId) => set({ shownSearchId: searchId, searches: pruned(get().searches, searchId), openTrialIndex: get().shownSearchId === searchId ? get().openTrialIndex : null }),
  showSearch: (view) =>
    set({ shownSearchId: view.searchId, searches: { ...pruned(get().searches, view.searchId), [view.searchId]: view }, openTrialIndex: get().shownSearchId === view.searchId ? get().openTrialIndex : null }),
  clearSearch: () => set({ shownSearchId: null, searches: pruned(get().searches, ""), openTrialIndex: null, searchMarks: {} }),
  setSearchStarting: (starting) => set({ searchStarting: starting }),
  setSearchHistory: (history) => set({ searchHistory: history }),
  setOpenTrial: (index) => set({ openTrialIndex: index }),
  setSearchIntent: (searchId, intent) => {
    const { [searchId]: _old, ...rest } = get().searchIntents;
    set({ searchIntents: intent === undefined ? rest : { ...rest, [searchId]: intent } });
  },
  setSearchBudget: (searchId, budget) => set({ searchBudgets: { ...get().searchBudgets, [searchId]: budget } }),
});
