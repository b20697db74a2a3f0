import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { estimateArchitecture } from "../../core/cost/estimate";
import { serializeArchitecture } from "../../core/graph/serialize";
import { ModelRegistry } from "../../core/providers/models";
import { validateArchitecture } from "../../core/validation/validate";
import { loadArchitecture, ROOT } from "../helpers/architectures";
import { EXPECTED_CALLS_PHRASE, expectedCallsOf, PRESETS_DIR } from "./presets";

const files = readdirSync(`${ROOT}${PRESETS_DIR}`).filter((f) => f.endsWith(".itasca.json"));
const models = new ModelRegistry();

describe("preset architectures", () => {
  it("include the ones the README and the presets issue promise", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "single-call.itasca.json",
        "sample-rank-fuse.itasca.json",
        "game24-vote.itasca.json",
        "best-of-n-ranker.itasca.json",
        "self-consistency.itasca.json",
        "mixture-of-agents.itasca.json",
        "archon-general.itasca.json",
        "archon-reasoning.itasca.json",
        "codet-coding.itasca.json",
        "self-refine.itasca.json",
        "game24-verify-vote.itasca.json",
        "gsm8k-vote.itasca.json",
      ]),
    );
  });

  it.each(files)("%s is valid, uses registered models, and is stored in canonical form", (file) => {
    const text = readFileSync(`${ROOT}${PRESETS_DIR}${file}`, "utf8");
    const result = validateArchitecture(text, { file, knownModels: (id) => models.has(id) });
    expect(result.diagnostics).toEqual([]);
    expect(serializeArchitecture(result.document ?? (JSON.parse(text) as never))).toBe(text);
  });

  it.each(files)("%s is named after its file and its description says what it is, the paper, the expected calls and when to use it", (file) => {
    const architecture = loadArchitecture(`${PRESETS_DIR}${file}`);
    expect(`${architecture.name}.itasca.json`).toBe(file);
    const description = architecture.description ?? "";
    // What it is: a first sentence before the paper reference.
    expect(description.indexOf("Paper:")).toBeGreaterThan(20);
    expect(description).toMatch(/arXiv \d{4}\.\d{4,5}/);
    expect(description.split(EXPECTED_CALLS_PHRASE)).toHaveLength(2);
    expect(description).toMatch(/Use it (for|to|when|first)/);
  });

  it.each(files)("%s: the calls its description promises are the cost estimator's", (file) => {
    const architecture = loadArchitecture(`${PRESETS_DIR}${file}`);
    const estimate = estimateArchitecture(architecture, models.list());
    expect(expectedCallsOf(architecture)).toBe(estimate.calls);
  });

  it("the shipped JSON Schema is up to date (npm run schema)", async () => {
    const { architectureJsonSchema } = await import("../../core/validation/json-schema");
    const shipped = readFileSync(`${ROOT}presets/itasca.schema.json`, "utf8");
    expect(JSON.parse(shipped)).toEqual(architectureJsonSchema());
  });
});
