import { describe, expect, it } from "vitest";
import { generateNode } from "../../core/nodes/generate";
import { runScripted, scriptedContext, userMessage } from "../helpers/scripted-context";

const query = { text: "What is 2 + 2?" };

describe("generate", () => {
  it("draws one candidate per sample with ids, origins and seeds", async () => {
    const { output, requests } = await runScripted(generateNode, {
      nodeId: "gen",
      params: { samples: 3, seed: 7, model: "test/model" },
      inputs: { query },
      script: (request) => `reply ${request.sample}`,
    });
    expect(output.candidates).toEqual([0, 1, 2].map((i) => ({ id: `gen#${i}`, text: `reply ${i}`, origin: { node: "gen", model: "test/model", sample: i }, annotations: [] })));
    expect(requests.map((r) => [r.sample, r.sampling.seed])).toEqual([[0, 7], [1, 8], [2, 9]]);
    expect(requests.every((r) => r.model === "test/model")).toBe(true);
  });
  it("sends the query through the template with no seed when none is set", async () => {
    const { requests } = await runScripted(generateNode, {
      params: { samples: 2, system_prompt: "Be terse." },
      inputs: { query: { text: "Q?", context: "Some facts" } },
      script: () => "ok",
    });
    expect(requests[0]?.messages).toEqual([
      { role: "system", content: "Be terse." },
      { role: "user", content: "Reference material:\nSome facts\n\nQ?" },
    ]);
    expect(requests.map((r) => r.sampling.seed)).toEqual([undefined, undefined]);
    // Identical messages: only the sample index tells the samples apart in the cache.
    expect(userMessage(requests[0])).toBe(userMessage(requests[1]));
  });
  it("issues all samples concurrently", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { ctx, requests } = scriptedContext(generateNode, { params: { samples: 4 }, inputs: { query }, script: async () => (await gate, "x") });
    const running = generateNode.run(ctx);
    await Promise.resolve();
    // Every call is in flight before any has answered.
    expect(requests).toHaveLength(4);
    release();
    expect((await running).candidates).toHaveLength(4);
  });
  it("propagates an abort or budget rejection from ctx.chat", async () => {
    const run = runScripted(generateNode, {
      params: { samples: 3 },
      inputs: { query },
      script: (_r, i) => {
        if (i === 1) throw new Error("budget exceeded: calls 2/1");
        return "ok";
      },
    });
    await expect(run).rejects.toThrow("budget exceeded");
  });
  it("renders a custom template and rejects an unknown variable at param level", async () => {
    const { requests } = await runScripted(generateNode, { params: { prompt_template: "Task: {{ query }}" }, inputs: { query }, script: () => "4" });
    expect(userMessage(requests[0])).toBe("Task: What is 2 + 2?");
    expect(generateNode.params.safeParse({ prompt_template: "{{question}}" }).success).toBe(false);
  });
});
