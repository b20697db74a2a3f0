/**
 * Runs: the query box, the views of runs fed by host events (reduce-run.ts), which run the
 * panel shows, and the file's run history. Talking to the host is the run commands' job
 * (renderer/run/use-run-commands.ts); this slice only records what happened.
 */
import type { StateCreator } from "zustand";
import type { RunSummary } from "../../../core/api/outputs";
import type { RunEvent, Budget } from "../../../core/api/run-types";
import { reduceRunEvent } from "../runs/reduce-run";
import { isRunOver, type RunView } from "../runs/run-view";
import type { ItascaState } from "../state";

export type BottomTab = "problems" | "run" | "trace" | "evaluate" | "search";

export interface RunsSlice {
  queryText: string;
  systemPrompt: string;
  /** Per-query limits the next run starts with (the top bar's budget meter sets them). */
  budget: Budget;
  /** Views by run id: the shown run, plus runs whose events arrived before `run.start` answered. */
  runs: Readonly<Record<string, RunView>>;
  /** The run the panel and the node cards show; null before the first run. */
  currentRunId: string | null;
  /** `run.start` was sent and has not answered yet. */
  starting: boolean;
  /** Past runs of the open file, newest first (`run.list`). */
  runHistory: readonly RunSummary[];
  bottomTab: BottomTab;
  setQueryText(text: string): void;
  setSystemPrompt(text: string): void;
  setBudget(budget: Budget): void;
  setStarting(starting: boolean): void;
  /** Folds a host event into its run's view. */
  receiveRunEvent(event: RunEvent): void;
  /** Shows this run (just started); ended runs nobody shows are forgotten. */
  showRunId(runId: string): void;
  /** Shows a run built elsewhere (a stored run reopened from the history). */
  showRun(view: RunView): void;
  /** Shows no run (another document was opened: its nodes are not the shown run's). */
  clearShownRun(): void;
  setRunHistory(history: readonly RunSummary[]): void;
  setBottomTab(tab: BottomTab): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], RunsSlice>;

/** Keeps the shown run and runs still going; the rest is history the host stores. */
function pruned(runs: Readonly<Record<string, RunView>>, keep: string): Record<string, RunView> {
  return Object.fromEntries(Object.entries(runs).filter(([id, view]) => id === keep || !isRunOver(view)));
}

export const createRunsSlice: Creator = (set, get) => ({
  queryText: "Once upon a time",
  systemPrompt: "",
  budget: {},
  runs: {},
  currentRunId: null,
  starting: false,
  runHistory: [],
  bottomTab: "problems",
  setQueryText: (text) => set({ queryText: text }),
  setSystemPrompt: (text) => set({ systemPrompt: text }),
  setBudget: (budget) => set({ budget }),
  setStarting: (starting) => set({ starting }),
  receiveRunEvent: (event) => {
    const runs = get().runs;
    const next = reduceRunEvent(runs[event.runId], event);
    if (next !== undefined && next !== runs[event.runId]) set({ runs: { ...runs, [event.runId]: next } });
  },
  showRunId: (runId) => set({ currentRunId: runId, runs: pruned(get().runs, runId) }),
  showRun: (view) => set({ currentRunId: view.runId, runs: { ...pruned(get().runs, view.runId), [view.runId]: view } }),
  clearShownRun: () => set({ currentRunId: null, runs: pruned(get().runs, "") }),
  setRunHistory: (history) => set({ runHistory: history }),
  setBottomTab: (tab) => set({ bottomTab: tab, bottomPanelOpen: true }),
});
