/**
 * Start, pause, resume and stop searches, list the file's past ones, open one, put a trial's
 * architecture (or the best one) on the canvas: the store records, the host does. Failures
 * become notices. Pause and Stop both end the search cleanly on the host (`search.stop`: the
 * finished trials are kept); a paused search offers Resume (`search.start` with `resume`),
 * which repeats no trial and pays for no call twice.
 */
import { useMemo } from "react";
import type { ChannelInput } from "../../core/api/contract";
import type { TrialRecord } from "../../core/api/search-types";
import { validateArchitecture } from "../../core/validation/validate";
import { useHost } from "../host/context";
import type { Host } from "../host/host";
import type { ItascaStore } from "../store/create-store";
import { useItascaStore } from "../store/react";
import { startedSearch } from "../store/searches/reduce-search";
import { bestTrial, storedSearch } from "../store/searches/search-view";
import { selectMarkedParams, selectSearchGoing, selectShownSearch } from "../store/selectors";
import { documentOf } from "../store/slices/graph-slice";
import { formatScore } from "./search-format";
import { spaceFromMarks } from "./space-from-marks";

export interface SearchCommands {
  /** Starts a search over the marked params (or the space file) on the form's dataset. */
  start(): void;
  /** Stops the shown search cleanly, to resume later. */
  pause(): void;
  /** Continues the shown (paused or cancelled) search where it stopped. */
  resume(): void;
  /** Ends the shown search for good (running: stops it; paused: stops offering Resume). */
  stop(): void;
  refreshHistory(): void;
  /** Shows a past search (`search.get`). */
  open(searchId: string): void;
  /** Puts one trial's architecture on the canvas (an undoable change). */
  openTrial(trial: TrialRecord): void;
  /** Puts the best trial's architecture on the canvas (an undoable change). */
  applyBest(): void;
}

/** How many past searches the history shows. */
const HISTORY_LIMIT = 20;

export function createSearchCommands(host: Host, store: ItascaStore): SearchCommands {
  const state = () => store.getState();
  const fileArg = (): { file?: string } => {
    const filePath = state().filePath;
    return filePath === undefined ? {} : { file: filePath };
  };

  const refreshHistory = (): void => {
    const { filePath } = state();
    void host["search.list"](fileArg()).then((result) => {
      if (!result.ok) return;
      // An untitled document has no file to filter by: its searches are those started from no file.
      const searches = filePath === undefined ? result.value.filter((s) => s.file === undefined && s.spaceFile === undefined) : result.value;
      state().setSearchHistory(searches.slice(0, HISTORY_LIMIT));
    });
  };

  /** Sends `search.start` and shows the search it answers with. */
  const launch = async (request: ChannelInput<"search.start">, what: string): Promise<void> => {
    state().setSearchStarting(true);
    const result = await host["search.start"](request);
    state().setSearchStarting(false);
    if (!result.ok) return state().notify("error", `${what} failed: ${result.error.message}`);
    const { searchId } = result.value;
    state().setSearchIntent(searchId, undefined);
    if (request.resume === undefined) {
      state().setSearchBudget(searchId, {
        ...(request.maxCallsPerQuery === undefined ? {} : { maxCalls: request.maxCallsPerQuery }),
        ...(request.maxUsdPerQuery === undefined ? {} : { maxUsd: request.maxUsdPerQuery }),
      });
    }
    // Events may have beaten this answer over the socket; if not, show an empty search now.
    if (state().searches[searchId] === undefined) state().showSearch(startedSearch(searchId, request.trials ?? 0, 0));
    state().showSearchId(searchId);
    refreshHistory();
  };

  /** Puts a trial's architecture on the canvas as one undo step; the graph keeps the document's name and file. */
  const putOnCanvas = (trial: TrialRecord, done: (index: number) => string): void => {
    const shown = selectShownSearch(state());
    if (shown === undefined) return;
    state().setOpenTrial(trial.index);
    void host["search.trial-architecture"]({ searchId: shown.searchId, index: trial.index }).then((result) => {
      if (!result.ok) return state().notify("error", `Cannot open trial ${trial.index}: ${result.error.message}`);
      const checked = validateArchitecture(result.value);
      if (checked.document === undefined) return state().notify("error", `Trial ${trial.index}'s architecture does not load: ${checked.diagnostics[0]?.message ?? "invalid"}`);
      // Another trial clicked meanwhile wins.
      if (state().openTrialIndex !== trial.index) return;
      const applied = state().apply({ type: "replace", graph: { nodes: checked.document.nodes, edges: checked.document.edges } });
      if (!applied.ok) return state().notify("error", applied.reason);
      // The shown run's node statuses belong to the graph that was there.
      state().clearShownRun();
      state().notify("info", done(trial.index));
    });
  };

  return {
    start: () => {
      if (selectSearchGoing(state())) return;
      const form = state().searchForm;
      const dataset = form.source === "preset" ? form.preset || state().datasets[0]?.name || "" : form.filePath.trim();
      if (dataset === "") return state().notify("error", form.source === "preset" ? "Pick a dataset to score the trials on." : "Give the dataset file's path.");
      let space: Pick<ChannelInput<"search.start">, "space" | "spaceFile">;
      if (form.space === "canvas") {
        const built = spaceFromMarks(documentOf(state()), selectMarkedParams(state()));
        if (!built.ok) return state().notify("error", built.error);
        space = { space: built.space as unknown as Record<string, unknown> };
      } else {
        const spaceFile = form.spaceFile.trim();
        if (spaceFile === "") return state().notify("error", "Give the search space file's path (*.space.json).");
        space = { spaceFile };
      }
      void launch(
        {
          ...space,
          ...fileArg(),
          dataset,
          split: form.split,
          algorithm: form.algorithm,
          trials: form.trials,
          seed: form.seed,
          ...(form.source === "file" && form.format !== undefined ? { format: form.format } : {}),
          ...(form.limit === undefined ? {} : { limit: form.limit }),
          ...(form.maxCallsPerQuery === undefined ? {} : { maxCallsPerQuery: form.maxCallsPerQuery }),
          ...(form.maxUsdPerQuery === undefined ? {} : { maxUsdPerQuery: form.maxUsdPerQuery }),
          ...(form.maxTotalUsd === undefined ? {} : { maxTotalUsd: form.maxTotalUsd }),
        },
        "Search",
      );
    },
    pause: () => {
      const shown = selectShownSearch(state());
      if (shown?.status !== "running") return;
      state().setSearchIntent(shown.searchId, "pause");
      void host["search.stop"]({ searchId: shown.searchId }).then((result) => !result.ok && state().notify("error", `Pause failed: ${result.error.message}`));
    },
    resume: () => {
      const shown = selectShownSearch(state());
      if (shown === undefined || shown.status === "running" || selectSearchGoing(state())) return;
      const maxTotalUsd = state().searchForm.maxTotalUsd;
      // The host keeps the space, dataset and settings; only the total budget may be raised.
      void launch({ resume: shown.searchId, ...(maxTotalUsd === undefined ? {} : { maxTotalUsd }) }, "Resume");
    },
    stop: () => {
      const shown = selectShownSearch(state());
      if (shown === undefined) return;
      state().setSearchIntent(shown.searchId, "stop");
      if (shown.status !== "running") return;
      void host["search.stop"]({ searchId: shown.searchId }).then((result) => !result.ok && state().notify("error", `Stop failed: ${result.error.message}`));
    },
    refreshHistory,
    open: (searchId) => {
      const live = state().searches[searchId];
      if (live?.status === "running") return state().showSearchId(searchId);
      const summary = state().searchHistory.find((s) => s.searchId === searchId);
      if (summary !== undefined) state().setSearchBudget(searchId, summary.perQuery);
      void host["search.get"]({ searchId }).then((result) => {
        if (!result.ok) return state().notify("error", `Cannot open the search: ${result.error.message}`);
        state().showSearch(storedSearch(result.value.report, result.value.trials, summary?.total));
      });
    },
    openTrial: (trial) => putOnCanvas(trial, (index) => `Trial ${index}'s architecture is on the canvas (Undo puts back the previous one).`),
    applyBest: () => {
      const shown = selectShownSearch(state());
      const best = shown === undefined ? undefined : bestTrial(shown.trials);
      if (best === undefined) return state().notify("info", "No trial has been scored yet.");
      putOnCanvas(best, (index) => `Applied the best architecture: trial ${index}, ${formatScore(best.score)} (Undo puts back the previous one).`);
    },
  };
}

export function useSearchCommands(): SearchCommands {
  const host = useHost();
  const store = useItascaStore();
  return useMemo(() => createSearchCommands(host, store), [host, store]);
}
