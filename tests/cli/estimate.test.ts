/** `itasca estimate`: the real bin in a child process, on a fresh data dir. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDataset } from "../../core/eval/datasets";
import { estimateTokens } from "../../core/nodes/estimate-tokens";
import { runCli } from "../helpers/run-cli";

const home = mkdtempSync(join(tmpdir(), "itasca-estimate-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { ITASCA_HOME: home };
const SAMPLE = "presets/architectures/sample-rank-fuse.itasca.json";
const GAME24 = "presets/architectures/game24-vote.itasca.json";
const GSM8K = "tests/cost/fixtures/gsm8k-ensemble.itasca.json";

interface EstimateJson {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  unpriced: string[];
  latencyMs: number;
  nodes: { id: string; type: string; model?: string; calls: number; inputTokens: number; outputTokens: number; usd: number; latencyMs: number }[];
  assumptions: { queryTokens: number; query: Record<string, unknown>; observed: { runs: number }; latency: Record<string, { sources: Record<string, string> }>; criticalPath: string[] };
}

async function estimateJson(args: string[], environment = env): Promise<EstimateJson> {
  const { code, stdout, stderr } = await runCli(["estimate", ...args, "--json"], environment);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as EstimateJson;
}

describe("itasca estimate", () => {
  it("prints the --json contract: totals, a row per node, and the assumptions; it creates no database", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "itasca-estimate-"));
    try {
      const json = await estimateJson([SAMPLE, "--input", "Once upon a time"], { ITASCA_HOME: fresh });
      expect(Object.keys(json).sort()).toEqual(["assumptions", "calls", "inputTokens", "latencyMs", "nodes", "outputTokens", "unpriced", "usd"]);
      expect(json).toMatchObject({ calls: 7, outputTokens: 5 * 64 + 32 + 64, usd: 0, unpriced: [] });
      expect(json.latencyMs).toBeGreaterThan(0);
      expect(json.nodes.map((n) => n.id)).toEqual(["input", "generate", "rank", "fuse", "output"]);
      const generate = json.nodes[1];
      expect(Object.keys(generate ?? {}).sort()).toEqual(["calls", "id", "inputTokens", "latencyMs", "model", "outputTokens", "type", "usd"]);
      expect(generate).toMatchObject({ type: "generate", model: "local/stories260k", calls: 5, outputTokens: 320 });
      expect(Object.keys(json.nodes[0] ?? {})).not.toContain("model");
      expect(json.assumptions).toMatchObject({ queryTokens: estimateTokens("Once upon a time"), query: { kind: "input" }, observed: { runs: 0 }, criticalPath: ["input", "generate", "rank", "fuse", "output"] });
      expect(json.assumptions.latency["local/stories260k"]?.sources).toEqual({ ttft: "default", prefill: "default", decode: "default" });
      expect(existsSync(join(fresh, "itasca.sqlite"))).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("prints a table per node and in total, the critical path and the latency model", async () => {
    const { code, stdout } = await runCli(["estimate", SAMPLE, "--query-tokens", "20"], env);
    expect(code).toBe(0);
    expect(stdout).toContain("sample-rank-fuse: estimated per query (query 20 tokens, from --query-tokens");
    expect(stdout).toMatch(/^ {2}generate +generate +local\/stories260k +5 +\d+ +320 +\$0 +[\d.]+ s$/m);
    expect(stdout).toMatch(/^ {2}total +7 +\d+ +416 +\$0 +[\d.]+ s$/m);
    expect(stdout).toContain("critical path: input → generate → rank → fuse → output");
    expect(stdout).toContain("output tokens: 416 expected, 416 at most");
    expect(stdout).toContain("local/stories260k: default (llama-cpp)");
  });

  it("takes the prompt length from a dataset: the mean of its items' inputs", async () => {
    const items = (await resolveDataset("gsm8k")).items.slice(0, 5);
    const json = await estimateJson([GSM8K, "--dataset", "gsm8k", "--limit", "5"]);
    expect(json.assumptions.query).toEqual({ kind: "dataset", name: "gsm8k", format: "gsm8k", split: "all", items: 5 });
    expect(json.assumptions.queryTokens).toBeCloseTo(items.reduce((sum, item) => sum + estimateTokens(item.input), 0) / 5, 10);
    expect(json).toMatchObject({ calls: 4, outputTokens: 4 * 256, latencyMs: 0 });
  });

  it("uses the averages of earlier runs in the data dir: after one run of a replay, the same query is estimated as measured", async () => {
    const run = await runCli(["run", GAME24, "--input", "4 5 6 10", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    const measured = (JSON.parse(run.stdout) as { usage: { calls: number; inputTokens: number; outputTokens: number } }).usage;
    const informed = await estimateJson([GAME24, "--input", "4 5 6 10"]);
    expect(informed.assumptions.observed.runs).toBe(1);
    expect(informed).toMatchObject({ calls: measured.calls, inputTokens: measured.inputTokens, outputTokens: measured.outputTokens });
    const blind = await estimateJson([GAME24, "--input", "4 5 6 10", "--ignore-runs"]);
    expect(blind).toMatchObject({ calls: 10, outputTokens: 10_000 });
    expect(blind.assumptions.observed.runs).toBe(0);
  }, 120_000);

  it("scales the latency by what earlier runs of the embedded model took against the latency model", async () => {
    const blind = await estimateJson([SAMPLE, "--input", "Once upon a time"]);
    expect(blind.assumptions.latency["local/stories260k"]).toMatchObject({ observedRatio: null });
    const run = await runCli(["run", SAMPLE, "--input", "Once upon a time"], env);
    expect(run.code, run.stderr).toBe(0);
    const informed = await estimateJson([SAMPLE, "--input", "Once upon a time"]);
    const ratio = (informed.assumptions.latency["local/stories260k"] as unknown as { observedRatio: number }).observedRatio;
    // The default profile is a 7-8B model on a laptop CPU; the 260K-parameter toy is far faster.
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(1);
    expect(informed.latencyMs).toBeLessThan(blind.latencyMs);
    const { stdout } = await runCli(["estimate", SAMPLE, "--input", "Once upon a time"], env);
    expect(stdout).toMatch(/earlier runs took 0\.\d\dx that, so the estimate is scaled by it/);
  }, 120_000);

  it("exits 1 naming a missing file or an unknown dataset, and 2 on usage errors", async () => {
    const missing = await runCli(["estimate", "no/such.itasca.json"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no/such.itasca.json");
    const unknown = await runCli(["estimate", SAMPLE, "--dataset", "no-such-dataset"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no-such-dataset");
    for (const args of [[], [SAMPLE, SAMPLE], [SAMPLE, "--input", "x", "--dataset", "gsm8k"], [SAMPLE, "--limit", "3"], [SAMPLE, "--dataset", "gsm8k", "--limit", "many"], [SAMPLE, "--split", "train", "--dataset", "gsm8k"], [SAMPLE, "--bogus"]]) {
      const result = await runCli(["estimate", ...args], env);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain('Run "itasca estimate --help"');
    }
    const help = await runCli(["--help"], env);
    expect(help.stdout).toContain("estimate <file>");
  }, 180_000);
});
