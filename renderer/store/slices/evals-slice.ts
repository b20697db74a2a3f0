/**
 * Evaluations: the Evaluate tab's form, the views of evaluations fed by host events
 * (evals/reduce-eval.ts), which one the tab shows, the file's evaluation history, the results
 * filter, the item whose run is on the canvas, and the comparison of two past evaluations.
 * Talking to the host is the eval commands' job (renderer/evaluate/use-eval-commands.ts).
 */
import type { StateCreator } from "zustand";
import type { DatasetInfo, EvalComparison, EvalEvent, EvalSummary } from "../../../core/api/eval-types";
import { isEvalOver, type EvalView } from "../evals/eval-view";
import { reduceEvalEvent } from "../evals/reduce-eval";
import type { ItascaState } from "../state";
import type { DatasetSelection } from "./dataset-selection";

/** What the next evaluation runs on. */
export interface EvalForm extends DatasetSelection {
  /** Dollar limit of the whole evaluation; undefined means none. */
  maxUsd?: number;
}

/** The two evaluations compared, oldest first, and what the host answered. */
export interface ComparisonState {
  a: string;
  b: string;
  result?: EvalComparison;
  error?: string;
}

export interface EvalsSlice {
  datasets: readonly DatasetInfo[];
  evalForm: EvalForm;
  /** Views by id: the shown evaluation, plus evaluations still going. */
  evals: Readonly<Record<string, EvalView>>;
  shownEvalId: string | null;
  /** `eval.start` was sent and has not answered yet. */
  evalStarting: boolean;
  /** Past evaluations of the open file, newest first (`eval.list`). */
  evalHistory: readonly EvalSummary[];
  /** The results table shows only wrong answers (and failed items). */
  wrongOnly: boolean;
  /** The item of the shown evaluation whose run the canvas shows (its position), if any. */
  openItemIndex: number | null;
  /** Evaluations ticked for comparison, in the order they were ticked (at most two). */
  compareIds: readonly string[];
  comparison: ComparisonState | null;
  setDatasets(datasets: readonly DatasetInfo[]): void;
  setEvalForm(change: Partial<EvalForm>): void;
  setEvalStarting(starting: boolean): void;
  /** Folds a host event into its evaluation's view. */
  receiveEvalEvent(event: EvalEvent): void;
  /** Shows this evaluation (just started); ended ones nobody shows are forgotten. */
  showEvalId(evalId: string): void;
  /** Shows an evaluation built elsewhere (opened from the history). */
  showEval(view: EvalView): void;
  clearShownEval(): void;
  setEvalHistory(history: readonly EvalSummary[]): void;
  setWrongOnly(wrongOnly: boolean): void;
  setOpenItem(index: number | null): void;
  /** Ticks or unticks one for comparison; ticking a third unticks the first. */
  toggleCompare(evalId: string): void;
  setComparison(comparison: ComparisonState | null): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], EvalsSlice>;

/** Keeps the shown evaluation and those still going. */
function pruned(evals: Readonly<Record<string, EvalView>>, keep: string): Record<string, EvalView> {
  return Object.fromEntries(Object.entries(evals).filter(([id, view]) => id === keep || !isEvalOver(view)));
}

export const DEFAULT_EVAL_FORM: EvalForm = { source: "preset", preset: "", filePath: "", split: "dev", limit: 20 };

export const createEvalsSlice: Creator = (set, get) => ({
  datasets: [],
  evalForm: DEFAULT_EVAL_FORM,
  evals: {},
  shownEvalId: null,
  evalStarting: false,
  evalHistory: [],
  wrongOnly: false,
  openItemIndex: null,
  compareIds: [],
  comparison: null,
  setDatasets: (datasets) => {
    const form = get().evalForm;
    // The first preset is the default until the user picks one.
    const preset = form.preset === "" || !datasets.some((d) => d.name === form.preset) ? (datasets[0]?.name ?? "") : form.preset;
    set({ datasets, evalForm: { ...form, preset } });
  },
  setEvalForm: (change) => set({ evalForm: { ...get().evalForm, ...change } }),
  setEvalStarting: (starting) => set({ evalStarting: starting }),
  receiveEvalEvent: (event) => {
    const evals = get().evals;
    const next = reduceEvalEvent(evals[event.evalId], event);
    if (next !== undefined && next !== evals[event.evalId]) set({ evals: { ...evals, [event.evalId]: next } });
  },
  showEvalId: (evalId) => set({ shownEvalId: evalId, evals: pruned(get().evals, evalId), openItemIndex: get().shownEvalId === evalId ? get().openItemIndex : null }),
  showEval: (view) => set({ shownEvalId: view.evalId, evals: { ...pruned(get().evals, view.evalId), [view.evalId]: view }, openItemIndex: get().shownEvalId === view.evalId ? get().openItemIndex : null }),
  clearShownEval: () => set({ shownEvalId: null, evals: pruned(get().evals, ""), openItemIndex: null, comparison: null }),
  setEvalHistory: (history) => {
    // Ticks of evaluations no longer listed (another file's) go.
    const listed = new Set(history.map((summary) => summary.evalId));
    set({ evalHistory: history, compareIds: get().compareIds.filter((id) => listed.has(id)) });
  },
  setWrongOnly: (wrongOnly) => set({ wrongOnly }),
  setOpenItem: (index) => set({ openItemIndex: index }),
  toggleCompare: (evalId) => {
    const ids = get().compareIds;
    set({ compareIds: ids.includes(evalId) ? ids.filter((id) => id !== evalId) : [...ids, evalId].slice(-2) });
  },
  setComparison: (comparison) => set({ comparison }),
});
