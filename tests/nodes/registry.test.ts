import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineNode } from "../../core/nodes/define";
import { createNodeRegistry, getNodeDefinition, NODE_DEFINITIONS, nodeRegistry } from "../../core/nodes/registry";
import type { NodeType } from "../../core/nodes/registry";
import { NODE_TEMPLATE_VARIABLES } from "../../core/nodes/prompts";
import { findUnknownVariable } from "../../core/nodes/template";

const ALL_TYPES: NodeType[] = ["input", "generate", "critique", "rank", "fuse", "verify", "unit-test-generate", "unit-test-evaluate", "vote", "select", "output"];

describe("node registry", () => {
  it("holds the eleven techniques", () => {
    expect([...nodeRegistry.keys()].sort()).toEqual([...ALL_TYPES].sort());
    expect(NODE_DEFINITIONS).toHaveLength(11);
  });
  it("looks definitions up by type", () => {
    expect(getNodeDefinition("rank")?.title).toBe("Rank");
    expect(getNodeDefinition("no-such-node")).toBeUndefined();
  });
  it("throws on a duplicate type, naming it", () => {
    const twin = defineNode({
      type: "vote",
      title: "Another vote",
      category: "selection",
      description: "duplicate",
      inputs: {},
      outputs: {},
      params: z.object({}),
      estimate: () => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: {} }),
      run: async () => ({}),
    });
    expect(() => createNodeRegistry([...NODE_DEFINITIONS, twin])).toThrow('node type "vote" is defined twice');
  });

  describe.each([...nodeRegistry.entries()])("%s", (_type, definition) => {
    it("parses {} to its defaults", () => {
      expect(definition.params.parse({})).toEqual(definition.defaults);
    });
    it("has a description and described ports", () => {
      expect(definition.description.length).toBeGreaterThan(20);
      for (const port of [...Object.values(definition.inputs), ...Object.values(definition.outputs)]) expect(port.description).not.toBe("");
    });
    it("default templates use only their documented variables", () => {
      const templates = NODE_TEMPLATE_VARIABLES[definition.type] ?? {};
      const defaults: Record<string, unknown> = definition.defaults;
      for (const [param, variables] of Object.entries(templates)) {
        const template = defaults[param];
        expect(typeof template).toBe("string");
        expect(findUnknownVariable(String(template), variables)).toBeUndefined();
      }
    });
    it("estimates without NaN", () => {
      const estimate = definition.estimate(definition.defaults, { inputCounts: { candidates: 4, tests: 3 }, queryTokens: 50, itemTokens: 100 });
      for (const value of [estimate.calls, estimate.inputTokens, estimate.outputTokens, ...Object.values(estimate.outputCounts)]) expect(Number.isFinite(value)).toBe(true);
    });
  });

  it("names the models of LLM nodes", () => {
    expect(getNodeDefinition("generate")?.models?.(getNodeDefinition("generate")?.defaults)).toEqual(["local/stories260k"]);
    expect(getNodeDefinition("vote")?.models).toBeUndefined();
  });
});

describe("estimates", () => {
  const context = { inputCounts: { candidates: 5, tests: 4 }, queryTokens: 40, itemTokens: 100 };
  const estimate = (type: string, params: unknown) => {
    const definition = getNodeDefinition(type);
    if (definition === undefined) throw new Error(type);
    return definition.estimate(definition.params.parse(params), context);
  };
  it("generate: one call per sample", () => {
    expect(estimate("generate", { samples: 8, max_tokens: 100 })).toMatchObject({ calls: 8, outputTokens: 800, outputCounts: { candidates: 8 } });
  });
  it("rank: one listwise call, or n(n-1)/2 pairwise calls; keeps min(n, top_k)", () => {
    expect(estimate("rank", { top_k: 3 })).toMatchObject({ calls: 1, outputCounts: { candidates: 3 } });
    expect(estimate("rank", { mode: "pairwise", top_k: 9 })).toMatchObject({ calls: 10, outputCounts: { candidates: 5 } });
  });
  it("critique: per candidate or one batch call", () => {
    expect(estimate("critique", {}).calls).toBe(5);
    expect(estimate("critique", { mode: "batch" }).calls).toBe(1);
  });
  it("fuse, verify and the unit-test nodes", () => {
    expect(estimate("fuse", { fusers: 3 })).toMatchObject({ calls: 3, outputCounts: { candidates: 3 } });
    expect(estimate("verify", {})).toMatchObject({ calls: 5, outputCounts: { candidates: 5 } });
    expect(estimate("unit-test-generate", { count: 7 })).toMatchObject({ calls: 1, outputCounts: { tests: 7 } });
    expect(estimate("unit-test-evaluate", { top_k: 2 })).toMatchObject({ calls: 5, outputCounts: { candidates: 2 } });
    expect(estimate("unit-test-evaluate", { mode: "execute" }).calls).toBe(0);
    expect(estimate("vote", {})).toMatchObject({ calls: 0, outputCounts: { candidates: 5 } });
  });
  it("counts prompt tokens per call", () => {
    const one = estimate("verify", {});
    expect(one.inputTokens).toBeGreaterThan(5 * (40 + 100));
  });
});
