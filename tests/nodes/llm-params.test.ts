import { describe, expect, it } from "vitest";
import { buildMessages, chatRequest, queryVariables, samplingFor } from "../../core/nodes/llm-params";
import type { LlmParams } from "../../core/nodes/llm-params";
import { generateNode } from "../../core/nodes/generate";

const base: LlmParams = generateNode.defaults;

describe("llm params", () => {
  it("have the documented defaults", () => {
    expect(generateNode.defaults).toMatchObject({ model: "local/stories260k", temperature: 0.7, top_p: 1, max_tokens: 256, system_prompt: "", samples: 1 });
    expect(generateNode.defaults.seed).toBeUndefined();
  });
  it.each([
    [{ temperature: 2.5 }, "too_big"],
    [{ temperature: -0.1 }, "too_small"],
    [{ top_p: 1.5 }, "too_big"],
    [{ max_tokens: 0 }, "too_small"],
    [{ max_tokens: 40000 }, "too_big"],
    [{ seed: -1 }, "too_small"],
    [{ samples: 0 }, "too_small"],
    [{ samples: 257 }, "too_big"],
  ])("reject %j as %s", (params, code) => {
    const result = generateNode.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe(code);
  });
  it("reject non-integers where an integer is required", () => {
    expect(generateNode.params.safeParse({ max_tokens: 10.5 }).success).toBe(false);
  });
});

describe("samplingFor", () => {
  it("offsets a set seed by the sample index", () => {
    expect(samplingFor({ ...base, seed: 10 }, 3)).toEqual({ temperature: 0.7, topP: 1, maxTokens: 256, seed: 13 });
  });
  it("omits the seed entirely when none is set", () => {
    expect("seed" in samplingFor(base, 3)).toBe(false);
  });
});

describe("buildMessages", () => {
  it("uses the node's system prompt over the query's", () => {
    expect(buildMessages({ ...base, system_prompt: "Be brief." }, { text: "q", system: "Be verbose." }, "u")).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "u" },
    ]);
  });
  it("falls back to the query's system prompt, else none", () => {
    expect(buildMessages(base, { text: "q", system: "Sys" }, "u")[0]).toEqual({ role: "system", content: "Sys" });
    expect(buildMessages(base, { text: "q" }, "u")).toEqual([{ role: "user", content: "u" }]);
  });
  it("is deterministic: equal inputs give byte-identical requests", () => {
    const call = { nodeId: "g", params: base, query: { text: "q" }, user: "u", sample: 0, purpose: "p" };
    expect(JSON.stringify(chatRequest(call))).toBe(JSON.stringify(chatRequest({ ...call })));
  });
});

describe("queryVariables", () => {
  it("gives an empty context block without context", () => {
    expect(queryVariables({ text: "q" })).toEqual({ query: "q", context: "", context_block: "" });
  });
  it("labels the context block", () => {
    expect(queryVariables({ text: "q", context: "facts" }).context_block).toBe("Reference material:\nfacts\n\n");
  });
});
