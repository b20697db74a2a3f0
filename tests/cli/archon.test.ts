import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importArchonConfig } from "../../core/interop/archon";
import { validateArchitecture } from "../../core/validation/validate";
import { runCli } from "../helpers/run-cli";
import { CONFIG_DIR, EXPECTED, filesWith, GOLDEN_DIR } from "../interop/archon/fixtures";

const CONFIGS = "tests/fixtures/archon/configs";

/** An ITASCA_HOME whose models.json registers every model the fixtures use (Bedrock has no provider, so not it). */
function homeWithFixtureModels(): string {
  const home = mkdtempSync(join(tmpdir(), "itasca-archon-home-"));
  const ids = new Set<string>();
  for (const file of readdirSync(GOLDEN_DIR)) {
    const arch = JSON.parse(readFileSync(join(GOLDEN_DIR, file), "utf8")) as { nodes: { params: { model?: string } }[] };
    for (const node of arch.nodes) if (node.params.model !== undefined && !node.params.model.startsWith("bedrock/")) ids.add(node.params.model);
  }
  const models = [...ids].map((id) => ({ id, provider: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1", model: id.slice(id.indexOf("/") + 1) }));
  writeFileSync(join(home, "models.json"), JSON.stringify({ models }, null, 2));
  return home;
}

interface Summary {
  imported: number;
  warned: number;
  rejected: { file: string; reason: string }[];
  skipped: string[];
  unregisteredModels: { model: string; fix: string }[];
}

describe("itasca import archon", () => {
  let home: string;
  beforeAll(() => {
    home = homeWithFixtureModels();
  });

  it("imports every valid config of a directory, warns on defective ones and rejects invalid ones with reasons", async () => {
    const out = mkdtempSync(join(tmpdir(), "itasca-archon-out-"));
    const result = await runCli(["import", "archon", CONFIGS, "--out", out, "--json"], { ITASCA_HOME: home });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(Object.keys(summary).slice(0, 3)).toEqual(["imported", "warned", "rejected"]);
    expect(summary.imported).toBe(filesWith("imported").length + filesWith("warned").length);
    // A model the registry lacks (Bedrock's, even with every other model registered: it has no
    // provider) is listed in unregisteredModels; only the configs' own defects make a file warned.
    const defective = filesWith("warned").filter((f) => (EXPECTED[f]?.codes ?? []).some((code) => code !== "model-not-registered"));
    expect(defective).not.toContain("defect-bedrock.json");
    expect(summary.warned).toBe(defective.length);
    expect(summary.rejected.map((r) => r.file)).toEqual(filesWith("rejected").map((f) => `${CONFIGS}/${f}`));
    for (const r of summary.rejected) expect(Object.keys(r)).toEqual(["file", "reason"]);
    expect(summary.rejected.every((r) => r.reason.startsWith(r.file))).toBe(true);
    // Non-JSON files and subfolders are skipped, never read.
    expect(summary.skipped).toEqual([`${CONFIGS}/NOTES.txt`, `${CONFIGS}/nested`]);
    expect(summary.unregisteredModels.map((m) => m.model)).toEqual(["bedrock/anthropic.claude-3-haiku-20240307-v1:0"]);

    const written = readdirSync(out).sort();
    expect(written).toEqual(readdirSync(GOLDEN_DIR).sort());
    for (const file of written) {
      const text = readFileSync(join(out, file), "utf8");
      expect(validateArchitecture(text, { file }).diagnostics).toEqual([]);
      expect(text).toBe(readFileSync(join(GOLDEN_DIR, file), "utf8"));
    }
  });

  it("prints a line per file, each missing model once with its fix, and exits 0 when nothing is rejected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itasca-archon-in-"));
    for (const file of ["readme-quickstart.json", "ensemble-rank-fuse.json", "defect-misspelled-key.json"]) copyFileSync(join(CONFIG_DIR, file), join(dir, file));
    const out = join(dir, "out");
    const fresh = mkdtempSync(join(tmpdir(), "itasca-archon-empty-home-"));
    const result = await runCli(["import", "archon", dir, "--out", out], { ITASCA_HOME: fresh });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("imported "))).toHaveLength(3);
    expect(lines).toContain(`imported ${dir}/ensemble-rank-fuse.json -> ${out}/ensemble-rank-fuse.itasca.json`);
    expect(lines.some((l) => l.startsWith(`warning ${dir}/defect-misspelled-key.json: [misspelled-key] "length_contorl"`) && l.endsWith("(layers[1][0].length_contorl)"))).toBe(true);
    const fix = "itasca models add openai/gpt-4o-mini --preset openai --model gpt-4o-mini";
    expect(lines.filter((l) => l.includes(fix))).toHaveLength(1);
    // Only the misspelling is a defect of its config; the unregistered models are the home's, listed on the last line.
    expect(lines.at(-2)).toBe("3 imported (1 with warnings), 0 rejected");
  });

  it("rejects one bad file with its reason, and reports usage errors", async () => {
    const bad = await runCli(["import", "archon", `${CONFIGS}/invalid-bad-json.json`], { ITASCA_HOME: home });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`rejected ${CONFIGS}/invalid-bad-json.json: ${CONFIGS}/invalid-bad-json.json: $: invalid JSON at line 4`);
    expect((await runCli(["import"], { ITASCA_HOME: home })).code).toBe(2);
    expect((await runCli(["import", "rivet", CONFIGS], { ITASCA_HOME: home })).code).toBe(2);
    const missing = await runCli(["import", "archon", "no/such/dir"], { ITASCA_HOME: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no/such/dir: no such file or directory");
  });
});

describe("itasca export archon", () => {
  it("writes an Archon config that imports back to the same architecture", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "itasca-archon-export-")), "moa.json");
    const golden = `tests/fixtures/archon/golden/moa-fusers.itasca.json`;
    const result = await runCli(["export", "archon", golden, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`exported ${golden} -> ${out}\n`);
    const again = importArchonConfig(readFileSync(out, "utf8"));
    expect(again.ok && JSON.parse(JSON.stringify(again.architecture))).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  });

  it("prints the config on stdout without --out, warnings on stderr", async () => {
    const result = await runCli(["export", "archon", "presets/architectures/sample-rank-fuse.itasca.json"]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { layers: unknown[] }).layers).toHaveLength(3);
    expect(result.stderr).toContain("[unmapped-model]");
  });

  it("names the node that makes an architecture inexpressible", async () => {
    const result = await runCli(["export", "archon", "presets/architectures/game24-vote.itasca.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('itasca: presets/architectures/game24-vote.itasca.json: cannot export as an Archon config: not expressible as Archon layers: node "vote" (vote) has no Archon component (Archon has no majority vote)\n');
    expect((await runCli(["export", "archon"])).code).toBe(2);
    expect((await runCli(["export", "archon", "no-such.itasca.json"])).code).toBe(1);
  });

  it("the expected outcomes cover every defect class", () => {
    const codes = new Set(Object.values(EXPECTED).flatMap((e) => e.codes ?? []));
    for (const code of ["critiques-cross-fusion", "misspelled-key", "missing-max-tokens", "nothing-to-consume", "unknown-component", "unsupported-key", "ordering-rule", "model-not-registered", "missing-key", "duplicate-component"]) expect(codes).toContain(code);
  });
});
