import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Architecture } from "../../../core/graph/schema";
import { archonConfigText, exportArchonConfig, importArchonConfig } from "../../../core/interop/archon";
import { validateArchitecture } from "../../../core/validation/validate";
import { ROOT } from "../../helpers/architectures";
import { EXPECTED, filesWith, readConfig } from "./fixtures";

function importOk(text: string): Architecture {
  const result = importArchonConfig(text);
  if (!result.ok) throw new Error(result.reason);
  return result.architecture;
}

function preset(name: string): Architecture {
  const result = validateArchitecture(readFileSync(`${ROOT}presets/architectures/${name}`, "utf8"));
  return result.document!;
}

const expressible = [...filesWith("imported"), ...filesWith("warned")];

describe("Archon export", () => {
  it.each(expressible.filter((f) => EXPECTED[f]?.roundTrip === undefined))("round trip import -> export -> import is the identity on %s", (file) => {
    const first = importOk(readConfig(file));
    const exported = exportArchonConfig(first);
    if (!exported.ok) throw new Error(exported.reason);
    expect(exported.warnings).toEqual([]);
    expect(importOk(archonConfigText(exported.config))).toEqual(first);
  });

  it.each(expressible.filter((f) => EXPECTED[f]?.roundTrip !== undefined))("%s exports in Archon's working order (its documented round-trip exception)", (file) => {
    const first = importOk(readConfig(file));
    const exported = exportArchonConfig(first);
    if (!exported.ok) throw new Error(exported.reason);
    const again = importOk(archonConfigText(exported.config));
    expect(again.nodes.map((n) => n.type).sort()).toEqual(first.nodes.map((n) => n.type).sort());
    expect(exported.config.layers[0]![0]!.type).toBe("unit_test_generator");
    // A second round is stable.
    const second = exportArchonConfig(again);
    expect(second.ok && second.config).toEqual(exported.config);
  });

  it("writes Archon's keys for each component", () => {
    const exported = exportArchonConfig(importOk(readConfig("every-component.json")));
    if (!exported.ok) throw new Error(exported.reason);
    expect(exported.config.layers.map((l) => l.map((c) => c.type))).toEqual([["unit_test_generator"], ["generator", "generator"], ["critic"], ["ranker"], ["fuser"], ["verifier"], ["unit_test_evaluator"]]);
    expect(exported.config.layers[0]![0]).toEqual({ type: "unit_test_generator", model: "claude-3-5-sonnet-20241022", model_type: "Anthropic_API", temperature: 0.5, max_tokens: 600, unit_test_cap: 4, samples: 1 });
    expect(exported.config.layers[4]![0]).toMatchObject({ type: "fuser", model: "gpt-4o", model_type: "OpenAI_API", samples: 2, use_critiques: true });
    expect(exported.config.layers[6]![0]).toMatchObject({ remove_unit_tests_from_prompt: true, samples: 1 });
    expect(archonConfigText(exported.config).endsWith("}\n")).toBe(true);
  });

  it("exports a preset chain, mapping an id with no Archon model_type to vLLM with a warning", () => {
    const exported = exportArchonConfig(preset("sample-rank-fuse.itasca.json"));
    if (!exported.ok) throw new Error(exported.reason);
    expect(exported.config.layers.map((l) => l.map((c) => `${c.type}:${c.model_type}:${c.model}`))).toEqual([["generator:vLLM:stories260k"], ["ranker:vLLM:stories260k"], ["fuser:vLLM:stories260k"]]);
    const codes = exported.warnings.map((w) => `${w.code}@${w.nodeId}`);
    expect(codes).toContain("unmapped-model@generate");
    // The preset's seed has no Archon key: dropped, never silently.
    expect(codes).toContain("param-dropped@generate");
  });

  it("refuses a vote architecture, naming the node", () => {
    const exported = exportArchonConfig(preset("game24-vote.itasca.json"));
    expect(exported).toMatchObject({ ok: false, nodeId: "vote" });
    expect(!exported.ok && exported.reason).toContain('node "vote" (vote) has no Archon component');
  });

  it("refuses a program check and a sandboxed evaluator", () => {
    const arch = importOk(readConfig("every-component.json"));
    const withProgram = { ...arch, nodes: arch.nodes.map((n) => (n.id === "l6-verifier" ? { ...n, params: { mode: "program", checker: "game24" } } : n)) };
    expect(exportArchonConfig(withProgram)).toMatchObject({ ok: false, nodeId: "l6-verifier" });
    const withExecute = { ...arch, nodes: arch.nodes.map((n) => (n.id === "l7-unit-test-evaluator" ? { ...n, params: { ...n.params, mode: "execute" } } : n)) };
    expect(exportArchonConfig(withExecute)).toMatchObject({ ok: false, nodeId: "l7-unit-test-evaluator" });
  });

  it("refuses a branch that does not reconverge as a layer", () => {
    const arch = importOk(readConfig("ensemble-rank-fuse.json"));
    // l1-generator-3 also feeds the output directly, skipping the ranker and the fuser.
    const branched = exportArchonConfig({ ...arch, edges: [...arch.edges, { from: ["l1-generator-3", "candidates"], to: ["output", "candidates"] }] });
    expect(branched).toMatchObject({ ok: false, nodeId: "l1-generator-3" });
    expect(!branched.ok && branched.reason).toContain("a layer's candidates go to the whole next layer and nowhere else");
    // l1-generator-3 skips the ranker and feeds the fuser: the ranker would share the fuser's input layer.
    const edges = arch.edges.filter((e) => !(e.from[0] === "l1-generator-3" && e.to[0] === "l2-ranker")).concat([{ from: ["l1-generator-3", "candidates"], to: ["l3-fuser", "candidates"] }]);
    expect(exportArchonConfig({ ...arch, edges })).toMatchObject({ ok: false, nodeId: "l2-ranker" });
  });

  it("refuses a critic sharing its layer, and an invalid architecture", () => {
    const arch = importOk(readConfig("moa-fusers.json"));
    const nodes = arch.nodes.map((n) => (n.id === "l2-fuser-2" ? { ...n, type: "critique", params: { model: "openai/gpt-4o" } } : n));
    expect(exportArchonConfig({ ...arch, nodes })).toMatchObject({ ok: false, nodeId: "l2-fuser-2" });
    expect(exportArchonConfig({ ...arch, edges: [] })).toMatchObject({ ok: false });
  });
});
