/**
 * The evaluation runner against a real OpenAI-protocol server on 127.0.0.1: the dollar limit,
 * cancel and resume, failed items, what is recorded for reproduction, and the refusals.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EvalEvent, EvalReport } from "../../../core/api/eval-types";
import { EvalStore, startEvaluation, type EvaluationRequest } from "../../../core/eval/run";
import { serializeArchitecture } from "../../../core/graph/serialize";
import { ModelRegistry } from "../../../core/providers/models";
import { openEngine, type OpenedEngine } from "../../../core/store/open-engine";
import { loadArchitecture, ROOT, withParams } from "../../helpers/architectures";
import { startOpenAIServer, type ChatBody, type OpenAIServer } from "../../helpers/openai-server";

const DATASET = join(ROOT, "tests/fixtures/eval/sums.jsonl");
const architecture = loadArchitecture("tests/fixtures/eval/sums-vote.itasca.json");

function reply(_index: number, _choice: number, body: ChatBody): string {
  const user = body.messages.at(-1)?.content ?? "";
  // The judge: it calls an answer correct exactly when the reference is even (so its verdicts are visible in the accuracy).
  const reference = user.match(/Reference answer:\n(\d+)/)?.[1];
  if (reference !== undefined) return `GRADE: ${Number(reference) % 2 === 0 ? 10 : 0}\nVERDICT: ${Number(reference) % 2 === 0 ? "CORRECT" : "INCORRECT"}\nREASON: parity`;
  const [a, b] = (body.messages.at(-1)?.content.match(/(\d+) plus (\d+)/)?.slice(1) ?? ["0", "0"]).map(Number) as [number, number];
  return `The sum is ${a + b}`;
}

let server: OpenAIServer;
let home: string;
let opened: OpenedEngine;
/** While set, the question of sum-0 ("What is 89 plus 42?") fails with a 500 every time (no retries). */
let failFirst = false;

beforeAll(async () => {
  server = await startOpenAIServer({
    reply,
    latencyMs: 40,
    faults: (_i, body) => (failFirst && /89 plus 42\?/.test(body.messages.at(-1)?.content ?? "") ? { kind: "status", status: 500, message: "boom" } : undefined),
  });
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  failFirst = false;
  await opened.close();
  rmSync(home, { recursive: true, force: true });
});

/** A fresh data dir and engine; the model costs $1 per 1,000 prompt tokens, so items cost money. */
function open(): void {
  home = mkdtempSync(join(tmpdir(), "itasca-eval-run-"));
  const models = new ModelRegistry().withEntries([{ id: "test/counting", provider: "openai-compatible", model: "fake-model", baseUrl: server.baseUrl, priceInPerMTok: 1000, priceOutPerMTok: 0, maxConcurrency: 4, maxRetries: 0 },
    { id: "test/judge", provider: "openai-compatible", model: "fake-model", baseUrl: server.baseUrl, maxConcurrency: 4, maxRetries: 0 },
  ]);
  opened = openEngine({ env: {}, models, home });
}

async function evaluate(request: Partial<EvaluationRequest>, events: EvalEvent[] = []): Promise<EvalReport> {
  const handle = await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture, dataset: DATASET, ...request }, { onEvent: (e) => events.push(e) });
  return handle.done;
}

describe("startEvaluation", () => {
  it("records what reproduces the numbers: canonical architecture, its hash, the models, the dataset hash and the items", async () => {
    open();
    const events: EvalEvent[] = [];
    const report = await evaluate({ limit: 5, concurrency: 2 }, events);
    expect(report.status).toBe("completed");
    expect(report.accuracy).toBe(1);
    const row = new EvalStore(opened.db).row(report.evalId);
    expect(row?.architecture).toBe(serializeArchitecture(architecture));
    expect(row?.architectureHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.models.map((m) => m.id)).toEqual(["test/counting"]);
    expect(row?.itemIds).toEqual(["sum-0", "sum-1", "sum-2", "sum-3", "sum-4"]);
    expect(events.map((e) => e.type)).toEqual(["eval.started", ...Array<string>(5).fill("eval.item"), "eval.finished"]);
    const last = events.at(-2);
    expect(last?.type === "eval.item" && last.progress.done).toBe(5);
    expect(report.usage.costUsd).toBeGreaterThan(0);
    expect(report.costPerItemUsd).toBeCloseTo(report.usage.costUsd / 5, 10);
  });

  it("takes a seeded dev split of 20% and a disjoint test split", async () => {
    open();
    const dev = await evaluate({ split: "dev", seed: 3 });
    const test = await evaluate({ split: "test", seed: 3 });
    const store = new EvalStore(opened.db);
    const devIds = store.row(dev.evalId)?.itemIds ?? [];
    const testIds = store.row(test.evalId)?.itemIds ?? [];
    expect(devIds).toHaveLength(5); // round(24 * 0.2)
    expect(testIds).toHaveLength(19);
    expect(devIds.filter((id) => testIds.includes(id))).toEqual([]);
    const again = await evaluate({ split: "dev", seed: 3 });
    expect(store.row(again.evalId)?.itemIds).toEqual(devIds);
  });

  it("stops starting items at the dollar limit, and a resume with a higher limit finishes without re-paying", async () => {
    open();
    const stopped = await evaluate({ concurrency: 1, maxUsd: 0.1 });
    expect(stopped.status).toBe("budget");
    expect(stopped.stopReason).toContain("$0.1");
    expect(stopped.scored).toBeGreaterThan(0);
    expect(stopped.scored).toBeLessThan(24);
    const paid = stopped.usage.costUsd;
    // Each run's budget is what is left, checked against a call's worst case before it is made: never over.
    expect(paid).toBeLessThanOrEqual(0.1);

    const before = server.requests.length;
    const resumed = await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture, dataset: "", resume: stopped.evalId, maxUsd: 100 });
    expect(resumed.resumed).toBe(stopped.scored);
    const report = await resumed.done;
    expect(report.status).toBe("completed");
    expect(report.scored).toBe(24);
    expect(server.requests.length - before).toBe(24 - stopped.scored);
  });

  it("cancel keeps the completed items and resume continues from them", async () => {
    open();
    const handle = await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture, dataset: DATASET, concurrency: 1 }, {
      onEvent: (event) => {
        if (event.type === "eval.item" && event.progress.done === 3) handle.cancel("enough");
      },
    });
    const cancelled = await handle.done;
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.stopReason).toBe("enough");
    expect(cancelled.scored).toBe(3);
    const resumed = await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture, dataset: "", resume: cancelled.evalId });
    expect(resumed.resumed).toBe(3);
    expect((await resumed.done).scored).toBe(24);
  });

  it("records a failed run as an error item (not scored) and retries it on resume", async () => {
    open();
    failFirst = true;
    const first = await evaluate({ concurrency: 4 });
    const failed = new EvalStore(opened.db).items(first.evalId).filter((i) => i.status === "error");
    expect(failed.map((i) => i.itemId)).toEqual(["sum-0"]);
    expect(first.errors).toBe(failed.length);
    expect(first.scored).toBe(24 - failed.length);
    expect(failed[0]?.error).toContain("500");
    expect(first.status).toBe("completed");

    failFirst = false;
    const retried = await (await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture, dataset: "", resume: first.evalId })).done;
    expect(retried.errors).toBe(0);
    expect(retried.scored).toBe(24);
  });

  it("the LLM judge's calls go through the engine and count in the usage; a rerun answers them from the cache", async () => {
    open();
    const before = server.requests.length;
    const judged = await evaluate({ limit: 8, scorer: "judge", scorerOptions: { model: "test/judge" } });
    const references = new EvalStore(opened.db).items(judged.evalId).map((i) => Number(i.reference));
    expect(judged.status).toBe("completed");
    expect(judged.correct).toBe(references.filter((r) => r % 2 === 0).length);
    expect(judged.perNode["judge"]?.calls).toBe(8);
    expect(judged.usage.calls).toBe((judged.perNode["generate"]?.calls ?? 0) + 8);
    expect(judged.coverage).toBeNull();
    expect(server.requests.length - before).toBe(16);
    const again = await evaluate({ limit: 8, scorer: "judge", scorerOptions: { model: "test/judge" } });
    expect(again.correct).toBe(judged.correct);
    expect(again.usage.calls).toBe(0);
    expect(again.perNode["judge"]?.cachedCalls).toBe(8);
  });

  it("refuses to resume with another architecture or a changed dataset file", async () => {
    open();
    const copy = join(home, "sums.jsonl");
    copyFileSync(DATASET, copy);
    const report = await evaluate({ dataset: copy, limit: 2 });
    const changed = withParams(architecture, "generate", { samples: 2 });
    await expect(startEvaluation({ engine: opened.engine, db: opened.db }, { architecture: changed, dataset: "", resume: report.evalId })).rejects.toThrow(/different architecture/);
    writeFileSync(copy, '{"id": "x", "question": "What is 1 plus 1?", "answer": "2"}\n');
    await expect(startEvaluation({ engine: opened.engine, db: opened.db }, { architecture, dataset: "", resume: report.evalId })).rejects.toThrow(/has changed since it started/);
  });

  it("refuses an empty selection and an unscorable dataset before spending anything", async () => {
    open();
    const before = server.requests.length;
    const noRefs = join(home, "no-refs.jsonl");
    writeFileSync(noRefs, '{"id": "a", "question": "What is 1 plus 2?"}\n');
    await expect(evaluate({ dataset: noRefs, scorer: "numeric" })).rejects.toThrow(/needs a reference answer/);
    const one = join(home, "one.jsonl");
    writeFileSync(one, '{"id": "a", "question": "What is 1 plus 2?", "answer": "3"}\n');
    await expect(evaluate({ dataset: one, split: "dev" })).rejects.toThrow(/has no items/);
    expect(server.requests.length).toBe(before);
  });
});
