import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SearchSpaceFileSchema } from "../../../core/api/search-space";
import { loadSearchSpace, parseSearchSpace, SearchSpaceError } from "../../../core/search/space";
import { readFixture } from "../../helpers/fixtures";

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/search/${name}`, import.meta.url));
const preset = (name: string): string => fileURLToPath(new URL(`../../../presets/spaces/${name}`, import.meta.url));

async function loadError(name: string): Promise<SearchSpaceError> {
  const file = fixture(`invalid/${name}`);
  const error = await loadSearchSpace(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SearchSpaceError);
  const spaceError = error as SearchSpaceError;
  expect(spaceError.file).toBe(file);
  expect(spaceError.message).toContain(file);
  return spaceError;
}

describe("loading a search space", () => {
  it("loads the presets and resolves their templates", async () => {
    const game24 = await loadSearchSpace(preset("game24-replay.space.json"));
    expect(game24.name).toBe("game24-replay");
    expect(game24.dimensions.map((d) => d.id)).toEqual(["aggregation", "samples"]);
    expect(game24.dataset).toEqual({ name: "game24", split: "all", limit: 10 });
    expect(game24.template.nodes.map((n) => n.id)).toEqual(["input", "generate", "verify", "vote", "output"]);
    const archon = await loadSearchSpace(preset("archon-six-axes.space.json"));
    expect(archon.dimensions.map((d) => d.id)).toEqual(["generators", "samples", "fusion_layers", "fusers", "critic_ranker", "verifier"]);
  });

  it("resolves a template file relative to the space file and keeps it as written", async () => {
    const space = await loadSearchSpace(fixture("structural.space.json"));
    expect(space.templateFile).toBe(fixture("template-chain.itasca.json"));
    // As written: the defaults of the node params are not filled in.
    expect(space.template.nodes.find((n) => n.id === "fuse")?.params).toEqual({ fusers: 1 });
  });

  it("parses JSON already read, resolving against the given directory", () => {
    const json = JSON.parse(readFixture("search/structural.space.json")) as unknown;
    const space = parseSearchSpace(json, "inline.space.json", fileURLToPath(new URL("../../fixtures/search/", import.meta.url)));
    expect(space.file).toBe("inline.space.json");
    expect(space.dimensions).toHaveLength(8);
  });

  it("fills the schema's defaults (the Search view builds files from the same schema)", () => {
    const parsed = SearchSpaceFileSchema.parse(JSON.parse(readFixture("search/synthetic.space.json")));
    const n = parsed.dimensions[0];
    expect(n?.type === "int" && n.step === 1 && n.log).toBe(true);
  });
});

describe("search-space errors name the file, the JSON path and the fix", () => {
  it("a dimension pointing at a missing node names the dimension and the node", async () => {
    const error = await loadError("missing-node.space.json");
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe("dimensions[0].param");
    expect(error.message).toContain('dimension "samples" sets "generate.samples" on node "generate", but the template has no node "generate"');
    expect(error.issues[0]?.hint).toContain('"gen"');
  });

  it("a missing param names the node, its type and the param, with the params it has", async () => {
    const error = await loadError("missing-param.space.json");
    expect(error.message).toContain('node "gen" (generate) has no param "sample"');
    expect(error.issues[0]?.hint).toContain('did you mean "samples"?');
  });

  it("a value the param does not accept names the param and its limit", async () => {
    const error = await loadError("bad-value.space.json");
    expect(error.message).toMatch(/1000 is not a valid value of generate param "samples" on node "gen": .*256/);
  });

  it("an unknown dimension type suggests the right one", async () => {
    const error = await loadError("unknown-type.space.json");
    expect(error.issues[0]?.path).toBe("dimensions[0].type");
    expect(error.issues[0]?.hint).toContain('did you mean "int"?');
  });

  it("an unknown key suggests the key meant", async () => {
    const error = await loadError("unknown-key.space.json");
    expect(error.issues.map((i) => i.path)).toContain("dimensions[0].parm");
    expect(error.message).toContain('did you mean "param"?');
  });

  it("refuses a dimension with two targets, or with none", async () => {
    expect((await loadError("two-targets.space.json")).message).toContain('int dimension "layers" has several targets ("param", "repeat")');
    expect((await loadError("empty-choice.space.json")).message).toContain('choice dimension "mode" changes nothing');
  });

  it("conditions refer to earlier dimensions and to values they take", async () => {
    const later = await loadError("later-condition.space.json");
    expect(later.issues[0]?.path).toBe("dimensions[0].when");
    expect(later.issues[0]?.hint).toContain('move "layers" before "fusers"');
    const value = await loadError("bad-condition-value.space.json");
    expect(value.message).toContain('tests "aggregation" for "voting", a value it never takes');
  });

  it("a repeated chain must be linked by candidates", async () => {
    const error = await loadError("broken-chain.space.json");
    expect(error.issues[0]?.path).toBe("dimensions[0].repeat");
    expect(error.message).toContain('"critique" does not feed its candidates to "fuse"');
  });

  it("refuses to switch off the output node", async () => {
    expect((await loadError("fixed-node.space.json")).message).toContain('would switch off node "output"');
  });

  it("reports a template that is missing or invalid", async () => {
    const missing = await loadError("missing-template.space.json");
    expect(missing.issues[0]?.path).toBe("template");
    expect(missing.message).toContain("no such file");
    const invalid = await loadError("invalid-template.space.json");
    expect(invalid.issues[0]?.path).toBe("template.nodes[1].type");
    expect(invalid.message).toContain('unknown type "genrate"');
    expect(invalid.issues[0]?.hint).toContain('did you mean "generate"?');
  });

  it("refuses a space some of whose configurations are not valid architectures", async () => {
    const error = await loadError("broken-structure.space.json");
    expect(error.message).toContain('{"unit_tests":false} gives an invalid architecture: required-input-unconnected node "judge"');
  });

  it("reports invalid JSON with its line and column", async () => {
    const error = await loadError("bad-json.space.json");
    expect(error.message).toMatch(/invalid JSON at line 5, column \d+: trailing comma/);
  });

  it("reports an unreadable file", async () => {
    const error = await loadError("no-such.space.json");
    expect(error.message).toContain("cannot read the search space (no such file)");
  });

  it("checks model ids when given the registry", () => {
    const json = JSON.parse(readFixture("search/structural.space.json")) as unknown;
    const dir = fileURLToPath(new URL("../../fixtures/search/", import.meta.url));
    expect(() => parseSearchSpace(json, "s.space.json", dir, { knownModels: (id) => id === "local/stories260k" })).toThrow(/unknown-model/);
  });
});
