import { describe, expect, it } from "vitest";
import type { SearchConfig } from "../../../core/api/search-types";
import type { Architecture } from "../../../core/graph/schema";
import { configHash, createRng, enumerateConfigs, materialize, sampleConfig, SearchConfigError, spaceSize, type ResolvedSpace } from "../../../core/search/space";
import { isRunnable, validateArchitecture } from "../../../core/validation/validate";
import { knownModels, loadFixtureSpace, loadPresetSpace } from "./helpers";

const edges = (a: Architecture): string[] => a.edges.map((e) => `${e.from.join(".")}->${e.to.join(".")}`);
const ids = (a: Architecture): string[] => a.nodes.map((n) => n.id);
const params = (a: Architecture, id: string): Record<string, unknown> | undefined => a.nodes.find((n) => n.id === id)?.params;

function expectValid(space: ResolvedSpace, config: SearchConfig): Architecture {
  const architecture = materialize(space, config);
  const result = validateArchitecture(architecture, { knownModels });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors, `${JSON.stringify(config)}: ${JSON.stringify(errors)}`).toEqual([]);
  expect(isRunnable(result)).toBe(true);
  return architecture;
}

const base = { models: ["local/stories260k"], samples: 2, temperature: 0.7, layers: 1, fusers: 1, critic: true, top_k: 2, aggregation: "verify-vote" } satisfies SearchConfig;

describe("materialize", () => {
  it("names the architecture after the space and the configuration's hash, and records the configuration", async () => {
    const space = await loadFixtureSpace("structural");
    const a = expectValid(space, base);
    expect(a.name).toBe(`structural-${configHash(space, base)}`);
    expect(a.name).toMatch(/^structural-[0-9a-f]{8}$/);
    expect(a.description).toContain(JSON.stringify(base));
    expect(materialize(space, { ...base }).name).toBe(a.name);
    expect(materialize(space, { ...base, samples: 3 }).name).not.toBe(a.name);
  });

  it("sets params and leaves the template untouched", async () => {
    const space = await loadFixtureSpace("structural");
    const before = JSON.stringify(space.template);
    const a = expectValid(space, { ...base, samples: 5, temperature: 1.2, fusers: 3, top_k: 1 });
    expect(params(a, "gen")).toMatchObject({ samples: 5, temperature: 1.2, model: "local/stories260k" });
    expect(params(a, "fuse")).toEqual({ fusers: 3 });
    expect(params(a, "rank")).toEqual({ top_k: 1 });
    expect(params(a, "verify")).toEqual({ checker: "game24", mode: "program" });
    expect(JSON.stringify(space.template)).toBe(before);
  });

  it("bypasses disabled nodes: their candidates sources feed their consumers", async () => {
    const space = await loadFixtureSpace("structural");
    const a = expectValid(space, { ...base, critic: false, top_k: undefined } as unknown as SearchConfig);
    expect(ids(a)).toEqual(["input", "gen", "fuse", "verify", "vote", "output"]);
    expect(edges(a)).toContain("gen.candidates->fuse.candidates");
    expect(edges(a).some((e) => e.includes("critique") || e.includes("rank"))).toBe(false);
  });

  it("falls back from a bypassed answer to the consumer's candidates (the output's first candidate)", async () => {
    const space = await loadFixtureSpace("structural");
    const a = expectValid(space, { ...base, aggregation: "first" });
    expect(ids(a)).toEqual(["input", "gen", "critique", "rank", "fuse", "output"]);
    expect(edges(a)).toContain("fuse.candidates->output.candidates");
    expect(edges(a).some((e) => e.endsWith("output.answer"))).toBe(false);
    const vote = expectValid(space, { ...base, aggregation: "vote" });
    expect(edges(vote)).toContain("fuse.candidates->vote.candidates");
    expect(edges(vote)).toContain("vote.answer->output.answer");
  });

  it("repeats a node in a chain, sharing its query input, and 0 bypasses it", async () => {
    const space = await loadFixtureSpace("structural");
    const three = expectValid(space, { ...base, layers: 3, fusers: 2 });
    expect(ids(three)).toEqual(["input", "gen", "critique", "rank", "fuse", "fuse-2", "fuse-3", "verify", "vote", "output"]);
    expect(edges(three)).toEqual(
      expect.arrayContaining(["rank.candidates->fuse.candidates", "fuse.candidates->fuse-2.candidates", "fuse-2.candidates->fuse-3.candidates", "fuse-3.candidates->verify.candidates", "input.query->fuse-2.query", "input.query->fuse-3.query"]),
    );
    expect(edges(three)).not.toContain("fuse.candidates->verify.candidates");
    for (const id of ["fuse", "fuse-2", "fuse-3"]) expect(params(three, id)).toEqual({ fusers: 2 });
    const none = expectValid(space, { ...base, layers: 0, fusers: undefined } as unknown as SearchConfig);
    expect(ids(none)).not.toContain("fuse");
    expect(edges(none)).toContain("rank.candidates->verify.candidates");
  });

  it("repeats a chain of nodes (Archon's critique, rank, fuse layers)", async () => {
    const space = await loadPresetSpace("archon-six-axes");
    const a = expectValid(space, { generators: ["local/stories260k"], samples: 2, fusion_layers: 2, fusers: 3, critic_ranker: true, verifier: "verifier" });
    expect(ids(a)).toEqual(["input", "generate", "critique", "rank", "fuse", "critique-2", "rank-2", "fuse-2", "verify", "unit-test-evaluate", "output"].filter((id) => id !== "unit-test-evaluate"));
    expect(edges(a)).toEqual(expect.arrayContaining(["fuse.candidates->critique-2.candidates", "critique-2.candidates->rank-2.candidates", "rank-2.candidates->fuse-2.candidates", "fuse-2.candidates->verify.candidates", "verify.candidates->output.candidates"]));
    expect(params(a, "fuse-2")).toMatchObject({ fusers: 3 });
    // Critic and ranker off: bypassed in every layer.
    const plain = expectValid(space, { generators: ["local/stories260k"], samples: 2, fusion_layers: 2, fusers: 1, critic_ranker: false, verifier: "unit-tests" });
    expect(ids(plain)).toEqual(["input", "generate", "fuse", "fuse-2", "unit-test-generate", "unit-test-evaluate", "output"]);
    expect(edges(plain)).toEqual(expect.arrayContaining(["generate.candidates->fuse.candidates", "fuse.candidates->fuse-2.candidates", "fuse-2.candidates->unit-test-evaluate.candidates", "unit-test-generate.tests->unit-test-evaluate.tests"]));
  });

  it("clones a generate node per chosen model, each with the other dimensions' params", async () => {
    const space = await loadPresetSpace("archon-six-axes");
    const a = expectValid(space, { generators: ["local/stories260k", "replay/gpt-4-game24-cot"], samples: 4, fusion_layers: 0, verifier: "neither" });
    expect(ids(a)).toEqual(["input", "generate-local-stories260k", "generate-replay-gpt-4-game24-cot", "output"]);
    expect(params(a, "generate-local-stories260k")).toMatchObject({ model: "local/stories260k", samples: 4 });
    expect(params(a, "generate-replay-gpt-4-game24-cot")).toMatchObject({ model: "replay/gpt-4-game24-cot", samples: 4 });
    // Their candidates concatenate into the output, in the order of the values.
    expect(edges(a).filter((e) => e.endsWith("output.candidates"))).toEqual(["generate-local-stories260k.candidates->output.candidates", "generate-replay-gpt-4-game24-cot.candidates->output.candidates"]);
    const one = expectValid(space, { generators: ["replay/gpt-4-game24-cot"], samples: 1, fusion_layers: 0, verifier: "neither" });
    expect(ids(one)).toContain("generate");
    expect(params(one, "generate")).toMatchObject({ model: "replay/gpt-4-game24-cot" });
  });

  it("enables one existing node per chosen subset value, with conditionals and defaults", async () => {
    const space = await loadFixtureSpace("enable-subset");
    const both = expectValid(space, { generators: ["stories", "gpt-4"], gpt4_samples: 30, rank_mode: "pairwise" });
    expect(ids(both)).toEqual(["input", "gen-a", "gen-b", "rank", "output"]);
    expect(params(both, "gen-b")).toMatchObject({ samples: 30 });
    expect(params(both, "rank")).toEqual({ mode: "pairwise" });
    const stories = expectValid(space, { generators: ["stories"], rank_mode: "listwise" });
    expect(ids(stories)).toEqual(["input", "gen-a", "rank", "output"]);
    expect(edges(stories)).toContain("gen-a.candidates->rank.candidates");
  });

  it("refuses configurations that do not fit the space", async () => {
    const space = await loadFixtureSpace("structural");
    expect(() => materialize(space, { ...base, samples: 0 })).toThrow(SearchConfigError);
    expect(() => materialize(space, { ...base, layers: 0 })).toThrow(/"fusers" is given, but its condition does not hold \(layers >= 1\)/);
  });

  it.each(["game24-replay", "archon-six-axes"])("every configuration of preset %s is a valid architecture", async (name) => {
    const space = await loadPresetSpace(name);
    const size = spaceSize(space) ?? 0;
    expect(size).toBeLessThan(2000);
    for (const config of enumerateConfigs(space)) expectValid(space, config);
  });

  it.each(["structural", "enable-subset", "synthetic", "small-grid"])("sampled configurations of fixture %s are valid architectures", async (name) => {
    const space = await loadFixtureSpace(name);
    const rng = createRng(11);
    for (let i = 0; i < 150; i++) expectValid(space, sampleConfig(space, rng));
  });
});
