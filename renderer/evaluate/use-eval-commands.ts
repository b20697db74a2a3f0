/**
 * Start, cancel and resume evaluations, list the file's past ones, open one, open one item's run
 * on the canvas, and compare two: the store records, the host does. Failures become notices; a
 * refused start (an invalid graph) points at the Problems tab, as a refused run does.
 */
import { useMemo } from "react";
import type { ChannelInput } from "../../core/api/contract";
import type { EvalItemRecord } from "../../core/api/eval-types";
import { useHost } from "../host/context";
import type { Host } from "../host/host";
import type { ItascaStore } from "../store/create-store";
import { storedEval } from "../store/evals/eval-view";
import { startedEval } from "../store/evals/reduce-eval";
import { useItascaStore } from "../store/react";
import { finishedRun } from "../store/runs/reduce-run";
import { selectEvalGoing, selectShownEval } from "../store/selectors";
import { documentOf } from "../store/slices/graph-slice";

export interface EvalCommands {
  loadDatasets(): void;
  /** Starts an evaluation of the open architecture on the form's dataset. */
  start(): void;
  /** Cancels the shown evaluation when it is going; what completed is kept. */
  cancel(): void;
  /** Continues the shown evaluation (cancelled or stopped by its dollar limit) where it stopped. */
  resume(): void;
  refreshHistory(): void;
  /** Shows a past evaluation (`eval.get`). */
  open(evalId: string): void;
  /** Shows one item's run on the canvas: node statuses, candidates and annotations (`run.get`). */
  openItem(item: EvalItemRecord): void;
  /** Compares the two ticked evaluations, the older as A. */
  compare(): void;
}

/** How many past evaluations the history shows. */
const HISTORY_LIMIT = 20;

export function createEvalCommands(host: Host, store: ItascaStore): EvalCommands {
  const state = () => store.getState();
  const fileArg = (): { file?: string } => {
    const filePath = state().filePath;
    return filePath === undefined ? {} : { file: filePath };
  };

  const refreshHistory = (): void => {
    const { filePath, name } = state();
    void host["eval.list"](fileArg()).then((result) => {
      if (!result.ok) return;
      // An untitled document has no file to filter by: its evaluations are those without one, by name.
      const evals = filePath === undefined ? result.value.filter((e) => e.file === undefined && e.architectureName === name) : result.value;
      state().setEvalHistory(evals.slice(0, HISTORY_LIMIT));
    });
  };

  /** Sends `eval.start` (with the open document unless told which architecture) and shows the evaluation it answers with. */
  const launch = async (request: Omit<ChannelInput<"eval.start">, "architecture" | "file">, what: string, architecture?: Promise<unknown>): Promise<void> => {
    state().setEvalStarting(true);
    const document = { ...documentOf(state()) };
    const chosen = (await architecture) ?? document;
    const result = await host["eval.start"]({ architecture: chosen as ChannelInput<"eval.start">["architecture"], ...fileArg(), ...request });
    state().setEvalStarting(false);
    if (!result.ok) {
      state().notify("error", result.error.code === "validation-failed" ? `Cannot evaluate: ${result.error.message} (see Problems)` : `${what} failed: ${result.error.message}`);
      if (result.error.code === "validation-failed") state().setBottomTab("problems");
      return;
    }
    const { evalId } = result.value;
    // Events may have beaten this answer over the socket; if not, show an empty evaluation now.
    if (state().evals[evalId] === undefined) state().showEval(startedEval(evalId, 0, 0));
    state().showEvalId(evalId);
    refreshHistory();
  };

  /**
   * The architecture an evaluation's items ran (a resume must use the very one it started
   * with, and the canvas may have been edited since); undefined when no item has a stored run.
   */
  const architectureOf = async (items: readonly EvalItemRecord[]): Promise<unknown> => {
    const runId = items.find((item) => item.runId !== undefined)?.runId;
    if (runId === undefined) return undefined;
    const result = await host["run.get"]({ runId });
    return result.ok ? result.value.architecture : undefined;
  };

  return {
    loadDatasets: () => {
      void host["datasets.list"]().then((result) => result.ok && state().setDatasets(result.value));
    },
    start: () => {
      if (selectEvalGoing(state())) return;
      const form = state().evalForm;
      const dataset = form.source === "preset" ? form.preset : form.filePath.trim();
      if (dataset === "") return state().notify("error", form.source === "preset" ? "Pick a dataset to evaluate on." : "Give the dataset file's path.");
      void launch(
        {
          dataset,
          split: form.split,
          ...(form.source === "file" && form.format !== undefined ? { format: form.format } : {}),
          ...(form.limit === undefined ? {} : { limit: form.limit }),
          ...(form.maxUsd === undefined ? {} : { maxUsd: form.maxUsd }),
        },
        "Evaluation",
      );
    },
    cancel: () => {
      const shown = selectShownEval(state());
      if (shown?.status !== "running") return;
      void host["eval.cancel"]({ evalId: shown.evalId }).then((result) => !result.ok && state().notify("error", `Cancel failed: ${result.error.message}`));
    },
    resume: () => {
      const shown = selectShownEval(state());
      if (shown?.report === undefined || selectEvalGoing(state())) return;
      const { dataset } = shown.report;
      void launch({ dataset: dataset.name, format: dataset.format, split: dataset.split, resume: shown.evalId }, "Resume", architectureOf(shown.items));
    },
    refreshHistory,
    open: (evalId) => {
      const live = state().evals[evalId];
      if (live?.status === "running") return state().showEvalId(evalId);
      void host["eval.get"]({ evalId }).then((result) => {
        if (!result.ok) return state().notify("error", `Cannot open the evaluation: ${result.error.message}`);
        state().showEval(storedEval(result.value.report, result.value.items));
      });
    },
    openItem: (item) => {
      state().setOpenItem(item.index);
      if (item.runId === undefined) return state().notify("info", `Item ${item.itemId} has no stored run${item.error === undefined ? "" : `: ${item.error}`}`);
      void host["run.get"]({ runId: item.runId }).then((result) => {
        if (!result.ok) return state().notify("error", `Cannot open the item's run: ${result.error.message}`);
        const { result: ended, query } = result.value;
        if (ended === undefined) return state().notify("info", `The run of item ${item.itemId} has not ended yet.`);
        // Another item clicked meanwhile wins.
        if (state().openItemIndex === item.index) state().showRun(finishedRun(ended, query));
      });
    },
    compare: () => {
      const history = state().evalHistory;
      const startedAt = (id: string) => history.find((e) => e.evalId === id)?.startedAt ?? 0;
      const [a, b] = [...state().compareIds].sort((x, y) => startedAt(x) - startedAt(y));
      if (a === undefined || b === undefined) return;
      state().setComparison({ a, b });
      void host["eval.compare"]({ a, b }).then((result) => {
        const current = state().comparison;
        if (current?.a !== a || current.b !== b) return;
        state().setComparison(result.ok ? { a, b, result: result.value } : { a, b, error: result.error.message });
      });
    },
  };
}

export function useEvalCommands(): EvalCommands {
  const host = useHost();
  const store = useItascaStore();
  return useMemo(() => createEvalCommands(host, store), [host, store]);
}
