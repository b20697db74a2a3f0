import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Diagnostic, DiagnosticCode } from "../../core/graph/diagnostics";
import type { Architecture, EdgeSpec, NodeSpec } from "../../core/graph/schema";
import { defineNode } from "../../core/nodes/define";
import { NODE_DEFINITIONS } from "../../core/nodes/registry";
import { formatDiagnostic, isRunnable, validateArchitecture } from "../../core/validation/validate";
import { fixtureText, knownModels, validArchitecture } from "./fixtures";

function codes(diagnostics: readonly Diagnostic[]): DiagnosticCode[] {
  return diagnostics.map((d) => d.code);
}

function only(input: unknown, code: DiagnosticCode, options = {}): Diagnostic {
  const { diagnostics } = validateArchitecture(input, options);
  expect(codes(diagnostics)).toEqual([code]);
  return diagnostics[0] as Diagnostic;
}

/** The valid fixture with changes applied. */
function changed(change: (arch: Architecture) => void): Architecture {
  const arch = validArchitecture();
  change(arch);
  return arch;
}

function node(arch: Architecture, id: string): NodeSpec {
  const found = arch.nodes.find((n) => n.id === id);
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
}

const edge = (from: string, to: string): EdgeSpec => ({ from: from.split(".") as [string, string], to: to.split(".") as [string, string] });

describe("validateArchitecture: parsing", () => {
  it("accepts JSON text and parsed JSON alike", () => {
    const text = fixtureText("valid.itasca.json");
    expect(validateArchitecture(text)).toEqual(validateArchitecture(JSON.parse(text)));
  });

  it("reports invalid JSON with line and column and stops there", () => {
    const result = validateArchitecture(fixtureText("invalid-json.itasca.json"), { file: "broken.itasca.json" });
    expect(result.architecture).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        code: "invalid-json",
        severity: "error",
        path: "$",
        message: 'invalid JSON at line 44, column 71: trailing comma before "]"',
        hint: "fix the JSON syntax at broken.itasca.json:44:71",
      },
    ]);
  });

  it.each([
    ["", "line 1, column 1: unexpected end of file, expected a value"],
    ['{\n  // note\n  "version": 1\n}', "line 2, column 3: comments are not allowed in JSON"],
    ["{\n  'version': 1\n}", "line 2, column 3: strings must use double quotes"],
    ['{"a": 1}\n{"b": 2}', 'line 2, column 1: unexpected "{" after the end of the document'],
    ['{"a": "line\nbreak"}', "line 1, column 12: unescaped control character"],
    ['{"a" 1}', 'line 1, column 6: unexpected "1", expected ":"'],
  ])("locates the JSON error in %j", (text, expected) => {
    expect(only(text, "invalid-json").message).toContain(expected);
  });

  it("ignores a byte-order mark", () => {
    expect(validateArchitecture(`\uFEFF${fixtureText("valid.itasca.json")}`).diagnostics).toEqual([]);
  });

  it("reports each schema issue at its JSON path, and returns no architecture", () => {
    const raw = JSON.parse(fixtureText("valid.itasca.json")) as Record<string, unknown>;
    const nodes = raw["nodes"] as Record<string, unknown>[];
    (nodes[2] as { position: unknown }).position = { x: "480", y: 0 };
    nodes[3] = { ...nodes[3], colour: "red" };
    delete raw["name"];
    raw["nodez"] = [];
    (raw["edges"] as unknown[])[0] = { from: ["input"], to: ["gen", "query"] };
    const result = validateArchitecture(raw);
    expect(result.architecture).toBeUndefined();
    const byPath = Object.fromEntries(result.diagnostics.map((d) => [d.path, d]));
    expect(codes(result.diagnostics).every((c) => c === "schema-violation")).toBe(true);
    expect(Object.keys(byPath).sort()).toEqual(["edges[0].from", "name", "nodes[2].position.x", "nodes[3].colour", "nodez"]);
    expect(byPath["nodes[2].position.x"]?.message).toBe('"x" must be a number, got string "480"');
    expect(byPath["nodez"]?.hint).toContain('did you mean "nodes"?');
    expect(byPath["nodes[3].colour"]?.hint).toContain('"id", "type", "params", "position"');
    expect(byPath["name"]?.message).toBe('missing required key "name"');
    expect(byPath["edges[0].from"]?.hint).toContain('["node-id", "port"]');
  });

  it("rejects node ids with characters edges cannot name", () => {
    const d = only(changed((a) => (a.nodes[0] = { ...a.nodes[0]!, id: "my input" })), "schema-violation");
    expect(d.path).toBe("nodes[0].id");
  });

  it("never throws on malformed documents", () => {
    const inputs: unknown[] = [undefined, 0, "[]", "null", { version: 1 }, { version: 1, name: "x", nodes: "x", edges: [] }, { version: 1, name: "x", nodes: [{ id: "a" }], edges: [[1]] }];
    for (const input of inputs) {
      const result = validateArchitecture(input);
      expect(result.architecture).toBeUndefined();
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe("validateArchitecture: result", () => {
  it("fills param defaults in `architecture` and keeps `document` as written", () => {
    const result = validateArchitecture(fixtureText("valid.itasca.json"));
    expect(node(result.architecture!, "gen").params).toMatchObject({ samples: 5, temperature: 0.7, top_p: 1, model: "local/stories260k" });
    expect(node(result.document!, "gen").params).toEqual({ model: "local/stories260k", samples: 5 });
    expect(isRunnable(result)).toBe(true);
  });

  it("keeps the params of a node with invalid params as written", () => {
    const result = validateArchitecture(changed((a) => (node(a, "gen").params = { samples: 0 })));
    expect(node(result.architecture!, "gen").params).toEqual({ samples: 0 });
    expect(isRunnable(result)).toBe(false);
  });
});

describe("validateArchitecture: nodes", () => {
  it("names the known types for an unknown one, with a suggestion", () => {
    const d = only(changed((a) => (node(a, "rank").type = "rnak")), "unknown-node-type");
    expect(d).toMatchObject({ nodeId: "rank", path: "nodes[2].type" });
    expect(d.hint).toContain('did you mean "rank"?');
    for (const definition of NODE_DEFINITIONS) expect(d.hint).toContain(`"${definition.type}"`);
  });

  it("reports the second node with a repeated id", () => {
    const d = only(changed((a) => a.nodes.push({ id: "rank", type: "input", params: {}, position: { x: 0, y: 0 } })), "duplicate-node-id");
    expect(d).toMatchObject({ nodeId: "rank", path: "nodes[5].id" });
    expect(d.message).toContain("nodes[2] and nodes[5]");
  });

  it("requires an output node", () => {
    const arch = changed((a) => {
      a.nodes = a.nodes.filter((n) => n.type !== "output");
      a.edges = a.edges.filter((e) => e.to[0] !== "output");
    });
    expect(only(arch, "no-output-node").path).toBe("nodes");
  });

  it("warns, without failing, about a node no input reaches", () => {
    // A cycle with no way in: unreachable, but every required input is connected.
    const arch = changed((a) => {
      a.nodes.push({ id: "loop", type: "critique", params: {}, position: { x: 0, y: 0 } });
      a.edges.push(edge("input.query", "loop.query"));
    });
    arch.edges = arch.edges.filter((e) => !(e.to[0] === "loop" && e.to[1] === "query"));
    arch.edges.push(edge("loop.candidates", "loop.candidates"));
    const result = validateArchitecture(arch);
    expect(codes(result.diagnostics)).toEqual(["cycle", "required-input-unconnected", "node-unreachable"]);
    const warning = result.diagnostics[2]!;
    expect(warning).toMatchObject({ severity: "warning", nodeId: "loop", path: "nodes[5]" });
  });

  it("accepts a spare input node that feeds nothing", () => {
    const arch = changed((a) => a.nodes.push({ id: "spare", type: "input", params: {}, position: { x: 0, y: 0 } }));
    expect(validateArchitecture(arch).diagnostics).toEqual([]);
  });

  it("is runnable with warnings only", () => {
    const result = validateArchitecture(fixtureText("node-unreachable.itasca.json"));
    expect(isRunnable(result)).toBe(false);
    const warningsOnly = { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "warning") };
    expect(warningsOnly.diagnostics).toHaveLength(1);
    expect(isRunnable(warningsOnly)).toBe(true);
  });
});

describe("validateArchitecture: edges", () => {
  it("reports an edge to a missing node at the edge end", () => {
    const d = only(changed((a) => a.edges.push(edge("gen.candidates", "fsue.candidates"))), "dangling-edge");
    expect(d).toMatchObject({ path: "edges[6].to" });
    expect(d.nodeId).toBeUndefined();
    expect(d.hint).toContain('did you mean "fuse"?');
  });

  it("lists the node's ports for an unknown port, and leaves the intended input unconnected", () => {
    const result = validateArchitecture(changed((a) => (a.edges[3] = edge("gen.candidates", "rank.candidate"))));
    expect(codes(result.diagnostics)).toEqual(["unknown-port", "required-input-unconnected"]);
    const d = result.diagnostics[0]!;
    expect(d).toMatchObject({ nodeId: "rank", path: "edges[3].to" });
    expect(d.hint).toContain('did you mean "candidates"?');
    expect(d.hint).toContain('"query", "candidates"');
  });

  it("explains an edge that starts at an input port", () => {
    const d = only(changed((a) => a.edges.push(edge("rank.query", "fuse.query"))), "unknown-port");
    expect(d.path).toBe("edges[6].from");
    expect(d.hint).toContain('"query" is an input of rank; edges run from an output to an input');
  });

  it("names both ports and types on a mismatch", () => {
    // An extra, mistyped edge into a connected query input: the mismatch is the one error.
    const d = only(changed((a) => a.edges.push(edge("gen.candidates", "rank.query"))), "port-type-mismatch");
    expect(d.message).toBe('edge gen.candidates -> rank.query: output "gen.candidates" carries candidates but input "rank.query" takes query');
    expect(d).toMatchObject({ nodeId: "rank", path: "edges[6]" });
    expect(d.hint).toContain("input.query");
  });

  it("concatenates several edges into a candidates input (an ensemble) without complaint", () => {
    const arch = changed((a) => {
      a.nodes.push({ id: "gen2", type: "generate", params: { temperature: 1 }, position: { x: 0, y: 0 } });
      a.edges.push(edge("input.query", "gen2.query"), edge("gen2.candidates", "rank.candidates"));
    });
    expect(validateArchitecture(arch).diagnostics).toEqual([]);
  });

  it("allows one edge into an answer input", () => {
    const arch = changed((a) => {
      a.nodes.push({ id: "v1", type: "vote", params: {}, position: { x: 0, y: 0 } }, { id: "v2", type: "vote", params: {}, position: { x: 0, y: 0 } });
      a.edges.push(edge("gen.candidates", "v1.candidates"), edge("gen.candidates", "v2.candidates"), edge("v1.answer", "output.answer"), edge("v2.answer", "output.answer"));
    });
    const d = only(arch, "too-many-edges");
    expect(d).toMatchObject({ nodeId: "output", path: "edges[9].to" });
    expect(d.message).toBe('input "output.answer" takes one answer but has 2 edges (from v1.answer, v2.answer)');
  });

  it("reports a self-loop as a cycle", () => {
    const d = only(changed((a) => a.edges.push(edge("fuse.candidates", "fuse.candidates"))), "cycle");
    expect(d).toMatchObject({ message: "cycle: fuse -> fuse", nodeId: "fuse", path: "edges[6]" });
  });

  it("does not cascade: an edge from a misspelt output still connects its input", () => {
    const d = only(changed((a) => (a.edges[0] = edge("input.qeury", "gen.query"))), "unknown-port");
    expect(d).toMatchObject({ nodeId: "input", path: "edges[0].from" });
    expect(d.hint).toContain('did you mean "query"?');
  });
});

describe("validateArchitecture: params", () => {
  it("states the allowed range and the default", () => {
    const d = only(changed((a) => (node(a, "gen").params = { samples: 300 })), "param-out-of-range");
    expect(d).toMatchObject({ nodeId: "gen", path: "nodes[1].params.samples" });
    expect(d.message).toBe('node "gen": params.samples must be an integer between 1 and 256 (got 300)');
    expect(d.hint).toBe("set samples to an integer between 1 and 256, or remove it to use the default (1)");
  });

  it("gives the whole range for a too-small float", () => {
    const d = only(changed((a) => (node(a, "gen").params = { temperature: -1 })), "param-out-of-range");
    expect(d.message).toContain("params.temperature must be a number between 0 and 2 (got -1)");
  });

  it("asks for a non-empty model id", () => {
    const d = only(changed((a) => (node(a, "gen").params = { model: "" })), "param-out-of-range");
    expect(d.message).toBe('node "gen": params.model must be a non-empty string (got "")');
  });

  it.each([
    [{ samples: "five" }, "nodes[1].params.samples", "params.samples must be a number"],
    [{ samples: 2.5 }, "nodes[1].params.samples", "params.samples must be an integer"],
    [{ model: 7 }, "nodes[1].params.model", "params.model must be a string"],
    [{ prompt_template: "{{qeury}}" }, "nodes[1].params.prompt_template", "qeury"],
  ])("reports %j as param-invalid", (params, path, text) => {
    const d = only(changed((a) => (node(a, "gen").params = params)), "param-invalid");
    expect(d.path).toBe(path);
    expect(d.message).toContain(text);
  });

  it("reports an unknown param with a suggestion", () => {
    const d = only(changed((a) => (node(a, "gen").params = { temprature: 1 })), "param-invalid");
    expect(d).toMatchObject({ path: "nodes[1].params.temprature", message: 'node "gen" (generate) has no param "temprature"' });
    expect(d.hint).toContain('did you mean "temperature"?');
  });

  it("runs the node's own validate hook with the connected inputs", () => {
    const arch = changed((a) => (a.edges = a.edges.filter((e) => e.to[0] !== "output")));
    const result = validateArchitecture(arch);
    expect(codes(result.diagnostics)).toEqual(["required-input-unconnected", "node-unreachable"]);
    expect(result.diagnostics[0]).toMatchObject({ nodeId: "output", path: "nodes[4].inputs" });

    const regex = changed((a) => {
      a.nodes.push({ id: "vote", type: "vote", params: { extractor: "regex" }, position: { x: 0, y: 0 } });
      a.edges.push(edge("gen.candidates", "vote.candidates"));
    });
    expect(only(regex, "param-invalid").path).toBe("nodes[5].params.pattern");
  });

  it("checks model ids only when a registry predicate is given", () => {
    const arch = changed((a) => (node(a, "rank").params = { model: "acme/unknown" }));
    expect(validateArchitecture(arch).diagnostics).toEqual([]);
    const d = only(arch, "unknown-model", { knownModels });
    expect(d).toMatchObject({ nodeId: "rank", path: "nodes[2].params.model" });
    expect(d.message).toContain('"acme/unknown"');
  });

  it("points at the default model when it is the unknown one", () => {
    const arch = changed((a) => {
      node(a, "gen").params = { model: "other/model" };
      node(a, "rank").params = { model: "other/model" };
      node(a, "fuse").params = {};
    });
    const d = only(arch, "unknown-model", { knownModels: (id: string) => id === "other/model" });
    expect(d.path).toBe("nodes[3].params.model");
  });
});

describe("validateArchitecture: injected definitions", () => {
  const source = defineNode({
    type: "input",
    title: "Input",
    category: "io",
    description: "test input",
    inputs: {},
    outputs: { query: { type: "query", description: "q" } },
    params: z.object({}),
    estimate: () => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: {} }),
    run: async () => ({ query: { text: "" } }),
  });
  const sink = defineNode({
    type: "output",
    title: "Output",
    category: "io",
    description: "test output",
    inputs: { query: { type: "query", description: "q" } },
    outputs: {},
    params: z.object({ fussy: z.boolean().default(false), models: z.array(z.string()).default([]) }),
    models: (p) => p.models,
    validate: (p) => (p.fussy ? [{ code: "param-invalid", message: "too fussy", hint: "relax", path: "params.fussy" }] : []),
    estimate: () => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: {} }),
    run: async () => ({}),
  });
  const definitions = [source, sink];
  const arch = (params: Record<string, unknown>): Architecture => ({
    version: 1,
    name: "tiny",
    nodes: [
      { id: "in", type: "input", params: {}, position: { x: 0, y: 0 } },
      { id: "out", type: "output", params, position: { x: 0, y: 0 } },
    ],
    edges: [edge("in.query", "out.query")],
  });

  it("validates against the given node types only", () => {
    expect(validateArchitecture(arch({}), { definitions }).diagnostics).toEqual([]);
    expect(codes(validateArchitecture(changed(() => undefined), { definitions }).diagnostics)).toContain("unknown-node-type");
  });

  it("maps hook issues to the node, with the code's severity", () => {
    const d = only(arch({ fussy: true }), "param-invalid", { definitions });
    expect(d).toEqual({ code: "param-invalid", severity: "error", nodeId: "out", path: "nodes[1].params.fussy", message: 'node "out" (output): too fussy', hint: "relax" });
  });

  it("points an unknown model inside a list at its index", () => {
    const d = only(arch({ models: ["a/x", "b/y"] }), "unknown-model", { definitions, knownModels: (id: string) => id === "a/x" });
    expect(d.path).toBe("nodes[1].params.models[1]");
  });
});

describe("formatDiagnostic", () => {
  it("prints `<file>: <code> <nodeId or path>: <message> (<hint>)`", () => {
    const base = { severity: "error", message: "m", hint: "h" } as const;
    expect(formatDiagnostic("a.itasca.json", { ...base, code: "cycle", nodeId: "n1", path: "edges[0]" })).toBe("a.itasca.json: cycle n1: m (h)");
    expect(formatDiagnostic("a.itasca.json", { ...base, code: "dangling-edge", path: "edges[0].to" })).toBe("a.itasca.json: dangling-edge edges[0].to: m (h)");
    expect(formatDiagnostic("a.itasca.json", { ...base, code: "invalid-json" })).toBe("a.itasca.json: invalid-json $: m (h)");
  });
});

describe("validateArchitecture: duplicate calls", () => {
  const text = fixtureText("duplicate-calls.itasca.json");
  const arch = (): Architecture => JSON.parse(text) as Architecture;

  it("warns on the second of two nodes with the same type, params (in any key order) and inputs, naming the first", () => {
    const found = only(text, "duplicate-calls");
    expect(found).toMatchObject({ severity: "warning", nodeId: "gen-b", path: "nodes[2].params" });
    expect(found.message).toContain('node "gen-a"');
    expect(found.hint).toContain("seed");
  });

  it("a default written out is the same params as the default left out", () => {
    const withDefault = arch();
    node(withDefault, "gen-b").params["top_p"] = 1;
    expect(codes(validateArchitecture(withDefault).diagnostics)).toEqual(["duplicate-calls"]);
  });

  it("a different seed, param or input makes them distinct", () => {
    const seeded = arch();
    node(seeded, "gen-b").params["seed"] = 7;
    expect(validateArchitecture(seeded).diagnostics).toEqual([]);
    const hotter = arch();
    node(hotter, "gen-b").params["temperature"] = 1;
    expect(validateArchitecture(hotter).diagnostics).toEqual([]);
    const otherInput = arch();
    otherInput.nodes.push({ id: "input-2", type: "input", params: {}, position: { x: 0, y: 140 } });
    otherInput.edges = otherInput.edges.map((e) => (e.to[0] === "gen-b" ? edge("input-2.query", "gen-b.query") : e));
    expect(validateArchitecture(otherInput).diagnostics).toEqual([]);
  });

  it("nodes without a model (vote, output) are pure and never flagged", () => {
    const twoVotes = arch();
    twoVotes.nodes.push({ id: "vote-a", type: "vote", params: {}, position: { x: 0, y: 0 } }, { id: "vote-b", type: "vote", params: {}, position: { x: 0, y: 0 } });
    node(twoVotes, "gen-b").params["seed"] = 7;
    twoVotes.edges.push(edge("gen-a.candidates", "vote-a.candidates"), edge("gen-a.candidates", "vote-b.candidates"));
    expect(codes(validateArchitecture(twoVotes).diagnostics)).toEqual([]);
  });
});
