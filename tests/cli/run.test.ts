import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const home = mkdtempSync(join(tmpdir(), "itasca-home-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { ITASCA_HOME: home };
const PRESET = "presets/architectures/sample-rank-fuse.itasca.json";

describe("itasca run (real embedded model, fresh data dir)", () => {
  it("runs the preset with no configuration: progress on stderr, answer on stdout", async () => {
    const { code, stdout, stderr } = await runCli(["run", PRESET, "--input", "Once upon a time"], env);
    expect(stderr).toContain('node "generate" (generate) started');
    expect(stderr).toMatch(/node "fuse" done: 1 calls/);
    expect(stderr).toMatch(/completed in .*: 7 calls \(0 cached\)/);
    expect(code).toBe(0);
    expect(stdout.trim().length).toBeGreaterThan(0);
  });

  it("gives program nodes the code sandbox: the CodeT preset's select runs the candidates' code", async () => {
    const query = 'def add(a, b):\n    """Return a + b."""\n';
    const { code, stdout, stderr } = await runCli(["run", "presets/architectures/codet-coding.itasca.json", "--input", query, "--json"], env);
    expect(stderr).not.toContain("does not provide");
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { nodes: { id: string; status: string }[] };
    expect(json.nodes.find((n) => n.id === "select")?.status).toBe("done");
  }, 60_000);

  it("prints the --json shape, and a rerun reports calls: 0 with every call cached", async () => {
    const { code, stdout } = await runCli(["run", PRESET, "--input", "Once upon a time", "--json"], env);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["runId", "answer", "usage", "nodes"]));
    expect(json.runId).toMatch(/^run-/);
    expect(typeof json.answer).toBe("string");
    expect(json.usage).toEqual({ calls: 0, cachedCalls: 7, inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false });
    const nodes = json.nodes as { id: string; type: string; status: string; calls: number; cachedCalls: number; ms: number }[];
    expect(nodes.map((n) => n.id)).toEqual(["input", "generate", "rank", "fuse", "output"]);
    for (const node of nodes) expect(Object.keys(node).sort()).toEqual(["cachedCalls", "calls", "id", "ms", "status", "type"]);
    expect(nodes.find((n) => n.id === "generate")).toMatchObject({ status: "cached", calls: 0, cachedCalls: 5 });
  });

  it("--max-calls 3 on a 7-call architecture stops before the 4th call and reports budget.exceeded", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "itasca-home-"));
    try {
      const { code, stdout, stderr } = await runCli(["run", PRESET, "--input", "A new query", "--max-calls", "3", "--json"], { ITASCA_HOME: fresh });
      expect(code).toBe(3);
      expect(stderr).toContain("budget.exceeded");
      const json = JSON.parse(stdout) as { status: string; usage: { calls: number }; answer: unknown };
      expect(json.status).toBe("budget-exceeded");
      expect(json.usage.calls).toBe(3);
      expect(json.answer).toBeNull();
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("reads the query from --input-file", async () => {
    const { code } = await runCli(["run", "presets/architectures/single-call.itasca.json", "--input-file", "tests/fixtures/queries/story.txt"], env);
    expect(code).toBe(0);
  });

  it("exits 2 on usage errors and 1 on invalid input, with a clear message", async () => {
    const noInput = await runCli(["run", PRESET], env);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain("--input");
    const badBudget = await runCli(["run", PRESET, "--input", "x", "--max-calls", "lots"], env);
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toContain('--max-calls takes a whole number >= 0, got "lots"');
    const missing = await runCli(["run", "nope.itasca.json", "--input", "x"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.itasca.json: cannot read the architecture file (no such file)");
    const invalid = await runCli(["run", "tests/fixtures/diagnostics/cycle.itasca.json", "--input", "x"], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("cycle");
  });
});
