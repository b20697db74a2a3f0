/** The static estimator in core/cost: per-node and total calls, tokens and dollars, item sizes, and the budget filter's shares. */
import { describe, expect, it } from "vitest";
import { budgetUse } from "../../core/cost/budget-use";
import { estimateArchitecture, estimateNodes } from "../../core/cost/estimate";
import { callCostUsd } from "../../core/cost/price";
import { loadArchitecture, withParams } from "../helpers/architectures";

const CRITIQUE_FUSE = loadArchitecture("tests/cost/fixtures/critique-fuse.itasca.json");

const SAMPLE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");
const PRICED = [{ id: "local/stories260k", priceInPerMTok: 2, priceOutPerMTok: 10 }];

describe("estimateArchitecture", () => {
  it("follows item counts downstream: 5 samples, one listwise rank call keeping 3, one fuse call", () => {
    const cost = estimateArchitecture(SAMPLE, PRICED);
    expect([...cost.nodes].map(([id, node]) => [id, node.calls])).toEqual([
      ["input", 0],
      ["generate", 5],
      ["rank", 1],
      ["fuse", 1],
      ["output", 0],
    ]);
    expect(cost.nodes.get("rank")?.outputCounts).toEqual({ candidates: 3 });
    expect(cost.calls).toBe(7);
  });

  it("prices each node with its model and totals the nodes exactly", () => {
    const cost = estimateArchitecture(SAMPLE, PRICED);
    const generate = cost.nodes.get("generate");
    if (generate === undefined) throw new Error("no estimate for generate");
    expect(generate.usd).toBe(callCostUsd(PRICED[0] as (typeof PRICED)[number], generate.inputTokens, generate.outputTokens));
    expect(generate.usd).toBeGreaterThan(0);
    const nodes = [...cost.nodes.values()];
    expect(cost.inputTokens).toBe(nodes.reduce((sum, node) => sum + node.inputTokens, 0));
    expect(cost.outputTokens).toBe(nodes.reduce((sum, node) => sum + node.outputTokens, 0));
    expect(cost.usd).toBeCloseTo(nodes.reduce((sum, node) => sum + node.usd, 0), 15);
    expect(cost.usd).toBeCloseTo((cost.inputTokens * 2 + cost.outputTokens * 10) / 1e6, 15);
    expect(cost.unpriced).toEqual([]);
  });

  it("lists models without prices instead of counting them as free", () => {
    const cost = estimateArchitecture(SAMPLE, [{ id: "local/stories260k" }]);
    expect(cost).toMatchObject({ calls: 7, usd: 0, unpriced: ["local/stories260k"] });
    expect(cost.nodes.get("generate")).toMatchObject({ priced: false, usd: 0, model: "local/stories260k" });
    expect(cost.nodes.get("input")).toMatchObject({ priced: true, usd: 0, calls: 0 });
    expect(estimateArchitecture(SAMPLE, null).unpriced).toEqual(["local/stories260k"]);
  });

  it("grows with the query and item sizes it assumes", () => {
    const small = estimateNodes(SAMPLE, { queryTokens: 10, itemTokens: 10 }).get("rank");
    const large = estimateNodes(SAMPLE, { queryTokens: 1000, itemTokens: 1000 }).get("rank");
    expect(small?.calls).toBe(large?.calls);
    expect((large?.inputTokens ?? 0) - (small?.inputTokens ?? 0)).toBeGreaterThanOrEqual(990 + 5 * 990);
  });

  it("sizes the items a node receives from what produced them: a sample is its generator's max_tokens until something is observed", () => {
    const short = estimateNodes(SAMPLE, { queryTokens: 10 });
    const long = estimateNodes(withParams(SAMPLE, "generate", { max_tokens: 128 }), { queryTokens: 10 });
    expect(short.get("generate")?.itemTokens).toEqual({ candidates: 64 });
    // Rank reads all 5 samples: 5 x 64 more tokens when each may be 64 tokens longer.
    expect((long.get("rank")?.inputTokens ?? 0) - (short.get("rank")?.inputTokens ?? 0)).toBe(5 * 64);
    // Rank passes the samples it keeps on unchanged, so fuse reads 3 of them.
    expect(short.get("rank")?.itemTokens).toEqual({ candidates: 64 });
    expect((long.get("fuse")?.inputTokens ?? 0) - (short.get("fuse")?.inputTokens ?? 0)).toBe(3 * 64);
  });

  it("counts the critiques that travel with their candidates into a fuser's prompt", () => {
    const estimates = estimateNodes(CRITIQUE_FUSE, { queryTokens: 10 });
    expect(estimates.get("critique")).toMatchObject({ calls: 3, outputTokens: 150, outputCounts: { candidates: 3 }, itemTokens: { candidates: 100 + 50 } });
    const withoutCritique = estimateNodes(
      { ...CRITIQUE_FUSE, nodes: CRITIQUE_FUSE.nodes.filter((n) => n.id !== "critique"), edges: [...CRITIQUE_FUSE.edges.filter((e) => e.from[0] !== "critique" && e.to[0] !== "critique"), { from: ["generate", "candidates"], to: ["fuse", "candidates"] }] },
      { queryTokens: 10 },
    );
    expect((estimates.get("fuse")?.inputTokens ?? 0) - (withoutCritique.get("fuse")?.inputTokens ?? 0)).toBe(3 * 50);
  });

  it("keeps the max_tokens ceiling beside the expected output, and a fixed item size when one is assumed", () => {
    const cost = estimateArchitecture(SAMPLE, PRICED);
    // Nothing observed: the expectation is the ceiling.
    expect(cost.outputTokensMax).toBe(cost.outputTokens);
    expect(cost.outputTokens).toBe(5 * 64 + 32 + 64);
    expect(estimateNodes(SAMPLE, { itemTokens: 7 }).get("generate")?.itemTokens).toEqual({ candidates: 7 });
  });

  it("names the model a node calls with its defaults filled in, and none for a node that calls none", () => {
    // A rank node whose file leaves the model to the default.
    const rank = estimateArchitecture({ ...SAMPLE, nodes: SAMPLE.nodes.map((n) => (n.id === "rank" ? { ...n, params: { top_k: 3 } } : n)) }, PRICED).nodes.get("rank");
    expect(rank).toMatchObject({ model: "local/stories260k", priced: true });
    expect(rank?.usd).toBeGreaterThan(0);
    expect(estimateArchitecture(CRITIQUE_FUSE, PRICED).nodes.get("output")?.model).toBeUndefined();
  });

  it("skips a node whose params are invalid (validation reports it)", () => {
    const cost = estimateArchitecture(withParams(SAMPLE, "generate", { samples: -1 }), PRICED);
    expect(cost.nodes.has("generate")).toBe(false);
    // Nothing is known to flow out of it, so rank and fuse downstream see no candidates to work on.
    expect(cost.nodes.get("rank")?.calls).toBe(0);
    expect(cost.calls).toBe(0);
  });
});

describe("budgetUse", () => {
  const cost = { calls: 8, inputTokens: 1000, outputTokens: 200, usd: 0.5 };

  it("is the estimate's share of each limit, over when one passes it", () => {
    expect(budgetUse(cost, {})).toEqual({ over: false });
    expect(budgetUse(cost, { maxCalls: 16, maxUsd: 1 })).toEqual({ calls: 0.5, usd: 0.5, over: false });
    expect(budgetUse(cost, { maxCalls: 4 })).toEqual({ calls: 2, over: true });
    expect(budgetUse(cost, { maxUsd: 0.25 })).toEqual({ usd: 2, over: true });
    expect(budgetUse(cost, { maxInputTokens: 500, maxOutputTokens: 400 })).toEqual({ inputTokens: 2, outputTokens: 0.5, over: true });
    expect(budgetUse(cost, { maxCalls: 8 })).toEqual({ calls: 1, over: false });
  });
});
