import { describe, expect, it } from "vitest";
import {
  configKey,
  configProblems,
  createRng,
  encodeConfig,
  encoding,
  enumerateConfigs,
  gridSize,
  isActive,
  normalizeConfig,
  sampleConfig,
  spaceSize,
} from "../../../core/search/space";
import { loadFixtureSpace, loadPresetSpace } from "./helpers";

describe("space size and enumeration", () => {
  it("counts conditional spaces exactly and enumerates each configuration once", async () => {
    const small = await loadFixtureSpace("small-grid");
    expect(spaceSize(small)).toBe(2 * (1 + 2 * 5));
    const all = [...enumerateConfigs(small)];
    expect(all).toHaveLength(22);
    expect(new Set(all.map((c) => configKey(small, c))).size).toBe(22);
    expect(all[0]).toEqual({ critic: false, aggregation: "first" });
    expect(all[1]).toEqual({ critic: false, aggregation: "vote", samples: 1 });

    const game24 = await loadPresetSpace("game24-replay");
    expect(spaceSize(game24)).toBe(1 + 2 * 100);
    const archon = await loadPresetSpace("archon-six-axes");
    // generators 3 subsets x samples 5 x (layers 0: 1 + layers 1-3: 3 x fusers 5 x critic 2) x verifier 3
    expect(spaceSize(archon)).toBe(3 * 5 * (1 + 3 * 5 * 2) * 3);
    expect([...enumerateConfigs(archon)]).toHaveLength(1395);
  });

  it("has no size with a float range; grid search takes its levels", async () => {
    const structural = await loadFixtureSpace("structural");
    expect(spaceSize(structural)).toBeNull();
    // models 3 x samples 8 x temperature 3 x (layers 0: 1 + 3 x fusers 4) x (critic off 1 + on x top_k 3) x aggregation 3
    expect(gridSize(structural)).toBe(3 * 8 * 3 * 13 * 4 * 3);
  });
});

describe("configurations", () => {
  it("samples only active dimensions, within their ranges", async () => {
    const space = await loadFixtureSpace("structural");
    const rng = createRng(7);
    for (let i = 0; i < 300; i++) {
      const config = sampleConfig(space, rng);
      expect(configProblems(space, config)).toEqual([]);
      expect("fusers" in config).toBe((config["layers"] as number) >= 1);
      expect("top_k" in config).toBe(config["critic"] === true);
    }
  });

  it("samples log ranges log-uniformly", async () => {
    const space = await loadPresetSpace("game24-replay");
    const rng = createRng(3);
    const samples: number[] = [];
    while (samples.length < 4000) {
      const c = sampleConfig(space, rng);
      if (c["samples"] !== undefined) samples.push(c["samples"] as number);
    }
    const below10 = samples.filter((s) => s < 10).length / samples.length;
    // log-uniform on [0.5, 100.5]: P(< 9.5) = ln(19) / ln(201) = 0.555
    expect(below10).toBeGreaterThan(0.5);
    expect(below10).toBeLessThan(0.61);
  });

  it("the same configuration has one key, whatever the key order or subset order", async () => {
    const space = await loadFixtureSpace("structural");
    const a = { models: ["replay/gpt-4-game24-cot", "local/stories260k"], samples: 2, temperature: 0.5, layers: 0, critic: false, aggregation: "vote" };
    const b = { aggregation: "vote", critic: false, layers: 0, temperature: 0.5, samples: 2, models: ["local/stories260k", "replay/gpt-4-game24-cot"] };
    expect(configKey(space, a)).toBe(configKey(space, b));
    expect(normalizeConfig(space, a)["models"]).toEqual(["local/stories260k", "replay/gpt-4-game24-cot"]);
  });

  it("names every problem of a configuration", async () => {
    const space = await loadFixtureSpace("structural");
    const problems = configProblems(space, { models: [], samples: 9, temperature: 0.5, layers: 0, fusers: 2, critic: "yes", aggregation: "best", extra: 1 });
    expect(problems).toEqual([
      '"extra" is not a dimension of space "structural"',
      '"models" must hold 1 to 2 values, got 0',
      '"samples" must be between 1 and 8, got 9',
      '"fusers" is given, but its condition does not hold (layers >= 1)',
      '"critic" must be true or false, got "yes"',
      '"aggregation" must be one of "first", "vote", "verify-vote", got "best"',
    ]);
  });

  it("encodes into [0, 1] with one-hot choices and fixed values for inactive dimensions", async () => {
    const space = await loadFixtureSpace("structural");
    const { length, groups } = encoding(space);
    // models 2 bits, samples, temperature, layers, fusers, critic, top_k, aggregation 3 one-hot
    expect(length).toBe(2 + 1 + 1 + 1 + 1 + 1 + 1 + 3);
    expect(groups).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 7, 7]);
    const off = encodeConfig(space, { models: ["local/stories260k"], samples: 1, temperature: 1.5, layers: 0, critic: false, aggregation: "verify-vote" });
    expect(off).toEqual([1, 0, 0, 1, 0, -0.5, 0, -0.5, 0, 0, 1]);
    const on = encodeConfig(space, { models: ["local/stories260k", "replay/gpt-4-game24-cot"], samples: 8, temperature: 0, layers: 3, fusers: 4, critic: true, top_k: 2, aggregation: "first" });
    expect(on).toEqual([1, 1, 1, 0, 1, 1, 1, 0.5, 1, 0, 0]);
  });

  it("says when a conditional dimension is active", async () => {
    const space = await loadFixtureSpace("enable-subset");
    const gpt4Samples = space.dimensions[1];
    expect(gpt4Samples !== undefined && isActive(gpt4Samples, { generators: ["gpt-4"] })).toBe(true);
    expect(gpt4Samples !== undefined && isActive(gpt4Samples, { generators: ["stories"] })).toBe(false);
  });
});
