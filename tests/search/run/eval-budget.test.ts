/**
 * The per-query budget every run of a trial's evaluation is held to (EvaluationRequest.budget):
 * a run it stops is recorded as an error item (not a stop of the evaluation), the budget is
 * kept for a resume, and it combines with the evaluation's own dollar limit. A search passes
 * its per-query limits down, and counts such items as wrong.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EvalStore, startEvaluation } from "../../../core/eval/run";
import { planSearch, runPreparedSearch } from "../../../core/search/run";
import { loadArchitecture } from "../../helpers/architectures";
import { startOpenAIServer, type OpenAIServer } from "../../helpers/openai-server";
import { backendWith, DATASET, ListAlgorithm, openRig, removeHome, reply, SPACE, type Rig } from "./helpers";

let server: OpenAIServer;
let rig: Rig;

beforeAll(async () => {
  server = await startOpenAIServer({ reply });
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  await rig.close();
  removeHome(rig.home);
});

const architecture = loadArchitecture("tests/fixtures/search-run/sums-seeded.itasca.json");

describe("per-query budget of an evaluation", () => {
  it("records items whose run breaks it as errors, keeps it for a resume, and stops nothing else", async () => {
    rig = openRig(server.baseUrl);
    const services = { engine: rig.opened.engine, db: rig.opened.db };
    const before = server.requests.length;
    // Three samples per query against a limit of two calls.
    const handle = await startEvaluation(services, { architecture, dataset: DATASET, limit: 4, concurrency: 2, budget: { maxCalls: 2 } });
    const report = await handle.done;
    expect(report.status).toBe("completed");
    expect(report).toMatchObject({ items: 4, scored: 0, errors: 4 });
    const items = new EvalStore(rig.opened.db).items(report.evalId);
    expect(items.every((item) => item.status === "error" && /budget exceeded: call 3 would pass the limit of 2 calls/.test(item.error ?? ""))).toBe(true);
    // The engine refused the third call of every run before sending it.
    expect(server.requests.length - before).toBe(4 * 2);
    expect(new EvalStore(rig.opened.db).row(report.evalId)?.settings.budget).toEqual({ maxCalls: 2 });
  });

  it("with the evaluation's dollar limit too: the tighter dollar cap applies and a per-query stop is still an item outcome", async () => {
    rig = openRig(server.baseUrl);
    const services = { engine: rig.opened.engine, db: rig.opened.db };
    const handle = await startEvaluation(services, { architecture, dataset: DATASET, limit: 3, concurrency: 1, maxUsd: 10, budget: { maxCalls: 1 } });
    const report = await handle.done;
    expect(report.status).toBe("completed");
    expect(report.errors).toBe(3);
  });

  it("a search holds its trials to the per-query limits and counts an item that failed as wrong", async () => {
    // A second server that fails the first question (no retries): that item errors.
    const failing = await startOpenAIServer({ reply, faults: (_i, body) => (/89 plus 42\?/.test(body.messages.at(-1)?.content ?? "") ? { kind: "status", status: 500, message: "boom" } : undefined) });
    try {
      rig = openRig(failing.baseUrl);
      const configs = [{ samples: 2, temperature: 0.3, model: "test/counting" }];
      const backend = backendWith((o) => new ListAlgorithm(configs, o.maxFidelity), configs);
      const services = { engine: rig.opened.engine, db: rig.opened.db, backend };
      const prepared = await planSearch(services, { space: SPACE, dataset: DATASET, split: "all", limit: 3, algorithm: "random", perQuery: { maxCalls: 2, maxOutputTokens: 64 } });
      const result = await runPreparedSearch(services, prepared).done;
      const trial = result.trials[0];
      expect(new EvalStore(rig.opened.db).row(trial?.evalId as string)?.settings.budget).toEqual({ maxCalls: 2, maxOutputTokens: 64 });
      // The evaluation's accuracy is 2/2 of the scored items; the trial's score is 2/3 of its items.
      expect(trial).toMatchObject({ status: "scored", score: 2 / 3 });
      expect(trial?.reason).toMatch(/^1 of 3 items failed and count as wrong \(first: .*boom/);
    } finally {
      await failing.close();
    }
  });
});
