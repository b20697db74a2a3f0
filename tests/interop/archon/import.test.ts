import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serializeArchitecture } from "../../../core/graph/serialize";
import { importArchonConfig, type ArchonImportResult } from "../../../core/interop/archon";
import { validateArchitecture } from "../../../core/validation/validate";
import { CONFIG_FILES, EXPECTED, filesWith, GOLDEN_DIR, goldenName, readConfig } from "./fixtures";

/** Set ITASCA_UPDATE_GOLDEN=1 to rewrite the golden files from the current importer. */
const UPDATE = process.env["ITASCA_UPDATE_GOLDEN"] === "1";

function imported(file: string, options = {}): Extract<ArchonImportResult, { ok: true }> {
  const result = importArchonConfig(readConfig(file), { file, ...options });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe("Archon import: fixtures", () => {
  it("every config file has an expected outcome", () => {
    expect(CONFIG_FILES.filter((f) => EXPECTED[f] === undefined)).toEqual([]);
    expect(filesWith("imported").length).toBeGreaterThanOrEqual(6);
    expect(filesWith("rejected").length).toBeGreaterThanOrEqual(8);
  });

  it.each(CONFIG_FILES)("%s has the expected outcome and warning codes", (file) => {
    const expected = EXPECTED[file]!;
    const result = importArchonConfig(readConfig(file), { file });
    if (expected.status === "rejected") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}: [$a-z_\\[\\].0-9]+: .+`));
      return;
    }
    if (!result.ok) throw new Error(result.reason);
    const codes = [...new Set(result.warnings.map((w) => w.code))].sort();
    expect(codes).toEqual(expected.status === "warned" ? expected.codes : []);
    for (const warning of result.warnings) {
      expect(warning.message.length).toBeGreaterThan(20);
      expect(warning.path).toMatch(/^layers/);
    }
  });

  it.each([...filesWith("imported"), ...filesWith("warned")])("%s passes validation with no errors and matches its golden file", (file) => {
    const { architecture } = imported(file);
    const text = serializeArchitecture(architecture);
    const validation = validateArchitecture(text, { file });
    expect(validation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Nothing is left unreachable: every imported node feeds the answer.
    expect(validation.diagnostics).toEqual([]);
    const golden = `${GOLDEN_DIR}${goldenName(file)}`;
    if (UPDATE || !existsSync(golden)) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });
});

describe("Archon import: semantics", () => {
  it("maps each component type to its node and Archon's keys to params", () => {
    const { architecture } = imported("every-component.json");
    const types = Object.fromEntries(architecture.nodes.map((n) => [n.id, n.type]));
    expect(types).toEqual({
      input: "input",
      "l1-unit-test-generator": "unit-test-generate",
      "l2-generator-1": "generate",
      "l2-generator-2": "generate",
      "l3-critic": "critique",
      "l4-ranker": "rank",
      "l5-fuser": "fuse",
      "l6-verifier": "verify",
      "l7-unit-test-evaluator": "unit-test-evaluate",
      output: "output",
    });
    const params = (id: string) => architecture.nodes.find((n) => n.id === id)!.params;
    expect(params("l1-unit-test-generator")).toEqual({ model: "anthropic/claude-3-5-sonnet-20241022", temperature: 0.5, max_tokens: 600, count: 4 });
    expect(params("l2-generator-1")).toEqual({ model: "openai/gpt-4o-mini", temperature: 0.9, max_tokens: 700, samples: 3 });
    expect(params("l4-ranker")).toMatchObject({ top_k: 4 });
    expect(params("l5-fuser")).toMatchObject({ fusers: 2, use_critiques: true });
    // The evaluator reads the candidates of the layer before it and the tests of layer 1.
    const into = (id: string) => architecture.edges.filter((e) => e.to[0] === id).map((e) => `${e.from.join(".")}>${e.to[1]}`);
    expect(into("l7-unit-test-evaluator")).toEqual(["input.query>query", "l6-verifier.candidates>candidates", "l1-unit-test-generator.tests>tests"]);
    expect(into("l3-critic")).toEqual(["input.query>query", "l2-generator-1.candidates>candidates", "l2-generator-2.candidates>candidates"]);
  });

  it("gives several fusers in one layer the full candidate list each (Mixture-of-Agents)", () => {
    const { architecture } = imported("moa-fusers.json");
    for (const fuser of ["l2-fuser-1", "l2-fuser-2", "l2-fuser-3"]) {
      const sources = architecture.edges.filter((e) => e.to[0] === fuser && e.to[1] === "candidates").map((e) => e.from[0]);
      expect(sources).toEqual(["l1-generator-1", "l1-generator-2", "l1-generator-3"]);
    }
    const last = architecture.edges.filter((e) => e.to[0] === "l3-fuser" && e.to[1] === "candidates").map((e) => e.from[0]);
    expect(last).toEqual(["l2-fuser-1", "l2-fuser-2", "l2-fuser-3"]);
  });

  it("reads the older {branches, models} layer form like the list form", () => {
    const legacy = imported("legacy-branches.json").architecture;
    const list = importArchonConfig(
      JSON.stringify({ name: "legacy-branches", layers: (JSON.parse(readConfig("legacy-branches.json")) as { layers: unknown[] }).layers.map((l) => (Array.isArray(l) ? l : (l as { models: unknown[] }).models)) }),
    );
    expect(list.ok && list.architecture).toEqual(legacy);
  });

  it("lays out one column per layer, rows centred", () => {
    const { architecture } = imported("ensemble-rank-fuse.json");
    const at = Object.fromEntries(architecture.nodes.map((n) => [n.id, n.position]));
    expect(at["input"]).toEqual({ x: 0, y: 0 });
    expect([at["l1-generator-1"], at["l1-generator-2"], at["l1-generator-3"]]).toEqual([{ x: 280, y: -140 }, { x: 280, y: 0 }, { x: 280, y: 140 }]);
    expect(at["output"]).toEqual({ x: 1120, y: 0 });
  });

  it("maps every model_type to a registry id prefix", () => {
    const ids = (file: string) => imported(file).architecture.nodes.map((n) => n.params["model"]).filter(Boolean);
    expect(ids("local-servers.json")).toEqual(["vllm/Qwen/Qwen2.5-Coder-7B-Instruct", "tgi/HuggingFaceH4/zephyr-7b-beta", "vllm/Qwen/Qwen2.5-Coder-7B-Instruct", "vllm/Qwen/Qwen2.5-Coder-7B-Instruct"]);
    expect(ids("moa-fusers.json")).toContain("gemini/gemini-1.5-flash");
    expect(ids("ensemble-rank-fuse.json")).toContain("groq/llama-3.1-8b-instant");
    expect(ids("defect-bedrock.json")).toContain("bedrock/anthropic.claude-3-haiku-20240307-v1:0");
  });

  it("names the exact command to register a model the registry lacks, once per model", () => {
    const known = new Set(["openai/gpt-4o"]);
    const { warnings } = imported("readme-advanced.json", { knownModels: (id: string) => known.has(id) });
    const missing = warnings.filter((w) => w.code === "model-not-registered");
    expect(missing.map((w) => w.message.match(/itasca models add .*? --model \S+/)?.[0])).toEqual([
      "itasca models add openai/gpt-4o-mini --preset openai --model gpt-4o-mini",
      "itasca models add anthropic/claude-3-5-haiku-20241022 --preset anthropic --model claude-3-5-haiku-20241022",
      "itasca models add together/Qwen/Qwen2.5-72B-Instruct-Turbo --preset together --model Qwen/Qwen2.5-72B-Instruct-Turbo",
      "itasca models add together/mistralai/Mixtral-8x22B-Instruct-v0.1 --preset together --model mistralai/Mixtral-8x22B-Instruct-v0.1",
      "itasca models add together/google/gemma-2-27b-it --preset together --model google/gemma-2-27b-it",
      "itasca models add together/meta-llama/Llama-3.3-70B-Instruct-Turbo --preset together --model meta-llama/Llama-3.3-70B-Instruct-Turbo",
    ]);
    expect(missing[0]).toMatchObject({ path: "layers[0][0].model", nodeId: "l1-generator-1" });
  });

  it("tells Bedrock users to go through an OpenAI-compatible gateway", () => {
    const [warning] = imported("defect-bedrock.json").warnings;
    expect(warning?.message).toContain("--provider openai-compatible --base-url <gateway-url>");
  });

  it("drops critiques that crossed a fusion layer, warning at the component that would read them", () => {
    const { architecture, warnings } = imported("defect-critiques-cross-fusion.json");
    expect(warnings).toEqual([expect.objectContaining({ code: "critiques-cross-fusion", path: "layers[3][0]", nodeId: "l4-fuser" })]);
    // The final fuser reads only the fused candidates: no path from the critic skips the fusion.
    const sources = architecture.edges.filter((e) => e.to[0] === "l4-fuser" && e.to[1] === "candidates").map((e) => e.from[0]);
    expect(sources).toEqual(["l3-fuser-1", "l3-fuser-2"]);
  });

  it("does not warn when a new critic critiques the fused candidates", () => {
    const config = JSON.parse(readConfig("defect-critiques-cross-fusion.json")) as { layers: unknown[][] };
    config.layers.splice(3, 0, [{ type: "critic", model: "gpt-4o", model_type: "OpenAI_API", temperature: 0, max_tokens: 500 }]);
    const result = importArchonConfig(JSON.stringify(config));
    expect(result.ok && result.warnings).toEqual([]);
  });

  it("applies Archon's missing-key defaults as named constants", async () => {
    const { DEFAULT_MAX_TOKENS } = await import("../../../core/interop/archon");
    const { architecture } = imported("defect-missing-max-tokens.json");
    expect(architecture.nodes.find((n) => n.id === "l1-generator")?.params["max_tokens"]).toBe(DEFAULT_MAX_TOKENS);
  });

  it("rejects with the file, the JSON path and the fix", () => {
    const reason = (file: string) => {
      const result = importArchonConfig(readConfig(file), { file });
      return result.ok ? "imported" : result.reason;
    };
    expect(reason("invalid-bad-json.json")).toBe('invalid-bad-json.json: $: invalid JSON at line 4, column 73: trailing comma before "}"; fix the JSON syntax');
    expect(reason("invalid-component-without-type.json")).toContain("layers[0][0].type: the component has no \"type\"");
    expect(reason("invalid-unknown-model-type.json")).toContain("use one of Together_API, OpenAI_API");
    expect(reason("invalid-critic-shares-layer.json")).toContain("layers[1]: a critic shares its layer");
  });

  it("never throws, whatever the text", () => {
    for (const text of ["", "null", "42", '"x"', "[]", "{}", '{"layers": [[null]]}', '{"layers": [[{"type": 3}]]}', '{"layers": [{"models": 3}]}', '{"layers": [[{"type": "fuser"}]]}', "{".repeat(50)]) {
      expect(importArchonConfig(text).ok).toBe(false);
    }
  });
});
