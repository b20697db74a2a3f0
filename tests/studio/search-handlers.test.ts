/**
 * The studio's search channels against a real studio (HTTP + WebSocket) on the replay provider:
 * presets/spaces/game24-replay.space.json (aggregation x samples over recorded GPT-4 samples)
 * on the first items of the preset slice "game24", which the shipped replay file covers (so
 * split "all", limit <= 10), and a space built the way the Search view builds one from the
 * canvas (tests/fixtures/search/canvas-space.json, sent inline).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Architecture, SearchSummary, StudioEventMessage } from "../../core/api/contract";
import type { SearchEvent, SearchReport, TrialRecord } from "../../core/api/search-types";
import { ROOT } from "../helpers/architectures";
import { openEvents, startTestStudio, waitFor, type TestStudio } from "../helpers/studio";

const SPACE = join(ROOT, "presets", "spaces", "game24-replay.space.json");
const ARCHITECTURE_FILE = join(ROOT, "presets", "architectures", "game24-vote.itasca.json");
const canvasSpace = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "search", "canvas-space.json"), "utf8")) as Record<string, unknown>;
/** Every search below: game24, its first 5 puzzles, random search. */
const BASE = { dataset: "game24", split: "all", limit: 5, algorithm: "random", trials: 6 } as const;

let studio: TestStudio;
/** Every message the service pushed, from the start: a replayed search can end before `search.start` answers. */
const pushed: StudioEventMessage[] = [];
beforeAll(async () => {
  studio = await startTestStudio();
  studio.service.subscribe((m) => pushed.push(m));
});
afterAll(async () => studio?.close());

const searchEvents = (messages: StudioEventMessage[], searchId: string): SearchEvent[] => messages.flatMap((m) => (m.channel === "search.event" && m.event.searchId === searchId ? [m.event] : []));

async function start(input: Record<string, unknown>): Promise<string> {
  const started = await studio.api<{ searchId: string }>("search.start", { ...BASE, ...input });
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  return started.value.searchId;
}

/** Waits for the `search.finished` of a search's `session`-th session (a resume is a second one). */
async function finished(searchId: string, session = 1, timeoutMs = 90_000): Promise<SearchReport> {
  const ends = () => searchEvents(pushed, searchId).flatMap((e) => (e.type === "search.finished" ? [e.report] : []));
  await waitFor(() => ends().length >= session, timeoutMs, `search ${searchId} to finish`);
  return ends()[session - 1]!;
}

async function get(searchId: string): Promise<{ report: SearchReport; trials: TrialRecord[] }> {
  const got = await studio.api<{ report: SearchReport; trials: TrialRecord[] }>("search.get", { searchId });
  if (!got.ok) throw new Error(got.error.message);
  return got.value;
}

const configs = (trials: readonly TrialRecord[]) => trials.map((t) => JSON.stringify(t.config));

describe("studio: searches over HTTP + WebSocket (replay provider)", () => {
  let firstId = "";

  it("runs a search from a space file: its events reach the socket in order, and get and list answer from the store", { timeout: 120_000 }, async () => {
    const { socket, messages } = await openEvents(`ws://127.0.0.1:${studio.server.port}/api/events?token=${studio.server.token}`);
    try {
      const searchId = await start({ spaceFile: SPACE, seed: 1, file: ARCHITECTURE_FILE });
      firstId = searchId;
      await waitFor(() => searchEvents(messages, searchId).some((e) => e.type === "search.finished"), 90_000, "the search to end");
      const events = searchEvents(messages, searchId);
      expect(events[0]).toEqual({ type: "search.started", searchId, total: 6, resumed: 0 });
      const trials = events.flatMap((e) => (e.type === "search.trial" ? [e] : []));
      expect(trials).toHaveLength(6);
      expect(trials.map((e) => e.progress.done)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(trials.map((e) => e.trial.index))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
      expect(trials.every((e) => e.progress.total === 6)).toBe(true);
      const last = events.at(-1);
      if (last?.type !== "search.finished") throw new Error("the last event is not search.finished");
      expect(last.report).toMatchObject({ searchId, status: "completed", algorithm: "random", seed: 1, dataset: { name: "game24", split: "all", items: 5 } });
      expect(last.report.best).not.toBeNull();
      // Replayed samples are free.
      expect(last.report.spentUsd).toBe(0);
      // A trial's own evaluation pushes no eval events and its runs no run events: they would flood the other tabs.
      expect(messages.some((m) => m.channel === "eval.event" || m.channel === "run.event")).toBe(false);

      const stored = await get(searchId);
      expect(stored.report).toMatchObject({ searchId, status: "completed", best: last.report.best });
      expect(stored.trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const trial of stored.trials.filter((t) => t.status === "scored")) {
        expect(trial.fidelity).toBe(5);
        expect(trial.score).toBeGreaterThanOrEqual(0);
        expect(trial.score).toBeLessThanOrEqual(1);
        expect(trial.callsPerQuery).toBeGreaterThanOrEqual(0);
      }

      const list = await studio.api<SearchSummary[]>("search.list", { file: ARCHITECTURE_FILE });
      if (!list.ok) throw new Error(list.error.message);
      expect(list.value[0]).toMatchObject({ searchId, status: "completed", algorithm: "random", spaceFile: SPACE, file: ARCHITECTURE_FILE, dataset: "game24", split: "all", done: 6, total: 6 });
      expect(list.value[0]!.best?.score).toBe(last.report.best!.score);
      expect(await studio.api("search.list", { file: join(studio.home, "other.itasca.json") })).toEqual({ ok: true, value: [] });
      // The space file itself is a filter too.
      const bySpace = await studio.api<SearchSummary[]>("search.list", { file: SPACE });
      expect(bySpace.ok && bySpace.value.map((s) => s.searchId)).toContain(searchId);
    } finally {
      socket.close();
    }
  });

  it("hands back a trial's architecture, materialised from the space as the search ran it", { timeout: 30_000 }, async () => {
    const { report, trials } = await get(firstId);
    const best = trials.find((t) => t.index === report.best!.trialIndex)!;
    const got = await studio.api<Architecture>("search.trial-architecture", { searchId: firstId, index: best.index });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.name).toMatch(/^game24-replay-[0-9a-f]{8}$/);
    const generate = got.value.nodes.find((n) => n.id === "generate");
    if (best.config["samples"] !== undefined) expect(generate?.params["samples"]).toBe(best.config["samples"]);
    // "first" keeps neither vote nor verify; the other aggregations keep vote.
    expect(got.value.nodes.some((n) => n.id === "vote")).toBe(best.config["aggregation"] !== "first");
    // It validates like any architecture the canvas opens.
    expect(await studio.api("architecture.validate", { architecture: got.value })).toMatchObject({ ok: true, value: { runnable: true } });
    expect(await studio.api("search.trial-architecture", { searchId: firstId, index: 99 })).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("stops a search cleanly, keeping its finished trials, and resumes it to the same trials as an uninterrupted search", { timeout: 180_000 }, async () => {
    const straightId = await start({ spaceFile: SPACE, seed: 7 });
    await finished(straightId);
    const straight = (await get(straightId)).trials;

    let fired = false;
    const unsubscribe = studio.service.subscribe((m) => {
      if (fired || m.channel !== "search.event" || m.event.type !== "search.trial") return;
      fired = true;
      void studio.service.call("search.stop", { searchId: m.event.searchId });
    });
    let searchId = "";
    try {
      searchId = await start({ spaceFile: SPACE, seed: 7 });
      const stopped = await finished(searchId);
      expect(stopped.status).toBe("cancelled");
    } finally {
      unsubscribe();
    }
    const kept = (await get(searchId)).trials;
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(6);
    expect(await studio.api("search.stop", { searchId })).toEqual({ ok: true, value: { searchId, stopped: false } });

    expect(await studio.api("search.start", { resume: searchId })).toEqual({ ok: true, value: { searchId } });
    const report = await finished(searchId, 2);
    expect(report.status).toBe("completed");
    const restarted = searchEvents(pushed, searchId).filter((e) => e.type === "search.started");
    expect(restarted.at(-1)).toEqual({ type: "search.started", searchId, total: 6, resumed: kept.length });
    // The second session sent only the trials the first had not finished.
    const secondSession = searchEvents(pushed, searchId).slice(searchEvents(pushed, searchId).indexOf(restarted.at(-1)!));
    const resent = secondSession.flatMap((e) => (e.type === "search.trial" ? [e.trial.index] : []));
    expect(resent.filter((index) => kept.some((t) => t.index === index))).toEqual([]);
    const trials = (await get(searchId)).trials;
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const trial of kept) expect(trials[trial.index]).toEqual(trial);
    // Same seed, same trials: stopping and resuming changed nothing.
    expect(configs(trials)).toEqual(configs(straight));
    expect(report.best?.score).toBe((await get(straightId)).report.best?.score);
  });

  it("searches a space built on the canvas, sent inline, and keeps it out of the files the page can see", { timeout: 120_000 }, async () => {
    const searchId = await start({ space: canvasSpace, trials: 4, seed: 3, file: ARCHITECTURE_FILE, maxCallsPerQuery: 8 });
    const report = await finished(searchId);
    expect(report.status).toBe("completed");
    const { trials } = await get(searchId);
    expect(trials).toHaveLength(4);
    // Over the per-query budget by the estimate: excluded, never evaluated.
    for (const trial of trials) {
      const samples = trial.config["samples"] as number;
      expect(trial.status).toBe(samples > 8 ? "excluded" : "scored");
      if (trial.status === "excluded") expect(trial.evalId).toBeUndefined();
    }
    const list = await studio.api<SearchSummary[]>("search.list", { file: ARCHITECTURE_FILE });
    const summary = list.ok ? list.value.find((s) => s.searchId === searchId) : undefined;
    expect(summary).toMatchObject({ searchId, file: ARCHITECTURE_FILE, perQuery: { maxCalls: 8 } });
    expect(summary).not.toHaveProperty("spaceFile");
    // Kept content-addressed in the data dir: the same space twice is one file.
    await finished(await start({ space: canvasSpace, trials: 1 }));
    expect(readdirSync(join(studio.home, "spaces")).filter((f) => f.endsWith(".space.json"))).toHaveLength(1);

    const scored = trials.find((t) => t.status === "scored")!;
    const got = await studio.api<Architecture>("search.trial-architecture", { searchId, index: scored.index });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.nodes.find((n) => n.id === "generate")?.params["samples"]).toBe(scored.config["samples"]);
    expect(got.value.edges).toEqual((canvasSpace["template"] as Architecture).edges);
  });

  it("replays a running search's events so far to a late subscriber", { timeout: 120_000 }, async () => {
    const late: StudioEventMessage[] = [];
    let unsubscribeLate: (() => void) | undefined;
    let fired = false;
    const unsubscribe = studio.service.subscribe((m) => {
      if (fired || m.channel !== "search.event" || m.event.type !== "search.trial") return;
      fired = true;
      unsubscribeLate = studio.service.subscribe((message) => late.push(message), { replayActive: true });
    });
    try {
      const searchId = await start({ spaceFile: SPACE, seed: 11, trials: 4 });
      await finished(searchId);
      await waitFor(() => searchEvents(late, searchId).some((e) => e.type === "search.finished"), 10_000, "the late subscriber to see the end");
      const events = searchEvents(late, searchId);
      expect(events[0]?.type).toBe("search.started");
      expect(events.filter((e) => e.type === "search.trial")).toHaveLength(4);
      expect(events.at(-1)?.type).toBe("search.finished");
    } finally {
      unsubscribe();
      unsubscribeLate?.();
    }
  });

  it("refuses bad requests with stable codes and messages that say what to do", { timeout: 30_000 }, async () => {
    expect(await studio.api("search.start", { dataset: "game24" })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("space") } });
    expect(await studio.api("search.start", { space: canvasSpace, spaceFile: SPACE, dataset: "game24" })).toMatchObject({ ok: false, error: { code: "invalid-arguments" } });
    expect(await studio.api("search.start", { spaceFile: SPACE })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("dataset") } });
    expect(await studio.api("search.start", { spaceFile: SPACE, dataset: "no-such-set" })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringMatching(/no-such-set.*game24/) } });
    expect(await studio.api("search.start", { spaceFile: SPACE, dataset: "game24", algorithm: "annealing" })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("algorithm") } });
    // A dimension on a node the canvas does not have names it, and speaks of the canvas, not of the data dir.
    const broken = { ...canvasSpace, dimensions: [{ id: "fuse_samples", type: "int", min: 1, max: 4, param: "fuse.samples" }] };
    const refused = await studio.api("search.start", { ...BASE, space: broken });
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("fuse") } });
    expect(JSON.stringify(refused)).toContain("the search space built on the canvas");
    expect(JSON.stringify(refused)).not.toContain(studio.home);
    // The data dir is never a space file the page may name.
    expect(await studio.api("search.start", { ...BASE, spaceFile: join(studio.home, "itasca.sqlite.json") })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
    expect(await studio.api("search.start", { resume: "no-such-search" })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("no-such-search") } });
    expect(await studio.api("search.get", { searchId: "no-such-search" })).toMatchObject({ ok: false, error: { code: "not-found", message: expect.stringContaining("no-such-search") } });
    expect(await studio.api("search.stop", { searchId: "no-such-search" })).toEqual({ ok: true, value: { searchId: "no-such-search", stopped: false } });
  });
});
