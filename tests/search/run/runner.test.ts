/**
 * The search runner in process, against a real OpenAI-protocol server on 127.0.0.1 that
 * records every request, a real engine and a real SQLite database: trials are evaluations on
 * the first `fidelity` items, over-budget configurations are never sent, outcomes reach the
 * algorithm in suggestion order, promotions pay only for new items, and trials are stored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SearchEvent, TrialRecord } from "../../../core/api/search-types";
import { runPreparedSearch, planSearch, SearchStore, type SearchRequest } from "../../../core/search/run";
import { startOpenAIServer, type OpenAIServer } from "../../helpers/openai-server";
import { allConfigs, backendWith, DATASET, ListAlgorithm, openRig, removeHome, reply, requestKey, SPACE, TwoRungAlgorithm, type Rig } from "./helpers";

let server: OpenAIServer;
let rig: Rig | undefined;

beforeAll(async () => {
  server = await startOpenAIServer({ reply, latencyMs: 5 });
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  if (rig !== undefined) {
    await rig.close();
    removeHome(rig.home);
    rig = undefined;
  }
});

const base: SearchRequest = { space: SPACE, dataset: DATASET, split: "all", limit: 6, algorithm: "random", seed: 0 };

async function search(request: SearchRequest, backend: ReturnType<typeof backendWith>, events: SearchEvent[] = []) {
  rig ??= openRig(server.baseUrl);
  const services = { engine: rig.opened.engine, db: rig.opened.db, backend };
  const prepared = await planSearch(services, request);
  const handle = runPreparedSearch(services, prepared, { onEvent: (e) => events.push(e) });
  return { prepared, handle, result: await handle.done, events };
}

describe("search runner", () => {
  it("scores each trial as an evaluation on the first items and stores it", async () => {
    const configs = [
      { samples: 2, temperature: 0.7, model: "test/counting" },
      { samples: 1, temperature: 0.3, model: "test/counting" },
      { samples: 3, temperature: 0.3, model: "test/counting" },
    ];
    const backend = backendWith((o) => new ListAlgorithm(configs, o.maxFidelity), configs);
    const before = server.requests.length;
    const { result, events } = await search(base, backend);
    const { report, trials } = result;
    expect(report.status).toBe("completed");
    expect(trials.map((t) => [t.index, t.status, t.fidelity])).toEqual([
      [0, "scored", 6],
      [1, "scored", 6],
      [2, "scored", 6],
    ]);
    // At 0.7 the items whose sum is a multiple of 3 are wrong (the first 6 have one: 55 + 98 = 153).
    expect(trials[1]?.score).toBe(1);
    expect(trials[0]?.score).toBeLessThan(1);
    // The best: full score, then the cheapest (one sample).
    expect(report.best).toMatchObject({ trialIndex: 1, score: 1, callsPerQuery: 1 });
    // Trial 2 (3 samples at 0.3) reused trial 1's sample 0 of every item: its evaluation paid for 2 samples per item.
    const samplesAsked = server.requests.slice(before).filter((r) => r.body.temperature === 0.3).reduce((sum, r) => sum + (r.body.n ?? 1), 0);
    expect(samplesAsked).toBe(6 * 3);
    expect(trials[2]?.callsPerQuery).toBe(3);
    expect(trials[2]?.spentCalls).toBe(6 * 2);
    // Cost per query counts the cached sample at the price it was paid: trial 1's cost plus what trial 2 paid for its new samples.
    expect(trials[2]?.costPerQueryUsd).toBeCloseTo((trials[1]?.costPerQueryUsd ?? 0) + (trials[2]?.spentUsd ?? 0) / 6, 12);
    expect(trials[2]?.spentUsd).toBeGreaterThan(0);
    // Stored as they ended, with the evaluation's id.
    const stored = new SearchStore((rig as Rig).opened.db).trials(report.searchId);
    expect(stored).toEqual(trials);
    expect(stored.every((t) => t.evalId?.startsWith("eval-"))).toBe(true);
    expect(events.filter((e) => e.type === "search.trial")).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: "search.finished", report: { searchId: report.searchId } });
  });

  it("never evaluates a configuration over the per-query budget and reports it as excluded", async () => {
    const configs = (await allConfigs()).filter((c) => c["temperature"] === 0.3 && (c["samples"] as number) <= 2);
    expect(configs.some((c) => c["model"] === "test/dear")).toBe(true);
    const backend = backendWith((o) => new ListAlgorithm(configs, o.maxFidelity), configs);
    const before = server.requests.length;
    // test/dear costs $100,000 per million prompt tokens: any of its queries is over a cent.
    const { result, prepared } = await search({ ...base, perQuery: { maxUsd: 0.01, maxCalls: 1 } }, backend);
    const sent = server.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((r) => r.body.model === "dear-model")).toEqual([]);
    const excluded = result.trials.filter((t) => t.status === "excluded");
    // Every dear configuration (over the dollars) and every 2-sample one (over the calls).
    expect(excluded.map((t) => t.config).sort()).toEqual(configs.filter((c) => c["model"] === "test/dear" || c["samples"] === 2).sort());
    expect(excluded.every((t) => t.evalId === undefined && t.spentUsd === 0)).toBe(true);
    expect(excluded.find((t) => t.config["model"] === "test/dear")?.reason).toMatch(/^estimated \$\d+\.\d{4} per query > \$0\.0100 \(--max-usd-per-query\)/);
    expect(excluded.find((t) => t.config["model"] === "test/counting")?.reason).toBe("estimated 2 calls per query > 1 (--max-calls-per-query)");
    expect(result.report.excluded).toBe(excluded.length);
    expect(result.report.trials).toBe(configs.length - excluded.length);
    // The worst case only counts configurations within the limits.
    expect(prepared.worstCase.sampled).toBe(configs.length - excluded.length);
    expect(prepared.worstCase.perQueryUsd).toBeLessThanOrEqual(0.01);
  });

  it("feeds outcomes to the algorithm in suggestion order, however the trials finish", async () => {
    // Trial 0 scores 6 items one at a time, trial 1 one item: trial 1 finishes first.
    const configs = [
      { samples: 4, temperature: 0.7, model: "test/counting" },
      { samples: 1, temperature: 0.3, model: "test/counting" },
      { samples: 2, temperature: 0.7, model: "test/counting" },
      { samples: 1, temperature: 0.7, model: "test/counting" },
    ];
    const backend = backendWith(() => new ListAlgorithm(configs, [6, 1, 6, 1]), configs);
    const events: SearchEvent[] = [];
    await search({ ...base, concurrency: 2, evalConcurrency: 1 }, backend, events);
    const algorithm = backend.made[0] as ListAlgorithm;
    expect(algorithm.observed.map(([config]) => config)).toEqual(configs);
    const finishedOrder = events.flatMap((e) => (e.type === "search.trial" ? [e.trial.index] : []));
    expect(finishedOrder.slice(0, 2)).toEqual([1, 0]);
  });

  it("promotes configurations to more items paying only for the new ones", async () => {
    const configs = [
      { samples: 1, temperature: 0.7, model: "test/counting" },
      { samples: 1, temperature: 0.3, model: "test/counting" },
    ];
    const backend = backendWith(() => new TwoRungAlgorithm(configs, 2, 6), configs);
    const before = server.requests.length;
    const { result } = await search({ ...base, algorithm: "halving" }, backend);
    expect(result.trials.map((t) => [t.config["temperature"], t.fidelity])).toEqual([
      [0.7, 2],
      [0.3, 2],
      [0.3, 6],
    ]);
    const promoted = result.trials[2] as TrialRecord;
    expect(promoted.spentCalls).toBe(4);
    expect(promoted.callsPerQuery).toBe(1);
    // Every request was sent once: the promotion asked only items 3..6.
    const keys = server.requests.slice(before).map((r) => requestKey(r.body));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(2 + 2 + 4);
    // The best is chosen among the full-fidelity trials.
    expect(result.report.best?.trialIndex).toBe(2);
    expect(result.report.pareto.map((p) => p.trialIndex)).toEqual([2]);
  });

  it("with the real successive halving: promoted configurations pay only for their new items", async () => {
    rig ??= openRig(server.baseUrl);
    const services = { engine: rig.opened.engine, db: rig.opened.db };
    const prepared = await planSearch(services, { ...base, limit: 9, algorithm: "halving", trials: 12, eta: 3, minFidelity: 1, perQuery: { maxUsd: 0.01 } });
    const { report, trials } = await runPreparedSearch(services, prepared).done;
    expect(report.status).toBe("completed");
    const scored = trials.filter((t) => t.status === "scored");
    const rungs = [...new Set(scored.map((t) => t.fidelity))];
    expect(rungs).toEqual([1, 3, 9]);
    for (const t of scored.filter((x) => x.fidelity > 1)) {
      const earlier = scored.filter((x) => x.architectureHash === t.architectureHash && x.fidelity < t.fidelity).map((x) => x.fidelity);
      expect(earlier.length, `trial ${t.index} was promoted`).toBeGreaterThan(0);
      // Only the items past its previous rung were new to it: at most (new items) x samples calls.
      expect(t.spentCalls ?? 0).toBeLessThanOrEqual((t.fidelity - Math.max(...earlier)) * (t.config["samples"] as number));
    }
    // The best is the top score among the full evaluations (9 items), not a lucky 1-item rung.
    const full = scored.filter((t) => t.fidelity === 9);
    expect(report.best?.score).toBe(Math.max(...full.map((t) => t.score ?? 0)));
    expect(full.map((t) => t.index)).toContain(report.best?.trialIndex);
  });
});
