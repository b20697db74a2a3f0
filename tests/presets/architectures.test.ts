import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serializeArchitecture } from "../../core/graph/serialize";
import { ModelRegistry } from "../../core/providers/models";
import { validateArchitecture } from "../../core/validation/validate";
import { ROOT } from "../helpers/architectures";

const DIR = `${ROOT}presets/architectures/`;
const files = readdirSync(DIR).filter((f) => f.endsWith(".itasca.json"));
const models = new ModelRegistry();

describe("preset architectures", () => {
  it("include the two the README promises", () => {
    expect(files).toEqual(expect.arrayContaining(["sample-rank-fuse.itasca.json", "single-call.itasca.json"]));
  });

  it.each(files)("%s is valid, uses registered models, and is stored in canonical form", (file) => {
    const text = readFileSync(`${DIR}${file}`, "utf8");
    const result = validateArchitecture(text, { file, knownModels: (id) => models.has(id) });
    expect(result.diagnostics).toEqual([]);
    expect(serializeArchitecture(result.document ?? (JSON.parse(text) as never))).toBe(text);
  });

  it("the shipped JSON Schema is up to date (npm run schema)", async () => {
    const { architectureJsonSchema } = await import("../../core/validation/json-schema");
    const shipped = readFileSync(`${ROOT}presets/itasca.schema.json`, "utf8");
    expect(JSON.parse(shipped)).toEqual(architectureJsonSchema());
  });
});
