import { describe, expect, it } from "vitest";
import { NODE_DEFINITIONS } from "../../core/nodes/registry";
import { runCli } from "../helpers/run-cli";

describe("itasca validate / nodes / schema / help", () => {
  it("validate on a file with a cycle exits 1 and names the nodes in the cycle", async () => {
    const file = "tests/fixtures/diagnostics/cycle.itasca.json";
    const { code, stdout } = await runCli(["validate", file]);
    expect(code).toBe(1);
    const line = stdout.split("\n").find((l) => l.includes(" cycle "));
    expect(line).toMatch(new RegExp(`^${file}: cycle \\S+: .+ \\(.+\\)$`));
    for (const id of ["critic", "judge", "refine"]) expect(line).toContain(id);
  });

  it("validate --json prints {valid, diagnostics}; a valid file exits 0", async () => {
    const bad = await runCli(["validate", "tests/fixtures/diagnostics/port-type-mismatch.itasca.json", "--json"]);
    expect(bad.code).toBe(1);
    const json = JSON.parse(bad.stdout) as { valid: boolean; diagnostics: { code: string; hint: string }[] };
    expect(json.valid).toBe(false);
    expect(json.diagnostics.map((d) => d.code)).toContain("port-type-mismatch");
    const good = await runCli(["validate", "presets/architectures/sample-rank-fuse.itasca.json", "--json"]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ valid: true, diagnostics: [] });
  });

  it("nodes --json lists every node type with ports and params", async () => {
    const { code, stdout } = await runCli(["nodes", "--json"]);
    expect(code).toBe(0);
    const nodes = JSON.parse(stdout) as { type: string; inputs: unknown[]; outputs: unknown[]; params: Record<string, { default?: unknown }> }[];
    expect(nodes.map((n) => n.type)).toEqual(NODE_DEFINITIONS.map((d) => d.type));
    expect(nodes.find((n) => n.type === "generate")?.params.samples).toMatchObject({ default: 1, minimum: 1 });
    const text = await runCli(["nodes"]);
    expect(text.stdout).toContain("generate (generation)");
  });

  it("schema prints a JSON Schema naming every node type", async () => {
    const { code, stdout } = await runCli(["schema"]);
    expect(code).toBe(0);
    for (const def of NODE_DEFINITIONS) expect(stdout).toContain(`"${def.type}"`);
  });

  it("every command has --help; unknown commands are usage errors", async () => {
    for (const command of ["validate", "run", "nodes", "schema"]) {
      const { code, stdout } = await runCli([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: itasca ${command}`);
    }
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
