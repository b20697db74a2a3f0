import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineNode } from "../../core/nodes/define";
import { NODE_DEFINITIONS } from "../../core/nodes/registry";
import { edgeKey, formatDiagnostics, parseArchitectureText } from "../../core/validation/load";
import { fixtureText, knownModels } from "./fixtures";

describe("parseArchitectureText", () => {
  it("returns an ok result for a valid file", () => {
    const result = parseArchitectureText(fixtureText("valid.itasca.json"), "valid.itasca.json", { knownModels });
    expect(result).toMatchObject({ ok: true, file: "valid.itasca.json", diagnostics: [] });
    expect(result.architecture?.name).toBe("Generate, rank, fuse");
  });

  it("never throws, and formats one CLI line per diagnostic", () => {
    const result = parseArchitectureText(fixtureText("invalid-json.itasca.json"), "broken.itasca.json");
    expect(result.ok).toBe(false);
    expect(result.architecture).toBeUndefined();
    expect(formatDiagnostics(result.file, result.diagnostics)).toEqual([
      'broken.itasca.json: invalid-json $: invalid JSON at line 44, column 71: trailing comma before "]" (fix the JSON syntax at broken.itasca.json:44:71)',
    ]);
  });

  it("is not ok with an error, and ok with warnings only", () => {
    const withVote = fixtureText("valid.itasca.json").replace('"nodes": [', '"nodes": [\n    { "id": "spare", "type": "vote" },');
    const broken = parseArchitectureText(withVote, "x.itasca.json");
    expect(broken.diagnostics.map((d) => d.code)).toEqual(["required-input-unconnected", "node-unreachable"]);
    expect(broken.ok).toBe(false);

    // A node type with no inputs (a canvas note, say) is unreachable without being broken.
    const note = defineNode({
      type: "note",
      title: "Note",
      category: "io",
      description: "a comment on the canvas",
      inputs: {},
      outputs: {},
      params: z.object({}),
      estimate: () => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: {} }),
      run: async () => ({}),
    });
    const withNote = fixtureText("valid.itasca.json").replace('"nodes": [', '"nodes": [\n    { "id": "todo", "type": "note" },');
    const warned = parseArchitectureText(withNote, "x.itasca.json", { definitions: [...NODE_DEFINITIONS, note] });
    expect(warned.diagnostics).toMatchObject([{ code: "node-unreachable", severity: "warning", nodeId: "todo" }]);
    expect(warned.ok).toBe(true);
  });
});

describe("edgeKey", () => {
  it("is unique per edge and readable", () => {
    expect(edgeKey({ from: ["gen", "candidates"], to: ["rank.v2", "candidates"] })).toBe("gen:candidates->rank.v2:candidates");
    expect(edgeKey({ from: ["a.b", "c"], to: ["d", "e"] })).not.toBe(edgeKey({ from: ["a", "b.c"], to: ["d", "e"] }));
  });
});
