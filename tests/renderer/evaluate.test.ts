/**
 * The Evaluate tab without a DOM: the eval view built from events, the eval commands against the
 * in-memory host (start, progress, cancel and resume, history, an item's run on the canvas,
 * a comparison), the figures' formatting, and the panel rendered to markup.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EvalEvent, EvalItemRecord, EvalReport } from "../../core/api/eval-types";
import { EMPTY_USAGE } from "../../core/api/run-types";
import { EvaluatePanel } from "../../renderer/evaluate/EvaluatePanel";
import { excerpt, formatEta, formatInterval, formatPercent, formatPoints, formatPointsInterval, formatRatio, sharedIdPrefix } from "../../renderer/evaluate/eval-format";
import { createEvalCommands } from "../../renderer/evaluate/use-eval-commands";
import { HostProvider } from "../../renderer/host/context";
import { createMemoryHost } from "../../renderer/host/memory-host";
import { canResume, isWrong, storedEval } from "../../renderer/store/evals/eval-view";
import { reduceEvalEvent, reduceEvalEvents } from "../../renderer/store/evals/reduce-eval";
import { StoreProvider } from "../../renderer/store/react";
import { selectCurrentRun, selectOpenItem, selectShownEval } from "../../renderer/store/selectors";
import { waitFor } from "../helpers/studio";
import { SAMPLE, storeWith } from "./helpers";

function item(index: number, correct: boolean | "error"): EvalItemRecord {
  return {
    evalId: "e1",
    index,
    itemId: `item-${index}`,
    input: `question ${index}`,
    status: correct === "error" ? "error" : "scored",
    ...(correct === "error" ? { error: "node failed" } : { correct, answer: `a${index}` }),
    candidates: [],
    usage: { ...EMPTY_USAGE, calls: 2, costUsd: 0.01 },
    perNode: {},
    latencyMs: 100 + index,
    runId: `run-${index}`,
  };
}

function report(status: EvalReport["status"], items: number): EvalReport {
  return {
    evalId: "e1",
    status,
    accuracy: 0.5,
    ci95: [0.1, 0.9],
    coverage: null,
    items,
    scored: 2,
    correct: 1,
    errors: 0,
    usage: { calls: 4, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0.02 },
    costPerItemUsd: 0.01,
    p50Ms: 100,
    p95Ms: 101,
    perNode: {},
    architecture: { name: "a", hash: "h" },
    dataset: { name: "game24", format: "game24", hash: "d", split: "all", seed: 0 },
    scorer: "game24",
    startedAt: 1000,
    endedAt: 2000,
  };
}

const progress = (done: number, total: number, correct: number) => ({ done, total, scored: done, correct, errors: 0, usage: { calls: done, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }, elapsedMs: 10 * done, etaMs: 10 * (total - done) });

describe("the eval view from events", () => {
  const events: EvalEvent[] = [
    { type: "eval.started", evalId: "e1", total: 3, resumed: 0 },
    { type: "eval.item", evalId: "e1", item: item(1, false), progress: progress(1, 3, 0) },
    { type: "eval.item", evalId: "e1", item: item(0, true), progress: progress(2, 3, 1) },
    { type: "eval.finished", evalId: "e1", report: { ...report("cancelled", 3), stopReason: "cancelled by the user" } },
  ];

  it("orders items by position as they complete, and takes the running totals from the last event", () => {
    const view = reduceEvalEvents(events.slice(0, 3));
    expect(view?.status).toBe("running");
    expect(view?.items.map((i) => i.index)).toEqual([0, 1]);
    expect(view?.progress).toMatchObject({ done: 2, total: 3, correct: 1 });
  });

  it("ignores events of an evaluation it never saw start, and of another one", () => {
    expect(reduceEvalEvents(events.slice(1))).toBeUndefined();
    const view = reduceEvalEvents(events.slice(0, 1));
    expect(reduceEvalEvent(view, { ...events[1]!, evalId: "other" } as EvalEvent)).toBe(view);
  });

  it("ends with the report; a cancelled evaluation with items left can be resumed, keeping its items", () => {
    const ended = reduceEvalEvents(events);
    expect(ended?.status).toBe("cancelled");
    expect(ended?.report?.stopReason).toBe("cancelled by the user");
    expect(canResume(ended)).toBe(true);
    const resumed = reduceEvalEvent(ended, { type: "eval.started", evalId: "e1", total: 3, resumed: 2 });
    expect(resumed?.status).toBe("running");
    expect(resumed?.resumed).toBe(2);
    expect(resumed?.items).toHaveLength(2);
    const last = reduceEvalEvent(resumed, { type: "eval.item", evalId: "e1", item: item(2, true), progress: progress(3, 3, 2) });
    expect(last?.items.map((i) => i.index)).toEqual([0, 1, 2]);
  });

  it("builds a stored evaluation's totals from its items; wrong means a wrong answer or a failed item", () => {
    const view = storedEval(report("completed", 3), [item(2, "error"), item(0, true), item(1, false)]);
    expect(view.items.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(view.progress).toMatchObject({ done: 3, total: 3, scored: 2, correct: 1, errors: 1 });
    expect(view.progress.usage.calls).toBe(6);
    expect(view.items.filter(isWrong).map((i) => i.index)).toEqual([1, 2]);
    expect(canResume(view)).toBe(false);
  });
});

describe("the eval figures", () => {
  it("formats shares, intervals, differences, ratios, ETAs and excerpts", () => {
    expect(formatPercent(0.6)).toBe("60.0%");
    expect(formatPercent(null)).toBe("–");
    expect(formatInterval([0.231, 0.882])).toBe("23.1–88.2%");
    expect(formatPoints(-0.2)).toBe("−20.0 pts");
    expect(formatPoints(0)).toBe("±0.0 pts");
    expect(formatPointsInterval([-0.5, 0.1])).toBe("[−50.0, +10.0] pts");
    expect(formatRatio(0.5)).toBe("0.50×");
    expect(formatRatio(null)).toBe("–");
    expect(formatEta(12_300)).toBe("ETA 13 s");
    expect(formatEta(undefined)).toBe("ETA –");
    expect(excerpt("a\n  b   c", 80)).toBe("a b c");
    expect(excerpt("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("finds the id prefix every item shares, up to a separator, and never a whole id", () => {
    expect(sharedIdPrefix(["game24-900", "game24-901", "game24-1000"])).toBe("game24-");
    expect(sharedIdPrefix(["HumanEval/0", "HumanEval/12"])).toBe("HumanEval/");
    expect(sharedIdPrefix(["gsm8k-1"])).toBe("");
    expect(sharedIdPrefix(["a-1", "a-"])).toBe("");
    expect(sharedIdPrefix(["abc", "abd"])).toBe("");
  });
});

/** A store on the sample architecture and the eval commands over an in-memory host. */
function setup(itemDelayMs = 0) {
  const host = createMemoryHost({ evals: { itemDelayMs } });
  const store = storeWith(SAMPLE);
  const commands = createEvalCommands(host, store);
  host["eval.event"]((event) => {
    store.getState().receiveEvalEvent(event);
    if (event.type === "eval.finished") commands.refreshHistory();
  });
  commands.loadDatasets();
  return { host, store, commands };
}

const shown = (store: ReturnType<typeof storeWith>) => selectShownEval(store.getState());

/** Static markup of the panel now: zustand renders its initial state on a server, so the store's present state stands in for it. */
function render({ host, store, commands }: ReturnType<typeof setup>): string {
  store.getInitialState = store.getState;
  const panel = createElement(EvaluatePanel, { commands });
  return renderToStaticMarkup(createElement(HostProvider, { host, children: createElement(StoreProvider, { store, children: panel }) }));
}

describe("the eval commands on the in-memory host", () => {
  it("evaluates the open architecture on a preset slice: progress to 100%, a report, the history", async () => {
    const { store, commands } = setup();
    await waitFor(() => store.getState().datasets.length > 0, 2000, "the presets");
    expect(store.getState().evalForm.preset).toBe("game24");
    store.getState().setEvalForm({ split: "all", limit: 6 });
    commands.start();
    expect(store.getState().evalStarting).toBe(true);
    await waitFor(() => shown(store)?.status === "completed", 2000, "the evaluation to end");
    const view = shown(store)!;
    expect(view.items).toHaveLength(6);
    expect(view.progress).toMatchObject({ done: 6, total: 6 });
    // Every third made-up item is wrong: items 2 and 5.
    expect(view.items.filter(isWrong).map((i) => i.index)).toEqual([2, 5]);
    expect(view.report).toMatchObject({ scored: 6, correct: 4, accuracy: 4 / 6 });
    await waitFor(() => store.getState().evalHistory.length === 1, 2000, "the history");
    expect(store.getState().evalHistory[0]).toMatchObject({ evalId: view.evalId, architectureName: "sample-rank-fuse", status: "completed" });
  });

  it("opens an item's run on the canvas: the shown run is that item's, with its node statuses and candidates", async () => {
    const { store, commands } = setup();
    await waitFor(() => store.getState().datasets.length > 0, 2000, "the presets");
    store.getState().setEvalForm({ split: "all", limit: 3 });
    commands.start();
    await waitFor(() => shown(store)?.status === "completed", 2000, "the evaluation to end");
    const wrong = shown(store)!.items.find(isWrong)!;
    commands.openItem(wrong);
    expect(selectOpenItem(store.getState())?.itemId).toBe(wrong.itemId);
    await waitFor(() => selectCurrentRun(store.getState())?.runId === wrong.runId, 2000, "the item's run");
    const run = selectCurrentRun(store.getState())!;
    expect(run.nodeIds).toEqual(["input", "generate", "rank", "fuse", "output"]);
    expect(Object.values(run.nodes).every((node) => node.status === "done")).toBe(true);
    expect(run.nodes["generate"]?.outputs?.["candidates"]).toEqual([expect.objectContaining({ text: wrong.answer })]);
    expect(run.query.text).toBe(wrong.input);
  });

  it("cancels an evaluation, keeping what completed, and resumes it to the end without repeating an item", async () => {
    const studio = setup(15);
    const { store, commands } = studio;
    await waitFor(() => store.getState().datasets.length > 0, 2000, "the presets");
    store.getState().setEvalForm({ preset: "gsm8k", split: "all", limit: 12 });
    commands.start();
    await waitFor(() => (shown(store)?.items.length ?? 0) >= 3, 3000, "a few items");
    expect(render(studio)).toMatch(/data-testid="eval-cancel"(?! disabled)/);
    commands.cancel();
    await waitFor(() => shown(store)?.status === "cancelled", 3000, "the cancel");
    const kept = shown(store)!.items.length;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(12);
    expect(canResume(shown(store))).toBe(true);
    // Resume takes Cancel's place.
    const stopped = render(studio);
    expect(stopped).toContain('data-testid="eval-resume"');
    expect(stopped).not.toContain('data-testid="eval-cancel"');
    commands.resume();
    await waitFor(() => shown(store)?.status === "completed", 5000, "the resumed evaluation");
    const indices = shown(store)!.items.map((i) => i.index);
    expect(indices).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(shown(store)!.resumed).toBe(kept);
  });

  it("compares two evaluations from the history, the older as A", async () => {
    const { store, commands } = setup();
    await waitFor(() => store.getState().datasets.length > 0, 2000, "the presets");
    store.getState().setEvalForm({ split: "all", limit: 6 });
    commands.start();
    await waitFor(() => shown(store)?.status === "completed", 2000, "the first evaluation");
    const first = shown(store)!.evalId;
    store.getState().setEvalForm({ limit: 3 });
    commands.start();
    await waitFor(() => shown(store)?.evalId !== first && shown(store)?.status === "completed", 2000, "the second evaluation");
    const second = shown(store)!.evalId;
    await waitFor(() => store.getState().evalHistory.length === 2, 2000, "the history");
    store.getState().toggleCompare(second);
    store.getState().toggleCompare(first);
    commands.compare();
    await waitFor(() => store.getState().comparison?.result !== undefined, 2000, "the comparison");
    expect(store.getState().comparison).toMatchObject({ a: first, b: second, result: { items: 3, wins: 0, losses: 0, ties: 3, difference: 0 } });
    // A third tick replaces the first.
    store.getState().toggleCompare("another");
    expect(store.getState().compareIds).toEqual([first, "another"]);
  });

  it("says why a start was refused", async () => {
    const { store, commands } = setup();
    store.getState().setEvalForm({ source: "preset", preset: "no-such-set" });
    commands.start();
    await waitFor(() => store.getState().notice !== null, 2000, "a notice");
    expect(store.getState().notice?.text).toMatch(/no-such-set/);
    expect(store.getState().evalStarting).toBe(false);
  });
});

describe("the Evaluate panel", () => {
  it("renders the form, the progress, the summary card, the results and the history", async () => {
    const studio = setup();
    const { store, commands } = studio;
    await waitFor(() => store.getState().datasets.length > 0, 2000, "the presets");
    const empty = render(studio);
    expect(empty).toContain('data-testid="eval-setup"');
    expect(empty).toContain("game24 (10 items)");
    expect(empty).not.toContain('data-testid="eval-progress"');

    store.getState().setEvalForm({ split: "all", limit: 3 });
    commands.start();
    await waitFor(() => shown(store)?.status === "completed", 2000, "the evaluation");
    await waitFor(() => store.getState().evalHistory.length === 1, 2000, "the history");
    store.getState().setWrongOnly(true);
    const html = render(studio);
    expect(html).toMatch(/data-testid="eval-progress"[^>]*data-percent="100"/);
    expect(html).toContain('data-testid="eval-summary"');
    expect(html).toContain("66.7%");
    expect(html).toMatch(/data-testid="eval-results" data-rows="1"/);
    expect(html).toContain('data-testid="eval-history"');
  });
});
