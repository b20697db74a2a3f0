/**
 * The run view built from recorded studio events (tests/renderer/fixtures/*.events.json were
 * captured from `itasca studio` running the sample architecture on the embedded model, fresh
 * and then again from the cache). Pure functions, no DOM.
 */
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../core/api/run-types";
import { reduceRunEvent, reduceRunEvents } from "../../renderer/store/runs/reduce-run";
import { isRunOver } from "../../renderer/store/runs/run-view";
import { selectCurrentRun } from "../../renderer/store/selectors";
import { readText, SAMPLE, storeWith } from "./helpers";

const FRESH = JSON.parse(readText("tests/renderer/fixtures/run-fresh.events.json")) as RunEvent[];
const CACHED = JSON.parse(readText("tests/renderer/fixtures/run-cached.events.json")) as RunEvent[];
const NODE_IDS = ["input", "generate", "rank", "fuse", "output"];

describe("reduceRunEvent", () => {
  it("starts every node queued on run.started", () => {
    const view = reduceRunEvent(undefined, FRESH[0]!);
    expect(view?.status).toBe("running");
    expect(view?.nodeIds).toEqual(NODE_IDS);
    expect(NODE_IDS.map((id) => view?.nodes[id]?.status)).toEqual(["queued", "queued", "queued", "queued", "queued"]);
  });

  it("ignores events of a run it never saw start", () => {
    expect(reduceRunEvents(FRESH.slice(1))).toBeUndefined();
  });

  it("shows a node running and streaming while its calls are under way", () => {
    const firstPartial = FRESH.findIndex((event) => event.type === "node.partial");
    const view = reduceRunEvents(FRESH.slice(0, firstPartial + 1));
    expect(view?.nodes["input"]?.status).toBe("done");
    expect(view?.nodes["generate"]?.status).toBe("running");
    const partials = Object.values(view?.nodes["generate"]?.partials ?? {});
    expect(partials).toHaveLength(1);
    expect(partials[0]?.text.length).toBeGreaterThan(0);
    expect(view?.nodes["rank"]?.status).toBe("queued");
  });

  it("drops a call's partial text once the call completes", () => {
    const firstCompleted = FRESH.findIndex((event) => event.type === "call.completed");
    const event = FRESH[firstCompleted]!;
    if (event.type !== "call.completed") throw new Error("fixture changed");
    const view = reduceRunEvents(FRESH.slice(0, firstCompleted + 1));
    expect(view?.nodes["generate"]?.partials[event.call.id]).toBeUndefined();
    expect(view?.trace).toHaveLength(1);
    expect(view?.usage.calls).toBe(1);
  });

  it("ends a fresh run with every node done, the answer, usage and the whole trace", () => {
    const view = reduceRunEvents(FRESH);
    expect(view?.status).toBe("completed");
    expect(isRunOver(view)).toBe(true);
    expect(NODE_IDS.map((id) => view?.nodes[id]?.status)).toEqual(["done", "done", "done", "done", "done"]);
    expect(view?.answer?.text.length).toBeGreaterThan(0);
    expect(view?.usage.calls).toBe(7);
    expect(view?.usage.cachedCalls).toBe(0);
    expect(view?.trace).toHaveLength(7);
    expect(view?.nodes["generate"]?.calls).toBe(5);
    expect(view?.nodes["generate"]?.outputTokens).toBeGreaterThan(0);
    expect(view?.ms).toBeGreaterThan(0);
    expect(Object.values(view?.nodes ?? {}).every((node) => Object.keys(node.partials).length === 0)).toBe(true);
  });

  it("shows the model-calling nodes cached when every call hit the cache", () => {
    const view = reduceRunEvents(CACHED);
    expect(NODE_IDS.map((id) => view?.nodes[id]?.status)).toEqual(["done", "cached", "cached", "cached", "done"]);
    expect(view?.usage).toMatchObject({ calls: 0, cachedCalls: 7, costUsd: 0 });
    expect(view?.trace.every((call) => call.cached)).toBe(true);
    expect(view?.nodes["rank"]?.warnings.length).toBeGreaterThan(0);
  });

  it("folds the same events the same way (a reconnect's replay rebuilds the view)", () => {
    const once = reduceRunEvents(FRESH);
    const replayed = reduceRunEvents(FRESH, reduceRunEvents(FRESH.slice(0, 20)));
    expect(replayed).toEqual(once);
  });
});

describe("runs slice", () => {
  it("keeps events that arrive before run.start answers, then shows that run", () => {
    const store = storeWith(SAMPLE);
    for (const event of FRESH.slice(0, 10)) store.getState().receiveRunEvent(event);
    expect(selectCurrentRun(store.getState())).toBeUndefined();
    store.getState().showRunId(FRESH[0]!.runId);
    for (const event of FRESH.slice(10)) store.getState().receiveRunEvent(event);
    expect(selectCurrentRun(store.getState())?.status).toBe("completed");
  });

  it("forgets an ended run once another is shown", () => {
    const store = storeWith(SAMPLE);
    for (const event of FRESH) store.getState().receiveRunEvent(event);
    store.getState().showRunId(FRESH[0]!.runId);
    for (const event of CACHED) store.getState().receiveRunEvent(event);
    store.getState().showRunId(CACHED[0]!.runId);
    expect(Object.keys(store.getState().runs)).toEqual([CACHED[0]!.runId]);
  });

  it("runs never become undo steps", () => {
    const store = storeWith(SAMPLE);
    for (const event of FRESH) store.getState().receiveRunEvent(event);
    store.getState().showRunId(FRESH[0]!.runId);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });
});
