/**
 * Stopping and resuming in process: a total budget stops a search cleanly with its best so
 * far; Ctrl-C (cancel) keeps what finished; `resume` rebuilds the algorithm, replays the
 * stored trials and continues, giving the trials of an uninterrupted search with the same
 * seed, and no call is made twice: the server sees no request again for a call the client had
 * completed before the stop (a call still in flight at the stop was never completed: it is
 * asked again, as it must be).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchEvent, TrialRecord } from "../../../core/api/search-types";
import { EvalStore } from "../../../core/eval/run";
import { planSearch, runPreparedSearch, SearchStore, type SearchRequest, type SearchResult } from "../../../core/search/run";
import { startOpenAIServer, type OpenAIServer } from "../../helpers/openai-server";
import { backendWith, completedCallKeys, DATASET, openRig, removeHome, reply, requestKey, SPACE, TwoRungAlgorithm, type Rig } from "./helpers";

let server: OpenAIServer;
const rigs: Rig[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({ reply, latencyMs: 10 });
});

afterAll(async () => {
  for (const rig of rigs) {
    await rig.close();
    removeHome(rig.home);
  }
  await server.close();
});

const CONFIGS = [
  { samples: 2, temperature: 0.7, model: "test/counting" },
  { samples: 1, temperature: 0.3, model: "test/counting" },
  { samples: 3, temperature: 0.7, model: "test/counting" },
  { samples: 2, temperature: 0.3, model: "test/counting" },
  { samples: 1, temperature: 0.7, model: "test/counting" },
  { samples: 4, temperature: 0.3, model: "test/counting" },
];
const request: SearchRequest = { space: SPACE, dataset: DATASET, split: "all", limit: 8, algorithm: "halving", seed: 3, concurrency: 2, evalConcurrency: 2 };
const backend = () => backendWith(() => new TwoRungAlgorithm(CONFIGS, 2, 8), CONFIGS);

function rig(): Rig {
  const r = openRig(server.baseUrl);
  rigs.push(r);
  return r;
}

async function run(r: Rig, req: SearchRequest, onEvent?: (e: SearchEvent, cancel: (reason: string) => void) => void): Promise<SearchResult> {
  const services = { engine: r.opened.engine, db: r.opened.db, backend: backend() };
  let cancel = (_reason: string) => {};
  const handle = runPreparedSearch(services, await planSearch(services, req), { onEvent: (e) => onEvent?.(e, (reason) => cancel(reason)) });
  cancel = handle.cancel;
  return handle.done;
}

const outcome = (t: TrialRecord) => [t.index, t.status, t.fidelity, t.config, t.score, t.callsPerQuery, t.architectureHash];

describe("search stop and resume", () => {
  let reference: SearchResult;

  beforeAll(async () => {
    reference = await run(rig(), request);
    expect(reference.report.status).toBe("completed");
    // 6 configurations on 2 items, then the best 3 on 8.
    expect(reference.trials).toHaveLength(9);
  });

  it("stops cleanly at the total call budget with its best so far, and a bigger budget finishes it", async () => {
    const r = rig();
    const before = server.requests.length;
    const stopped = await run(r, { ...request, total: { maxCalls: 12 } });
    const completedBefore = new Set(completedCallKeys(r.opened.db));
    const resumeFrom = server.requests.length;
    expect(stopped.report.status).toBe("stopped");
    expect(stopped.report.stopReason).toMatch(/^the total budget of 12 calls is used \(\d+\)$/);
    expect(stopped.trials.length).toBeGreaterThan(0);
    expect(stopped.trials.length).toBeLessThan(9);
    expect(stopped.report.best).not.toBeNull();
    // In-flight trials are cancelled at once: the calls made stay within one item's worth per trial in flight of the limit.
    const madeBeforeResume = server.requests.slice(before).reduce((sum, q) => sum + (q.body.n ?? 1), 0);
    expect(madeBeforeResume).toBeGreaterThanOrEqual(12);
    expect(madeBeforeResume).toBeLessThan(12 + 2 * 2 * 4);
    // The stored row says so, and the search is listed.
    const store = new SearchStore(r.opened.db);
    expect(store.row(stopped.report.searchId)?.status).toBe("stopped");

    const resumed = await run(r, { resume: stopped.report.searchId, total: { maxCalls: 10_000 } });
    expect(resumed.report.status).toBe("completed");
    expect(resumed.report.searchId).toBe(stopped.report.searchId);
    expect(resumed.trials.map(outcome)).toEqual(reference.trials.map(outcome));
    expect(resumed.report.best).toEqual(reference.report.best);
    expect(resumed.report.pareto).toEqual(reference.report.pareto);
    // No call completed before the stop was made again.
    expect(completedBefore.size).toBeGreaterThan(0);
    expect(server.requests.slice(resumeFrom).filter((q) => completedBefore.has(requestKey(q.body)))).toEqual([]);
  });

  it("a cancelled search resumes to the trials of an uninterrupted one, continuing the evaluation in flight", async () => {
    // One trial at a time: then no two trials are ever in flight together, and the server must answer no request twice at all.
    const serial = { ...request, concurrency: 1 };
    const uninterrupted = await run(rig(), serial);
    const r = rig();
    const first = await run(r, serial, (event, cancel) => {
      // Half way through the first full-fidelity trial (8 items, 2 at a time, 10 ms a request).
      if (event.type === "search.trial" && event.progress.done === 6) setTimeout(() => cancel("interrupted (Ctrl-C)"), 15);
    });
    expect(first.report.status).toBe("cancelled");
    expect(first.report.stopReason).toBe("interrupted (Ctrl-C)");
    const store = new SearchStore(r.opened.db);
    const unfinished = [...store.stored(first.report.searchId).values()].filter((t) => t.status === "running");
    expect(first.trials.length).toBe(6);
    expect(unfinished.length).toBeGreaterThan(0);
    const interruptedEval = unfinished[0]?.status === "running" ? unfinished[0].evalId : "";
    const completedBefore = new Set(completedCallKeys(r.opened.db));
    const resumeFrom = server.requests.length;

    const events: SearchEvent[] = [];
    const resumed = await run(r, { resume: first.report.searchId }, (e) => events.push(e));
    expect(events[0]).toMatchObject({ type: "search.started", resumed: 6 });
    expect(resumed.trials.map(outcome)).toEqual(uninterrupted.trials.map(outcome));
    expect(resumed.report.best).toEqual(uninterrupted.report.best);
    // The same trials as with two in flight: the batch size decides the suggestions here, not the timing.
    expect(resumed.report.best).toEqual(reference.report.best);
    // The interrupted trial's evaluation was continued, not started again.
    expect(resumed.trials.some((t) => t.evalId === interruptedEval)).toBe(true);
    expect(new EvalStore(r.opened.db).row(interruptedEval)?.status).toBe("completed");
    expect(server.requests.slice(resumeFrom).filter((q) => completedBefore.has(requestKey(q.body)))).toEqual([]);
    // One trial at a time, the two sessions together made each call once.
    const calls = completedCallKeys(r.opened.db);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.length).toBe(completedCallKeys(rigs.at(-2)?.opened.db as never).length);
  });

  it("stops at the time budget, cancelling the trial in flight", async () => {
    const r = rig();
    const started = Date.now();
    const stopped = await run(r, { ...request, evalConcurrency: 1, total: { maxMinutes: 0.003 } });
    expect(stopped.report.status).toBe("stopped");
    expect(stopped.report.stopReason).toBe("the time budget of 0.003 min is used");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stopped.trials.length).toBeLessThan(9);
  });

  it("refuses to resume when the algorithm suggests other trials than the stored ones", async () => {
    const r = rig();
    const first = await run(r, request, (event, cancel) => {
      if (event.type === "search.trial" && event.progress.done === 2) cancel("stop");
    });
    const services = { engine: r.opened.engine, db: r.opened.db, backend: backendWith(() => new TwoRungAlgorithm([...CONFIGS].reverse(), 2, 8), CONFIGS) };
    const handle = runPreparedSearch(services, await planSearch(services, { resume: first.report.searchId }));
    const result = await handle.done;
    expect(result.report.status).toBe("failed");
    expect(result.report.stopReason).toMatch(/on resume the algorithm suggested .* for trial 0, but the stored trial is .*; the algorithm or the space has changed since the search started: start a new search/);
  });

  it("refuses a resume with a changed setting or an unknown id", async () => {
    const r = rig();
    const services = { engine: r.opened.engine, db: r.opened.db, backend: backend() };
    await expect(planSearch(services, { resume: "search-nope" })).rejects.toThrow('no search "search-nope"; "itasca search list" shows the stored ones');
  });
});
