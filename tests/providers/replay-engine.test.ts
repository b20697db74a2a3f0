import { describe, expect, it } from "vitest";
import type { RunResult } from "../../core/api/run-types";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import { ModelRegistry } from "../../core/providers/models";
import { ProviderPool } from "../../core/providers/pool";
import { loadArchitecture, withParams } from "../helpers/architectures";

const GAME24_VOTE = loadArchitecture("presets/architectures/game24-vote.itasca.json");

/** One run on a fresh engine, pool and cache: nothing carries over between calls. */
async function freshRun(query: string, architecture = GAME24_VOTE): Promise<RunResult> {
  const pool = new ProviderPool();
  try {
    const engine = new Engine({ providers: pool.resolve, models: new ModelRegistry(), cache: new MemoryCallCache(), partialIntervalMs: 0 });
    return await engine.start(engine.check(architecture), { text: query }).result;
  } finally {
    await pool.close();
  }
}

describe("the game24-vote preset on the replay provider", () => {
  it("runs at zero cost and gives the same answer on two fresh engines", async () => {
    const first = await freshRun("4 5 6 10");
    const second = await freshRun("4 5 6 10");
    expect(first.status).toBe("completed");
    expect(first.usage.calls).toBe(10);
    expect(first.usage.costUsd).toBe(0);
    expect(first.usage.inputTokens).toBe(10 * 437);
    expect(first.answer?.text).toBe("(6 - 4) * 5");
    expect(second.answer).toEqual(first.answer);
    expect(second.trace.map((c) => c.response).sort()).toEqual(first.trace.map((c) => c.response).sort());
  });

  it("a puzzle that is not recorded fails the run, naming the prompt and the file", async () => {
    const result = await freshRun("1 2 3 4");
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain('replay file presets/replay/game24-gpt4-cot.jsonl has no record for prompt "1 2 3 4"');
  });

  it("more samples than recorded fail the run with the record's limit", async () => {
    const result = await freshRun("4 5 6 10", withParams(GAME24_VOTE, "generate", { samples: 101 }));
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain('replay record "game24-900" in presets/replay/game24-gpt4-cot.jsonl has 100 samples; sample 100 was asked for (use at most 100 samples)');
  });

  it("the pool keeps one provider per replay file, whichever recorded model an entry picks", () => {
    const pool = new ProviderPool();
    const models = new ModelRegistry();
    const entry = (id: string) => {
      const found = models.get(id);
      if (!found) throw new Error(`no built-in model ${id}`);
      return found;
    };
    const gsmA = pool.resolve(entry("replay/gsm8k-6b-finetuning"));
    const gsmB = pool.resolve(entry("replay/gsm8k-175b-verification"));
    const game24 = pool.resolve(entry("replay/gpt-4-game24-cot"));
    expect(gsmA).toBe(gsmB);
    expect(game24).not.toBe(gsmA);
    expect(game24.endpoint).toMatch(/presets\/replay\/game24-gpt4-cot\.jsonl$/);
  });

  it("serves every built-in GSM8K system from the shipped slice", async () => {
    const single = loadArchitecture("presets/architectures/single-call.itasca.json");
    const answers: string[] = [];
    for (const system of ["6b-finetuning", "6b-verification", "175b-finetuning", "175b-verification"]) {
      const result = await freshRun("gsm8k-0", withParams(single, "generate", { model: `replay/gsm8k-${system}` }));
      expect(result.status).toBe("completed");
      answers.push(result.answer?.text.split("\n").at(-1) ?? "");
    }
    expect(answers).toEqual(["A: 26", "A: 224", "A: 4", "A: 18"]);
  });
});
