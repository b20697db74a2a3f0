/**
 * The studio's evaluation channels against a real studio (HTTP + WebSocket) on the replay
 * provider: presets/architectures/game24-vote.itasca.json over the preset slice "game24",
 * whose first 10 puzzles the shipped replay file covers (so limit <= 10, split "all").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunRecord, StudioEventMessage } from "../../core/api/contract";
import type { DatasetInfo, EvalComparison, EvalEvent, EvalItemRecord, EvalReport, EvalSummary } from "../../core/api/eval-types";
import { createStudioService } from "../../core/studio/service";
import { ROOT } from "../helpers/architectures";
import { openEvents, startTestStudio, waitFor, type TestStudio } from "../helpers/studio";

const PRESET = join(ROOT, "presets", "architectures", "game24-vote.itasca.json");
const architecture = JSON.parse(readFileSync(PRESET, "utf8")) as Record<string, unknown>;
/** The same architecture voting over 5 of the 10 recorded samples: a second architecture to compare. */
const fiveSamples = {
  ...architecture,
  nodes: (architecture["nodes"] as { id: string; params: Record<string, unknown> }[]).map((node) => (node.id === "generate" ? { ...node, params: { ...node.params, samples: 5 } } : node)),
};

let studio: TestStudio;
/** Every message the service pushed, from the start: a replayed evaluation can end before `eval.start` answers. */
const pushed: StudioEventMessage[] = [];
beforeAll(async () => {
  studio = await startTestStudio();
  studio.service.subscribe((m) => pushed.push(m));
});
afterAll(async () => studio?.close());

const evalEvents = (messages: StudioEventMessage[], evalId: string): EvalEvent[] => messages.flatMap((m) => (m.channel === "eval.event" && m.event.evalId === evalId ? [m.event] : []));

/** Starts an evaluation through the service; resolves with its id. */
async function start(input: Record<string, unknown>): Promise<string> {
  const started = await studio.api<{ evalId: string }>("eval.start", { architecture, dataset: "game24", split: "all", ...input });
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  return started.value.evalId;
}

/** Waits for the `eval.finished` of an evaluation's latest session (a resume is a second one); resolves with its report. */
async function finished(evalId: string, session = 1, timeoutMs = 60_000): Promise<EvalReport> {
  const ends = () => evalEvents(pushed, evalId).flatMap((e) => (e.type === "eval.finished" ? [e.report] : []));
  await waitFor(() => ends().length >= session, timeoutMs, `evaluation ${evalId} to finish`);
  return ends()[session - 1]!;
}

/**
 * Calls `act` with the first `eval.item` (of the next evaluation to start) whose `done` is `atDone`,
 * synchronously inside the event: with one item in flight nothing else completes meanwhile.
 */
function onItem(atDone: number, act: (evalId: string) => void): () => void {
  let fired = false;
  return studio.service.subscribe((m) => {
    if (fired || m.channel !== "eval.event" || m.event.type !== "eval.item" || m.event.progress.done !== atDone) return;
    fired = true;
    act(m.event.evalId);
  });
}

async function get(evalId: string): Promise<{ report: EvalReport; items: EvalItemRecord[] }> {
  const got = await studio.api<{ report: EvalReport; items: EvalItemRecord[] }>("eval.get", { evalId });
  if (!got.ok) throw new Error(got.error.message);
  return got.value;
}

describe("studio: evaluations over HTTP + WebSocket (replay provider)", () => {
  it("lists the preset dataset slices", async () => {
    const listed = await studio.api<DatasetInfo[]>("datasets.list");
    if (!listed.ok) throw new Error(listed.error.message);
    const game24 = listed.value.find((d) => d.name === "game24");
    expect(game24).toMatchObject({ format: "game24", defaultScorer: expect.any(String) });
    expect(game24!.items).toBeGreaterThanOrEqual(10);
    expect(listed.value.map((d) => d.name)).toEqual(expect.arrayContaining(["gsm8k", "game24"]));
  });

  it("runs an evaluation: its events reach the socket in order, and the report, items and item runs are stored", { timeout: 90_000 }, async () => {
    const { socket, messages } = await openEvents(`ws://127.0.0.1:${studio.server.port}/api/events?token=${studio.server.token}`);
    try {
      const evalId = await start({ limit: 5, file: PRESET });
      await waitFor(() => evalEvents(messages, evalId).some((e) => e.type === "eval.finished"), 60_000, "the evaluation to end");
      const events = evalEvents(messages, evalId);
      expect(events[0]).toEqual({ type: "eval.started", evalId, total: 5, resumed: 0 });
      const items = events.filter((e) => e.type === "eval.item");
      expect(items).toHaveLength(5);
      expect(items.map((e) => e.progress.done)).toEqual([1, 2, 3, 4, 5]);
      expect(items.every((e) => e.progress.total === 5)).toBe(true);
      const last = events.at(-1);
      if (last?.type !== "eval.finished") throw new Error("the last event is not eval.finished");
      expect(last.report).toMatchObject({ evalId, status: "completed", items: 5, scored: 5, architecture: { name: "game24-vote", file: PRESET } });
      expect(last.report.accuracy).toBe(last.report.correct / 5);
      expect(last.report.ci95[0]).toBeLessThanOrEqual(last.report.accuracy);
      expect(last.report.ci95[1]).toBeGreaterThanOrEqual(last.report.accuracy);
      // The replay provider's calls cost nothing; every item's run made its 10 samples (or hit the cache).
      expect(last.report.usage.calls + last.report.usage.cachedCalls).toBe(50);
      // The items' own runs are not pushed as run events: an evaluation would flood the Run tab.
      expect(messages.some((m) => m.channel === "run.event")).toBe(false);

      const stored = await get(evalId);
      expect(stored.report).toMatchObject({ evalId, status: "completed", accuracy: last.report.accuracy });
      expect(stored.items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4]);
      const first = stored.items[0]!;
      expect(first.runId).toEqual(expect.any(String));

      // An item's run opens like any stored run: per-node statuses, candidates and their annotations.
      const run = await studio.api<RunRecord>("run.get", { runId: first.runId! });
      if (!run.ok) throw new Error(run.error.message);
      expect(run.value.query.text).toBe(first.input);
      const nodes = run.value.result?.nodes ?? [];
      expect(nodes.map((n) => n.id)).toEqual(["input", "generate", "vote", "output"]);
      const samples = nodes.find((n) => n.id === "generate")?.outputs?.["candidates"] as unknown[] | undefined;
      expect(samples).toHaveLength(10);
      const voted = nodes.find((n) => n.id === "vote")?.outputs?.["candidates"] as { annotations: { kind: string }[] }[] | undefined;
      expect(voted?.length).toBeGreaterThanOrEqual(1);
      expect(voted?.every((c) => c.annotations.some((a) => a.kind === "answer"))).toBe(true);
    } finally {
      socket.close();
    }
  });

  it("lists a file's evaluations, newest first, and none of another file's", { timeout: 90_000 }, async () => {
    const evalId = await start({ limit: 2, file: PRESET });
    await finished(evalId);
    const list = await studio.api<EvalSummary[]>("eval.list", { file: PRESET });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value[0]).toMatchObject({ evalId, status: "completed", architectureName: "game24-vote", file: PRESET, dataset: "game24", split: "all", items: 2 });
    expect(list.value.every((e) => e.file === PRESET)).toBe(true);
    expect(await studio.api("eval.list", { file: join(studio.home, "..", "other.itasca.json") })).toEqual({ ok: true, value: [] });
  });

  it("cancels an evaluation, keeping what completed, and resumes it without repeating an item", { timeout: 120_000 }, async () => {
    const stop = onItem(1, (id) => void studio.service.call("eval.cancel", { evalId: id }));
    try {
      const evalId = await start({ limit: 6, concurrency: 1, architecture: fiveSamples });
      const cancelled = await finished(evalId);
      expect(cancelled).toMatchObject({ status: "cancelled", items: 6 });
      const kept = (await get(evalId)).items;
      expect(kept).toHaveLength(1);
      expect(await studio.api("eval.cancel", { evalId })).toEqual({ ok: true, value: { evalId, cancelled: false } });

      // Resumed with the architecture as its items ran it (what the Evaluate tab sends, so an edit since does not block it).
      const run = await studio.api<RunRecord>("run.get", { runId: kept[0]!.runId! });
      if (!run.ok) throw new Error(run.error.message);
      const resumed = await studio.api<{ evalId: string }>("eval.start", { architecture: run.value.architecture, dataset: "game24", split: "all", resume: evalId });
      expect(resumed).toEqual({ ok: true, value: { evalId } });
      const report = await finished(evalId, 2);
      expect(report).toMatchObject({ evalId, status: "completed", items: 6, scored: 6 });
      const second = evalEvents(pushed, evalId).filter((e) => e.type === "eval.started");
      expect(second.at(-1)).toEqual({ type: "eval.started", evalId, total: 6, resumed: 1 });
      const items = (await get(evalId)).items;
      expect(items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4, 5]);
      // The kept item is the very record written before the cancel.
      expect(items[kept[0]!.index]).toEqual(kept[0]);
    } finally {
      stop();
    }
  });

  it("replays a running evaluation's events so far to a late subscriber", { timeout: 90_000 }, async () => {
    const late: StudioEventMessage[] = [];
    let unsubscribeLate: (() => void) | undefined;
    const stop = onItem(2, () => (unsubscribeLate = studio.service.subscribe((message) => late.push(message), { replayActive: true })));
    try {
      const evalId = await start({ limit: 4, concurrency: 1 });
      await finished(evalId);
      await waitFor(() => evalEvents(late, evalId).some((e) => e.type === "eval.finished"), 10_000, "the late subscriber to see the end");
      const events = evalEvents(late, evalId);
      expect(events.map((e) => e.type)).toEqual(["eval.started", "eval.item", "eval.item", "eval.item", "eval.item", "eval.finished"]);
      expect(events.flatMap((e) => (e.type === "eval.item" ? [e.item.index] : []))).toEqual([0, 1, 2, 3]);
    } finally {
      stop();
      unsubscribeLate?.();
    }
  });

  it("compares two evaluations on the items both scored", { timeout: 120_000 }, async () => {
    const a = await start({ limit: 5 });
    await finished(a);
    const b = await start({ limit: 5, architecture: fiveSamples });
    await finished(b);
    const compared = await studio.api<EvalComparison>("eval.compare", { a, b });
    if (!compared.ok) throw new Error(compared.error.message);
    const c = compared.value;
    expect(c).toMatchObject({ a, b, items: 5 });
    expect(c.wins + c.losses + c.ties).toBe(5);
    expect(c.difference).toBeCloseTo(c.accuracyB - c.accuracyA, 10);
    expect(c.ci95[0]).toBeLessThanOrEqual(c.difference);
    expect(c.ci95[1]).toBeGreaterThanOrEqual(c.difference);
    const [reportA, reportB] = [(await get(a)).report, (await get(b)).report];
    expect(c.accuracyA).toBe(reportA.accuracy);
    expect(c.accuracyB).toBe(reportB.accuracy);
  });

  it("refuses bad requests with stable codes and messages that say what to do", { timeout: 30_000 }, async () => {
    const unknown = await studio.api("eval.start", { architecture, dataset: "no-such-set" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringMatching(/no-such-set.*game24/) } });
    // The data dir (keys, database) is never a dataset.
    writeFileSync(join(studio.home, "secrets.jsonl"), "{}\n");
    expect(await studio.api("eval.start", { architecture, dataset: join(studio.home, "secrets.jsonl") })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
    expect(await studio.api("eval.start", { architecture, dataset: "/nowhere/data.jsonl" })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await studio.api("eval.start", { architecture, dataset: "game24", limit: 0 })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("limit") } });
    const broken = { ...architecture, edges: [] };
    expect(await studio.api("eval.start", { architecture: broken, dataset: "game24", limit: 1 })).toMatchObject({ ok: false, error: { code: "validation-failed" } });
    // A resume with another architecture than the one it started with says so.
    const listed = await studio.api<EvalSummary[]>("eval.list");
    const first = listed.ok ? listed.value.find((e) => e.architectureName === "game24-vote") : undefined;
    expect(await studio.api("eval.start", { architecture: { ...architecture, name: "renamed" }, dataset: "game24", resume: first!.evalId })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("different architecture") } });
    expect(await studio.api("eval.start", { architecture, dataset: "game24", resume: "no-such-eval" })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("no-such-eval") } });
    expect(await studio.api("eval.get", { evalId: "no-such-eval" })).toMatchObject({ ok: false, error: { code: "not-found", message: expect.stringContaining("no-such-eval") } });
    expect(await studio.api("eval.compare", { a: "no-such-eval", b: "other" })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await studio.api("eval.cancel", { evalId: "no-such-eval" })).toEqual({ ok: true, value: { evalId: "no-such-eval", cancelled: false } });
  });
});

describe("studio: a code evaluation runs its tests in the studio's sandbox", () => {
  it("scores a HumanEval item by executing the candidate against its tests (the embedded model's story fails them)", { timeout: 180_000 }, async () => {
    const single = JSON.parse(readFileSync(join(ROOT, "presets", "architectures", "single-call.itasca.json"), "utf8")) as Record<string, unknown>;
    const evalId = await start({ architecture: single, dataset: "humaneval", limit: 1 });
    const report = await finished(evalId, 1, 150_000);
    expect(report).toMatchObject({ status: "completed", items: 1, scorer: "code" });
    const [item] = (await get(evalId)).items;
    // Scored (not an error): the sandbox ran the program and it failed, saying why (a Python SyntaxError, say).
    expect(item).toMatchObject({ status: "scored", correct: false });
    expect(item?.reason).toMatch(/Error/);
  });
});

describe("studio: shutting down during an evaluation", () => {
  it("cancels it, keeping the items that completed; a later studio reports it cancelled and can resume it", { timeout: 120_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), "itasca-eval-close-"));
    const env = { ITASCA_HOME: home, ITASCA_LLAMA_THREADS: "1" };
    try {
      const first = createStudioService({ env, cwd: home });
      let closing: Promise<void> | undefined;
      first.subscribe((m) => {
        if (m.channel === "eval.event" && m.event.type === "eval.item") closing ??= first.close();
      });
      const started = await first.call("eval.start", { architecture, dataset: "game24", split: "all", limit: 8, concurrency: 1 });
      if (!started.ok) throw new Error(started.error.message);
      await waitFor(() => closing !== undefined, 60_000, "the first item");
      await closing;

      const second = createStudioService({ env, cwd: home });
      try {
        const got = await second.call("eval.get", { evalId: started.value.evalId });
        if (!got.ok) throw new Error(got.error.message);
        expect(got.value.report.status).toBe("cancelled");
        expect(got.value.items.length).toBeGreaterThanOrEqual(1);
        expect(got.value.items.length).toBeLessThan(8);
        const reports: EvalReport[] = [];
        second.subscribe((m) => m.channel === "eval.event" && m.event.type === "eval.finished" && reports.push(m.event.report));
        const resumed = await second.call("eval.start", { architecture, dataset: "game24", resume: started.value.evalId });
        expect(resumed).toEqual({ ok: true, value: { evalId: started.value.evalId } });
        await waitFor(() => reports.length === 1, 60_000, "the resumed evaluation");
        expect(reports[0]).toMatchObject({ status: "completed", items: 8, scored: 8 });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
