import { describe, expect, it } from "vitest";
import { ArchitectureSchema, type Architecture } from "../../core/graph/schema";
import { serializeArchitecture } from "../../core/graph/serialize";
import { fixtureNames, fixtureText, validArchitecture } from "../validation/fixtures";

function parse(text: string): Architecture {
  return ArchitectureSchema.parse(JSON.parse(text));
}

describe("serializeArchitecture", () => {
  it("round-trips: parse -> serialize -> parse is equal, and serializing again is identical", () => {
    const arch = parse(fixtureText("valid.itasca.json"));
    const text = serializeArchitecture(arch);
    expect(parse(text)).toEqual(arch);
    expect(serializeArchitecture(parse(text))).toBe(text);
  });

  it("writes the fixtures byte for byte (they are stored in the serialized form)", () => {
    for (const name of fixtureNames()) {
      if (name === "invalid-json.itasca.json" || name === "unsupported-version.itasca.json" || name === "schema-violation.itasca.json") continue;
      const text = fixtureText(name);
      expect(serializeArchitecture(parse(text)), name).toBe(text);
    }
  });

  it("orders keys: top level, nodes and edges in a fixed order; params alphabetically at every depth", () => {
    const shuffled = {
      edges: [{ to: ["b", "query"], from: ["a", "query"] }],
      nodes: [
        { position: { y: 2, x: 1 }, params: { zeta: 1, alpha: { d: 1, c: [{ b: 1, a: 2 }] } }, type: "generate", id: "b" },
        { type: "input", id: "a" },
      ],
      name: "shuffled",
      description: "keys in the wrong order",
      version: 1,
      $schema: "x.json",
    };
    const text = serializeArchitecture(ArchitectureSchema.parse(shuffled));
    const reparsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(reparsed)).toEqual(["$schema", "version", "name", "description", "nodes", "edges"]);
    const nodes = reparsed["nodes"] as Record<string, unknown>[];
    expect(Object.keys(nodes[0] ?? {})).toEqual(["id", "type", "params", "position"]);
    expect(JSON.stringify(nodes[0]?.["params"])).toBe('{"alpha":{"c":[{"a":2,"b":1}],"d":1},"zeta":1}');
    expect(JSON.stringify(nodes[0]?.["position"])).toBe('{"x":1,"y":2}');
    expect(nodes[1]).toEqual({ id: "a", type: "input", params: {}, position: { x: 0, y: 0 } });
    expect(text).toContain('    { "from": ["a", "query"], "to": ["b", "query"] }\n');
  });

  it("uses a 2-space indent and ends with a newline", () => {
    const text = serializeArchitecture(validArchitecture());
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toMatch(/^ {2}"\$schema"/);
    expect(text).not.toContain("\t");
  });

  it("leaves out absent optional keys instead of writing null", () => {
    const text = serializeArchitecture({ version: 1, name: "bare", nodes: [], edges: [] });
    expect(text).toBe('{\n  "version": 1,\n  "name": "bare",\n  "nodes": [],\n  "edges": []\n}\n');
  });

  it("breaks long param values over lines and keeps array order", () => {
    const arch = validArchitecture();
    const long = "x".repeat(120);
    arch.nodes[1] = { ...arch.nodes[1]!, params: { stop: ["b", "a"], prompt_template: long } };
    const text = serializeArchitecture(arch);
    expect(text).toContain(`        "prompt_template": "${long}",\n        "stop": ["b", "a"]\n`);
    expect(parse(text)).toEqual(arch);
  });

  it("keeps a __proto__ param as plain data", () => {
    // Straight from JSON.parse (zod drops the key): the serializer must not turn it into a prototype.
    const arch = JSON.parse('{"version":1,"name":"p","nodes":[{"id":"n","type":"input","params":{"__proto__":{"polluted":true}}}],"edges":[]}') as Architecture;
    arch.nodes[0] = { ...arch.nodes[0]!, position: { x: 0, y: 0 } };
    const text = serializeArchitecture(arch);
    expect(text).toContain('"__proto__": { "polluted": true }');
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
