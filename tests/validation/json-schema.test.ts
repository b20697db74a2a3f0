import { describe, expect, it } from "vitest";
import { ARCHITECTURE_SCHEMA_URI } from "../../core/graph/schema";
import { NODE_DEFINITIONS } from "../../core/nodes/registry";
import { architectureJsonSchema } from "../../core/validation/json-schema";
import { validArchitecture } from "./fixtures";

type Json = Record<string, unknown>;

function at(value: unknown, ...keys: (string | number)[]): unknown {
  return keys.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | undefined)?.[key], value);
}

describe("architectureJsonSchema", () => {
  const schema = architectureJsonSchema();
  const variants = at(schema, "properties", "nodes", "items", "oneOf") as Json[];
  const variantOf = (type: string): Json | undefined => variants.find((v) => at(v, "properties", "type", "const") === type);

  it("is plain JSON, draft 2020-12, with the file's $id", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe(ARCHITECTURE_SCHEMA_URI);
    expect(at(schema, "properties", "version", "const")).toBe(1);
    expect(at(schema, "required")).toEqual(expect.arrayContaining(["version", "name", "nodes", "edges"]));
  });

  it("has one node variant per node type, discriminated by type", () => {
    expect(Array.isArray(variants)).toBe(true);
    expect(variants.map((v) => at(v, "properties", "type", "const"))).toEqual(NODE_DEFINITIONS.map((d) => d.type));
    for (const variant of variants) {
      expect(variant["additionalProperties"]).toBe(false);
      expect(variant["required"]).toEqual(["id", "type"]);
    }
  });

  it("carries each type's params with descriptions and defaults, closed to unknown names", () => {
    for (const definition of NODE_DEFINITIONS) {
      const params = at(variantOf(definition.type), "properties", "params") as Json;
      expect(params["additionalProperties"], definition.type).toBe(false);
      expect(Object.keys(params["properties"] as Json).sort(), definition.type).toEqual(Object.keys(definition.params.shape).sort());
      expect(params["required"] ?? [], definition.type).toEqual([]);
    }
    expect(at(variantOf("generate"), "properties", "params", "properties", "samples")).toMatchObject({ type: "integer", minimum: 1, default: 1 });
    expect(String(at(variantOf("rank"), "description"))).toMatch(/^Rank: /);
  });

  it("admits the valid fixture's nodes: each type has a variant and each param a property", () => {
    for (const node of validArchitecture().nodes) {
      const properties = at(variantOf(node.type), "properties", "params", "properties") as Json;
      for (const name of Object.keys(node.params)) expect(properties, `${node.id}.${name}`).toHaveProperty(name);
    }
  });

  it("describes edges as pairs of [node, port]", () => {
    const from = at(schema, "properties", "edges", "items", "properties", "from") as Json;
    expect(from["type"]).toBe("array");
    expect(from["prefixItems"]).toHaveLength(2);
  });
});
