/**
 * The Search tab without a DOM: the search view built from events, its figures (best so far,
 * the Pareto front, best under a budget), the marks of searchable params and the space built
 * from them, the search commands against the in-memory host (start, pause, resume, stop,
 * a trial's architecture and "Apply best" as undoable changes), and the panel, the inspector's
 * search toggle and the node card's badge rendered to markup.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SearchSpaceFileSchema } from "../../core/api/search-space";
import type { SearchEvent, SearchReport, TrialRecord } from "../../core/api/search-types";
import { HostProvider } from "../../renderer/host/context";
import { createMemoryHost } from "../../renderer/host/memory-host";
import { NodeInspector } from "../../renderer/inspector/NodeInspector";
import { initialMark } from "../../renderer/inspector/SearchMark";
import { fieldsOf } from "../../renderer/inspector/field-model";
import { nodeRegistry } from "../../core/nodes/registry";
import { formatConfig, formatCost, formatScore, ticks } from "../../renderer/search/search-format";
import { SearchPanel } from "../../renderer/search/SearchPanel";
import { dimensionIds, spaceFromMarks, spaceName } from "../../renderer/search/space-from-marks";
import { createSearchCommands } from "../../renderer/search/use-search-commands";
import { StoreProvider } from "../../renderer/store/react";
import { reduceSearchEvent, reduceSearchEvents } from "../../renderer/store/searches/reduce-search";
import { markedParams, markProblem, withMark } from "../../renderer/store/searches/search-marks";
import { bestSoFar, bestTrial, bestUnderBudget, canResumeSearch, costAxisOf, paretoFront, scatterOf, storedSearch } from "../../renderer/store/searches/search-view";
import { selectMarkedParams, selectShownSearch } from "../../renderer/store/selectors";
import { documentOf } from "../../renderer/store/slices/graph-slice";
import { waitFor } from "../helpers/studio";
import { storeWith } from "./helpers";

const GAME24 = "presets/architectures/game24-vote.itasca.json";

function trial(index: number, score: number | "excluded", calls: number, usd = 0, fidelity = 5): TrialRecord {
  const base = { searchId: "s1", index, config: { generate_samples: calls }, fidelity, estimate: { calls, inputTokens: 0, outputTokens: 0, usd }, spentUsd: usd * fidelity, architectureHash: `h${calls}` };
  return score === "excluded" ? { ...base, status: "excluded", reason: "over budget" } : { ...base, status: "scored", score, costPerQueryUsd: usd, callsPerQuery: calls, evalId: `e${index}` };
}

function report(status: SearchReport["status"]): SearchReport {
  return { searchId: "s1", status, best: null, trials: 2, excluded: 0, pareto: [], algorithm: "random", seed: 0, dataset: { name: "game24", split: "all", items: 5 }, spentUsd: 0, startedAt: 1000, endedAt: 2000 };
}

const progress = (done: number) => ({ done, total: 4, excluded: 0, failed: 0, spentUsd: 0, calls: done, elapsedMs: 10 * done });

describe("the search view from events", () => {
  const events: SearchEvent[] = [
    { type: "search.started", searchId: "s1", total: 4, resumed: 0 },
    { type: "search.trial", searchId: "s1", trial: trial(1, 0.4, 4), progress: progress(1) },
    { type: "search.trial", searchId: "s1", trial: trial(0, 0.2, 2), progress: progress(2) },
    { type: "search.finished", searchId: "s1", report: { ...report("cancelled"), stopReason: "stopped in the studio" } },
  ];

  it("orders trials by index as they finish, and takes the running totals from the last event", () => {
    const view = reduceSearchEvents(events.slice(0, 3));
    expect(view?.status).toBe("running");
    expect(view?.trials.map((t) => t.index)).toEqual([0, 1]);
    expect(view?.progress).toMatchObject({ done: 2, total: 4 });
  });

  it("ignores events of a search it never saw start, and of another one", () => {
    expect(reduceSearchEvents(events.slice(1))).toBeUndefined();
    const view = reduceSearchEvents(events.slice(0, 1));
    expect(reduceSearchEvent(view, { ...events[1]!, searchId: "other" } as SearchEvent)).toBe(view);
  });

  it("ends with the report; a stopped search with trials left resumes, keeping its trials", () => {
    const ended = reduceSearchEvents(events);
    expect(ended?.status).toBe("cancelled");
    expect(ended?.report?.stopReason).toBe("stopped in the studio");
    expect(canResumeSearch(ended)).toBe(true);
    const resumed = reduceSearchEvent(ended, { type: "search.started", searchId: "s1", total: 4, resumed: 2 });
    expect(resumed).toMatchObject({ status: "running", resumed: 2 });
    expect(resumed?.trials).toHaveLength(2);
    // A search a total budget stopped is over for good: it says so, and offers no Resume.
    expect(canResumeSearch(storedSearch(report("stopped"), [trial(0, 0.1, 1)], 4))).toBe(false);
    expect(canResumeSearch(storedSearch(report("completed"), [trial(0, 0.1, 1)], 4))).toBe(false);
  });
});

describe("the search figures", () => {
  const trials = [trial(0, 0.2, 2), trial(1, 0.1, 8), trial(2, "excluded", 30), trial(3, 0.5, 10), trial(4, 0.5, 6), trial(5, 0.3, 12)];

  it("draws the best score so far after each scored trial, marking each new best", () => {
    expect(bestSoFar(trials)).toEqual([
      { index: 0, best: 0.2, improved: true },
      { index: 1, best: 0.2, improved: false },
      { index: 3, best: 0.5, improved: true },
      { index: 4, best: 0.5, improved: false },
      { index: 5, best: 0.5, improved: false },
    ]);
  });

  it("takes calls per query as the cost when every trial cost $0, as the runner's front does", () => {
    expect(costAxisOf(trials)).toBe("calls");
    expect(costAxisOf([trial(0, 0.2, 2, 0.001)])).toBe("usd");
  });

  it("finds the best (ties: the cheaper), the Pareto front cheapest first, and the best under a budget", () => {
    expect(bestTrial(trials)?.index).toBe(4);
    const front = paretoFront(scatterOf(trials, "calls"));
    expect(front.map((p) => p.index)).toEqual([0, 4]);
    // Excluded trials have no score: never on the scatter.
    expect(scatterOf(trials, "calls").map((p) => p.index)).not.toContain(2);
    expect(bestUnderBudget(trials, 5, "calls")?.index).toBe(0);
    expect(bestUnderBudget(trials, 1, "calls")).toBeUndefined();
  });

  it("compares only the trials scored on the most items (a multi-fidelity rung of a few items never wins)", () => {
    const rungs = [trial(0, 1, 2, 0, 1), trial(1, 0.4, 4, 0, 5)];
    expect(bestTrial(rungs)?.index).toBe(1);
  });

  it("formats scores, costs, configurations and round ticks", () => {
    expect(formatScore(0.5)).toBe("50.0%");
    expect(formatScore(undefined)).toBe("–");
    expect(formatCost(12, "calls")).toBe("12 calls");
    expect(formatCost(1, "calls")).toBe("1 call");
    expect(formatCost(0.0012, "usd")).toBe("$0.00120");
    expect(formatConfig({ aggregation: "vote", samples: 40 })).toBe("aggregation=vote · samples=40");
    expect(formatConfig({})).toBe("(the template)");
    expect(ticks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(0, 37, 4)).toEqual([0, 10, 20, 30]);
    // Trial indices: whole ticks only.
    expect(ticks(0, 9, 4, true)).toEqual([0, 5]);
    expect(ticks(0, 3, 4, true)).toEqual([0, 1, 2, 3]);
  });
});

describe("searchable params and the space built from them", () => {
  it("keeps marks per node and param, drops a node's entry with its last mark, and lists only nodes on the canvas", () => {
    const range = { kind: "range", min: 1, max: 20, log: true, integer: true } as const;
    let marks = withMark({}, "generate", "samples", range);
    marks = withMark(marks, "generate", "temperature", { kind: "range", min: 0, max: 1, log: false, integer: false });
    marks = withMark(marks, "ghost", "samples", range);
    expect(withMark(marks, "generate", "top_p", undefined)).toBe(marks);
    const store = storeWith(GAME24);
    expect(markedParams(marks, store.getState().nodes).map((m) => `${m.nodeId}.${m.param}`)).toEqual(["generate.samples", "generate.temperature"]);
    expect(withMark(withMark(marks, "ghost", "samples", undefined), "generate", "samples", undefined)).toEqual({ generate: { temperature: expect.any(Object) } });
    expect(markProblem({ kind: "range", min: 5, max: 5, log: false, integer: true })).toMatch(/below/);
    expect(markProblem({ kind: "range", min: 0, max: 5, log: true, integer: true })).toMatch(/log/);
    expect(markProblem({ kind: "choice", values: ["a"] })).toMatch(/two/);
  });

  it("starts a number's range from its schema around the current value, and a choice from its options", () => {
    const generate = fieldsOf(nodeRegistry.get("generate")!);
    const samples = generate.find((f) => f.name === "samples")!;
    const temperature = generate.find((f) => f.name === "temperature")!;
    if (samples.kind !== "number" || temperature.kind !== "number") throw new Error("expected number fields");
    expect(initialMark(samples, 10)).toEqual({ kind: "range", min: 1, max: 20, log: false, integer: true });
    expect(initialMark(temperature, 0.7)).toMatchObject({ kind: "range", min: 0, integer: false });
    const vote = fieldsOf(nodeRegistry.get("vote")!).find((f) => f.kind === "enum");
    if (vote?.kind !== "enum") throw new Error("vote has an enum param");
    expect(initialMark(vote, undefined)).toEqual({ kind: "choice", values: [...vote.options] });
  });

  it("builds a space the space file's schema accepts: the canvas as its template, one dimension per mark", () => {
    const store = storeWith(GAME24);
    store.getState().setSearchMark("generate", "samples", { kind: "range", min: 1, max: 20, log: true, integer: true });
    store.getState().setSearchMark("generate", "temperature", { kind: "range", min: 0.2, max: 1, log: false, integer: false });
    store.getState().setSearchMark("vote", "extractor", { kind: "choice", values: ["regex", "last-number"] });
    const built = spaceFromMarks(documentOf(store.getState()), selectMarkedParams(store.getState()));
    if (!built.ok) throw new Error(built.error);
    expect(SearchSpaceFileSchema.safeParse(built.space).success).toBe(true);
    expect(built.space).toMatchObject({ version: 1, name: "game24-vote", template: { name: "game24-vote" } });
    expect(built.space.dimensions).toEqual([
      { id: "samples", type: "int", min: 1, max: 20, log: true, param: "generate.samples", description: "generate.samples" },
      { id: "temperature", type: "float", min: 0.2, max: 1, log: false, param: "generate.temperature", description: "generate.temperature" },
      { id: "extractor", type: "choice", values: ["regex", "last-number"], param: "vote.extractor", description: "vote.extractor" },
    ]);
    expect(built.dimensions).toEqual({ samples: "generate.samples", temperature: "generate.temperature", extractor: "vote.extractor" });
    // The same param on two nodes is told apart by the node.
    expect(dimensionIds([{ nodeId: "generate", param: "samples" }, { nodeId: "fuse.2", param: "samples" }, { nodeId: "2nd", param: "top_k" }])).toEqual(["generate_samples", "fuse_2_samples", "top_k"]);
    expect(dimensionIds([{ nodeId: "2nd", param: "samples" }, { nodeId: "x", param: "samples" }])).toEqual(["_2nd_samples", "x_samples"]);
    expect(spaceName("my arch!")).toBe("my-arch");
  });

  it("says what is missing: no mark at all, or a mark that cannot be searched as it stands", () => {
    const store = storeWith(GAME24);
    expect(spaceFromMarks(documentOf(store.getState()), [])).toMatchObject({ ok: false, error: expect.stringMatching(/search/) });
    store.getState().setSearchMark("generate", "samples", { kind: "range", min: 8, max: 2, log: false, integer: true });
    expect(spaceFromMarks(documentOf(store.getState()), selectMarkedParams(store.getState()))).toEqual({ ok: false, error: "generate.samples: the minimum must be below the maximum" });
  });
});

/** A store on game24-vote with generate.samples searchable, and the search commands over an in-memory host. */
function setup(trialDelayMs = 0) {
  const host = createMemoryHost({ searches: { trialDelayMs } });
  const store = storeWith(GAME24);
  const commands = createSearchCommands(host, store);
  host["search.event"]((event) => {
    store.getState().receiveSearchEvent(event);
    if (event.type === "search.finished") commands.refreshHistory();
  });
  void host["datasets.list"]().then((result) => result.ok && store.getState().setDatasets(result.value));
  store.getState().setSearchMark("generate", "samples", { kind: "range", min: 1, max: 20, log: false, integer: true });
  store.getState().setSearchForm({ preset: "game24", split: "all", limit: 5, algorithm: "random", trials: 6 });
  return { host, store, commands };
}

const shown = (store: ReturnType<typeof storeWith>) => selectShownSearch(store.getState());

function render({ host, store, commands }: ReturnType<typeof setup>): string {
  store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(HostProvider, { host, children: createElement(StoreProvider, { store, children: createElement(SearchPanel, { commands }) }) }));
}

describe("the search commands on the in-memory host", () => {
  it("searches the marked params: the table fills to the last trial, then the history lists it", async () => {
    const { store, commands } = setup();
    commands.start();
    expect(store.getState().searchStarting).toBe(true);
    await waitFor(() => shown(store)?.status === "completed", 3000, "the search to end");
    const view = shown(store)!;
    expect(view.trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(view.trials.every((t) => typeof t.config["samples"] === "number")).toBe(true);
    expect(view.report?.status).toBe("completed");
    await waitFor(() => store.getState().searchHistory.length === 1, 2000, "the history");
    expect(store.getState().searchHistory[0]).toMatchObject({ searchId: view.searchId, status: "completed", done: 6 });
  });

  it("excludes configurations over the per-query calls, and draws the dollar budget on the scatter", async () => {
    const { store, commands } = setup();
    store.getState().setSearchForm({ maxCallsPerQuery: 8, maxUsdPerQuery: 0.0015, trials: 10 });
    commands.start();
    await waitFor(() => shown(store)?.status === "completed", 3000, "the search to end");
    const view = shown(store)!;
    for (const t of view.trials) expect(t.status).toBe((t.config["samples"] as number) > 8 ? "excluded" : "scored");
    expect(store.getState().searchBudgets[view.searchId]).toEqual({ maxCalls: 8, maxUsd: 0.0015 });
    // The made-up trials cost dollars, so the scatter's axis is $ / query and its line the dollar budget.
    expect(render({ ...setup(), store, commands })).toMatch(/data-testid="search-pareto-budget" data-limit="0.0015"/);
  });

  it("pauses a search (finished trials kept), resumes it to the end without repeating one, and stops one for good", async () => {
    const studio = setup(15);
    const { store, commands } = studio;
    store.getState().setSearchForm({ trials: 12 });
    commands.start();
    await waitFor(() => (shown(store)?.trials.length ?? 0) >= 2, 3000, "a few trials");
    expect(render(studio)).toMatch(/data-testid="search-pause"(?! disabled)/);
    commands.pause();
    await waitFor(() => shown(store)?.status === "cancelled", 3000, "the pause");
    const kept = shown(store)!.trials.length;
    expect(kept).toBeLessThan(12);
    const paused = render(studio);
    expect(paused).toMatch(/data-testid="search-status">paused</);
    expect(paused).toContain('data-testid="search-resume"');
    commands.resume();
    await waitFor(() => shown(store)?.status === "completed", 5000, "the resumed search");
    expect(shown(store)!.trials.map((t) => t.index)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(shown(store)!.resumed).toBe(kept);

    commands.start();
    await waitFor(() => shown(store)?.status === "running" && shown(store)!.trials.length > 0, 3000, "a second search");
    commands.stop();
    await waitFor(() => shown(store)?.status === "cancelled", 3000, "the stop");
    const stopped = render(studio);
    expect(stopped).toMatch(/data-testid="search-status">stopped</);
    expect(stopped).not.toContain('data-testid="search-resume"');
  });

  it("puts a trial's architecture on the canvas, and applies the best, each one undo step", async () => {
    const { store, commands } = setup();
    commands.start();
    await waitFor(() => shown(store)?.status === "completed", 3000, "the search");
    const samples = () => store.getState().nodes.find((n) => n.id === "generate")?.params["samples"];
    expect(samples()).toBe(10);
    const first = shown(store)!.trials[0]!;
    commands.openTrial(first);
    await waitFor(() => samples() === first.config["samples"], 2000, "the trial on the canvas");
    expect(store.getState().openTrialIndex).toBe(first.index);
    expect(store.getState().notice?.text).toMatch(/Trial 0/);
    // The document keeps its name; only the graph changed.
    expect(store.getState().name).toBe("game24-vote");

    const best = bestTrial(shown(store)!.trials)!;
    commands.applyBest();
    await waitFor(() => store.getState().openTrialIndex === best.index && samples() === best.config["samples"], 2000, "the best on the canvas");
    expect(store.getState().notice?.text).toMatch(/Applied the best/);
    store.getState().undo();
    expect(samples()).toBe(first.config["samples"]);
    store.getState().undo();
    expect(samples()).toBe(10);
  });

  it("says why a start was refused", async () => {
    const { store, commands } = setup();
    store.getState().clearSearchMarks();
    commands.start();
    expect(store.getState().notice?.text).toMatch(/Mark a param searchable/);
    store.getState().setSearchForm({ space: "file", spaceFile: "spaces/x.space.json" });
    commands.start();
    await waitFor(() => store.getState().notice?.text.includes("no files") === true, 2000, "the host's refusal");
    expect(store.getState().searchStarting).toBe(false);
  });
});

describe("the Search panel, the inspector toggle and the card badge", () => {
  it("renders the form with the marked params, then the progress, trials, best card, curve, scatter and history", async () => {
    const studio = setup();
    const { store, commands } = studio;
    const empty = render(studio);
    expect(empty).toContain('data-testid="search-setup"');
    expect(empty).toContain('data-testid="search-mark-generate.samples"');
    expect(empty).toContain("1–20");
    expect(empty).toContain("20 configurations");
    expect(empty).not.toContain('data-testid="search-progress"');
    commands.start();
    await waitFor(() => shown(store)?.status === "completed", 3000, "the search");
    await waitFor(() => store.getState().searchHistory.length === 1, 2000, "the history");
    const html = render(studio);
    expect(html).toMatch(/data-testid="search-progress"[^>]*data-done="6" data-total="6"/);
    expect(html).toMatch(/data-testid="search-trials" data-rows="6"/);
    expect(html).toContain('data-testid="search-best-curve"');
    expect(html).toMatch(/data-testid="search-pareto-points" data-count="\d+" data-front="\d+"/);
    expect(html).toMatch(/data-testid="search-apply-best"(?! disabled)/);
    expect(html).toContain('data-testid="search-history"');
  });

  it("offers a search toggle beside number and choice params, opening the mark's editor, and badges the card", () => {
    const store = storeWith(GAME24);
    const host = createMemoryHost();
    const node = store.getState().nodes.find((n) => n.id === "generate")!;
    const inspector = () => {
      store.getInitialState = store.getState;
      return renderToStaticMarkup(createElement(HostProvider, { host, children: createElement(StoreProvider, { store, children: createElement(NodeInspector, { node }) }) }));
    };
    const before = inspector();
    expect(before).toMatch(/data-testid="search-toggle-samples" aria-pressed="false"/);
    expect(before).toContain('data-testid="search-toggle-model"');
    // A prompt template is not a dimension a search varies.
    expect(before).not.toContain('data-testid="search-toggle-prompt_template"');
    store.getState().setSearchMark("generate", "samples", { kind: "range", min: 1, max: 20, log: false, integer: true });
    const after = inspector();
    expect(after).toMatch(/data-testid="search-toggle-samples" aria-pressed="true"/);
    expect(after).toContain('data-testid="search-mark-editor-samples"');
    expect(after).toMatch(/data-testid="search-max-samples"[^>]*value="20"/);
    expect(store.getState().searchMarks).toEqual({ generate: { samples: expect.objectContaining({ max: 20 }) } });
  });
});
