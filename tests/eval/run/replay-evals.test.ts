/**
 * End to end on the replay provider: evaluations over the shipped GSM8K and Game-of-24 slices
 * whose accuracies the test computes on its own from the replay files' labels, then a
 * comparison of two of them.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../../core/api/eval-types";
import { compareEvaluations, EvalStore, startEvaluation, type EvaluationRequest } from "../../../core/eval/run";
import { normalizeAnswer } from "../../../core/nodes/extract";
import { ModelRegistry } from "../../../core/providers/models";
import { openEngine, type OpenedEngine } from "../../../core/store/open-engine";
import { loadArchitecture, ROOT } from "../../helpers/architectures";

interface ReplayLine {
  id: string;
  model: string;
  samples: { text: string; label?: { correct?: boolean } }[];
}

function replayRecords(file: string, model?: string): ReplayLine[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n").filter((l) => l.trim() !== "");
  return lines.map((l) => JSON.parse(l) as ReplayLine).filter((r) => model === undefined || r.model === model);
}

const labelled = (sample: { label?: { correct?: boolean } } | undefined) => sample?.label?.correct === true;

let home: string;
let opened: OpenedEngine;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "itasca-eval-replay-"));
  opened = openEngine({ env: {}, models: new ModelRegistry(), home });
});

afterAll(async () => {
  await opened.close();
  rmSync(home, { recursive: true, force: true });
});

async function evaluate(request: EvaluationRequest): Promise<EvalReport> {
  const handle = await startEvaluation({ engine: opened.engine, db: opened.db }, request);
  return handle.done;
}

describe("evaluations on the replay provider", () => {
  it("GSM8K: a single call's accuracy is the share of labelled-correct recorded solutions", async () => {
    const records = replayRecords("presets/replay/gsm8k-solutions.jsonl", "175b_verification");
    expect(records).toHaveLength(20);
    const expected = records.filter((r) => labelled(r.samples[0])).length;

    const report = await evaluate({ architecture: loadArchitecture("tests/fixtures/eval/gsm8k-single.itasca.json"), dataset: "gsm8k", split: "all", limit: 20 });
    expect(report.status).toBe("completed");
    expect(report.items).toBe(20);
    expect(report.scored).toBe(20);
    expect(report.scorer).toBe("numeric");
    expect(report.correct).toBe(expected);
    expect(report.accuracy).toBeCloseTo(expected / 20, 10);
    expect(report.ci95[0]).toBeLessThan(report.accuracy);
    expect(report.ci95[1]).toBeGreaterThan(report.accuracy);
    // One candidate per item: coverage is the accuracy.
    expect(report.coverage).toBeCloseTo(report.accuracy, 10);
    expect(report.usage.calls + report.usage.cachedCalls).toBe(20);
    expect(report.usage.costUsd).toBe(0);
  });

  it("Game of 24: a 100-sample vote scores the majority expression, coverage is any sample correct", async () => {
    const records = replayRecords("presets/replay/game24-gpt4-cot.jsonl");
    expect(records).toHaveLength(10);
    const pattern = /Answer:\s*([^=\n]+?)\s*=\s*24/g;
    let expectedCorrect = 0;
    let expectedCovered = 0;
    for (const record of records) {
      const samples = record.samples;
      if (samples.some(labelled)) expectedCovered++;
      // The vote node's rule: the most frequent extracted answer, ties to the earliest.
      const votes = new Map<string, { count: number; correct: boolean }>();
      for (const sample of samples) {
        const last = [...sample.text.matchAll(pattern)].at(-1)?.[1];
        if (last === undefined) continue;
        const value = normalizeAnswer(last);
        const entry = votes.get(value) ?? { count: 0, correct: labelled(sample) };
        entry.count++;
        votes.set(value, entry);
      }
      let best: { count: number; correct: boolean } | undefined;
      for (const entry of votes.values()) if (best === undefined || entry.count > best.count) best = entry;
      if (best?.correct === true) expectedCorrect++;
    }

    expect(expectedCovered).toBe(7); // puzzles 906-908 have no correct sample among the 100
    const report = await evaluate({ architecture: loadArchitecture("tests/fixtures/eval/game24-vote-100.itasca.json"), dataset: "game24", split: "all", limit: 10 });
    expect(report.status).toBe("completed");
    expect(report.scorer).toBe("game24");
    expect(report.scored).toBe(10);
    expect(report.correct).toBe(expectedCorrect);
    expect(report.coverage).toBeCloseTo(expectedCovered / 10, 10);
    expect(report.coverage ?? 0).toBeGreaterThanOrEqual(report.accuracy);
    expect(report.perNode["generate"]?.calls).toBe(1000);
  });

  it("compares two evaluations on their shared items and refuses different datasets", async () => {
    const a = await evaluate({ architecture: loadArchitecture("tests/fixtures/eval/gsm8k-single-6b.itasca.json"), dataset: "gsm8k", split: "all", limit: 20 });
    const b = await evaluate({ architecture: loadArchitecture("tests/fixtures/eval/gsm8k-single.itasca.json"), dataset: "gsm8k", split: "all", limit: 20 });
    const store = new EvalStore(opened.db);
    const comparison = compareEvaluations(store, a.evalId, b.evalId);
    expect(comparison.items).toBe(20);
    expect(comparison.accuracyA).toBeCloseTo(a.accuracy, 10);
    expect(comparison.accuracyB).toBeCloseTo(b.accuracy, 10);
    expect(comparison.wins - comparison.losses).toBe(b.correct - a.correct);
    expect(comparison.wins + comparison.losses + comparison.ties).toBe(20);
    expect(comparison.ci95[0]).toBeLessThanOrEqual(comparison.difference);
    expect(comparison.ci95[1]).toBeGreaterThanOrEqual(comparison.difference);
    expect(compareEvaluations(store, a.evalId, b.evalId)).toEqual(comparison);

    const other = await evaluate({ architecture: loadArchitecture("tests/fixtures/eval/game24-single.itasca.json"), dataset: "game24", split: "all", limit: 3 });
    expect(() => compareEvaluations(store, a.evalId, other.evalId)).toThrow(/different datasets/);
    expect(() => compareEvaluations(store, a.evalId, "eval-missing")).toThrow(/no evaluation "eval-missing"/);
  });

  it("lists evaluations, newest first, by architecture file", async () => {
    const file = join(ROOT, "tests/fixtures/eval/game24-single.itasca.json");
    const report = await evaluate({ architecture: loadArchitecture("tests/fixtures/eval/game24-single.itasca.json"), file, dataset: "game24", split: "all", limit: 2 });
    const listed = new EvalStore(opened.db).list({ file });
    expect(listed[0]?.evalId).toBe(report.evalId);
    expect(listed.every((e) => e.file === file)).toBe(true);
  });
});
