/**
 * The code scorer in the real sandbox (Pyodide workers): the 164 canonical HumanEval
 * solutions all pass, a broken one fails with its assertion, and the shipped MBPP slice's
 * canonical code passes.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset, resolveDataset, type EvalItem } from "../../../core/eval/datasets/index";
import { createSandbox, type Sandbox } from "../../../core/eval/sandbox/index";
import { scorerFor } from "../../../core/eval/scorers/index";
import { context } from "./context";

const HUMANEVAL_FULL = join(import.meta.dirname, "..", "..", "fixtures", "datasets", "humaneval.jsonl");
const code = scorerFor("code", { timeoutMs: 20_000 });
let sandbox: Sandbox;

beforeAll(() => {
  sandbox = createSandbox({ poolSize: 2 });
});
afterAll(async () => {
  await sandbox.close();
});

/** Scores every item's canonical solution, two at a time (the pool's size). */
async function scoreSolutions(items: readonly EvalItem[]): Promise<{ id: string; correct: boolean; reason?: string }[]> {
  const results: { id: string; correct: boolean; reason?: string }[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i] as EvalItem;
      const result = await code.score(item.solution ?? "", item, context({ sandbox }));
      results[i] = { id: item.id, correct: result.correct, ...(result.reason === undefined ? {} : { reason: result.reason }) };
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe("code scorer in the sandbox", () => {
  it("passes all 164 canonical HumanEval solutions", { timeout: 300_000 }, async () => {
    const { items } = await loadDataset(HUMANEVAL_FULL);
    expect(items).toHaveLength(164);
    const results = await scoreSolutions(items);
    expect(results.filter((r) => !r.correct)).toEqual([]);
    expect(results.filter((r) => r.correct)).toHaveLength(164);
  });

  it("fails a broken HumanEval solution with its first failing assertion", { timeout: 60_000 }, async () => {
    const { items } = await loadDataset(HUMANEVAL_FULL);
    const item = items[0] as EvalItem;
    const result = await code.score("```python\n    return False\n```", item, context({ sandbox }));
    expect(result.correct).toBe(false);
    expect(result.reason).toMatch(/^assert candidate\(\[1\.0, 2\.0, 3\.9, 4\.0, 5\.0, 2\.2\], 0\.3\) == True failed at line \d+$/);
  });

  it("passes a whole-function answer in a fenced block, and names an exception", { timeout: 60_000 }, async () => {
    const { items } = await loadDataset(HUMANEVAL_FULL);
    const item = items[0] as EvalItem;
    const whole = "Sure:\n```python\ndef has_close_elements(numbers, threshold):\n    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for j, b in enumerate(numbers) if i != j)\n```";
    expect((await code.score(whole, item, context({ sandbox }))).correct).toBe(true);
    const crash = await code.score("    return numbers[99]\n", item, context({ sandbox }));
    expect(crash.reason).toMatch(/^IndexError: list index out of range at line \d+: return numbers\[99\]$/);
  });

  it("times out an endless candidate", { timeout: 60_000 }, async () => {
    const { items } = await loadDataset(HUMANEVAL_FULL);
    const quick = scorerFor("code", { timeoutMs: 1000 });
    expect(await quick.score("    while True:\n        pass\n", items[0] as EvalItem, context({ sandbox }))).toMatchObject({ correct: false, reason: "timed out after 1000 ms" });
  });

  it("passes the canonical code of the shipped MBPP slice (50/50)", { timeout: 180_000 }, async () => {
    const { items } = await resolveDataset("mbpp");
    expect(items).toHaveLength(50);
    const results = await scoreSolutions(items);
    expect(results.filter((r) => !r.correct)).toEqual([]);
  });
});
