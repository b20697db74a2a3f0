/** `itasca eval` as a user runs it: the embedded model out of the box, replay evals, list, export, compare, and its errors. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EvalComparison, EvalReport, EvalSummary } from "../../core/api/eval-types";
import { ROOT } from "../helpers/architectures";
import { runCli } from "../helpers/run-cli";

const home = mkdtempSync(join(tmpdir(), "itasca-eval-cli-"));
const env = { ITASCA_HOME: home };

afterAll(() => rmSync(home, { recursive: true, force: true }));

const REPORT_KEYS = ["evalId", "accuracy", "ci95", "coverage", "items", "scored", "usage", "costPerItemUsd", "p50Ms", "p95Ms"];

async function evalJson(args: string[]): Promise<EvalReport> {
  const result = await runCli(["eval", ...args, "--json"], env, 90_000);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as EvalReport;
}

describe("itasca eval", () => {
  it("evaluates sample-rank-fuse on the embedded model out of the box, with progress on stderr", async () => {
    const result = await runCli(["eval", "presets/architectures/sample-rank-fuse.itasca.json", "--dataset", "gsm8k", "--limit", "3", "--json"], env, 90_000);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as EvalReport;
    for (const key of REPORT_KEYS) expect(report).toHaveProperty(key);
    expect(Object.keys(report.usage).sort()).toEqual(["cachedCalls", "calls", "costUsd", "inputTokens", "outputTokens"]);
    expect(report.items).toBe(3);
    expect(report.scored).toBe(3);
    expect(report.usage.calls + report.usage.cachedCalls).toBe(21); // 5 samples + rank + fuse per item
    expect(report.perNode["generate"]?.calls).toBe(15);
    expect(report.p95Ms).toBeGreaterThanOrEqual(report.p50Ms);
    expect(report.architecture.file).toBe(join(ROOT, "presets/architectures/sample-rank-fuse.itasca.json"));
    expect(result.stderr).toMatch(/itasca: evaluation eval-[0-9a-f]{8}: 3 items/);
    expect(result.stderr).toMatch(/itasca: 3\/3 {2}acc /);
  }, 120_000);

  it("prints a readable report without --json", async () => {
    const result = await runCli(["eval", "tests/fixtures/eval/game24-single.itasca.json", "--dataset", "game24", "--limit", "4"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/accuracy +\d+\.\d% \(\d\/4\) +95% CI \[/);
    expect(result.stdout).toContain("coverage");
    expect(result.stdout).toMatch(/latency +p50 /);
  });

  it("lists, exports and compares stored evaluations", async () => {
    const single = await evalJson(["tests/fixtures/eval/game24-single.itasca.json", "--dataset", "game24", "--limit", "6"]);
    const vote = await evalJson(["presets/architectures/game24-vote.itasca.json", "--dataset", "game24", "--limit", "6"]);

    const list = await runCli(["eval", "list", "--json", "--arch", "presets/architectures/game24-vote.itasca.json"], env);
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as EvalSummary[];
    expect(listed.map((e) => e.evalId)).toEqual([vote.evalId]);
    const table = await runCli(["eval", "list"], env);
    expect(table.stdout).toContain(single.evalId);
    expect(table.stdout.split("\n")[0]).toMatch(/^id +status +architecture/);

    const csv = await runCli(["eval", "export", vote.evalId, "--csv"], env);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = csv.stdout.trimEnd().split("\r\n");
    expect(rows[0]).toMatch(/^index,item_id,status,correct,/);
    expect(rows).toHaveLength(7);
    const jsonl = await runCli(["eval", "export", vote.evalId, "--jsonl"], env);
    expect(jsonl.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { itemId: string }).itemId)).toEqual(["game24-900", "game24-901", "game24-902", "game24-903", "game24-904", "game24-905"]);

    const compare = await runCli(["eval", "compare", single.evalId, vote.evalId, "--json"], env);
    expect(compare.code, compare.stderr).toBe(0);
    const comparison = JSON.parse(compare.stdout) as EvalComparison;
    expect(comparison.items).toBe(6);
    expect(comparison.difference).toBeCloseTo(vote.accuracy - single.accuracy, 10);
    const text = await runCli(["eval", "compare", single.evalId, vote.evalId], env);
    expect(text.stdout).toMatch(/B wins \d+, loses \d+, ties \d+/);

    const gsm = await evalJson(["tests/fixtures/eval/gsm8k-single.itasca.json", "--dataset", "gsm8k", "--limit", "2"]);
    const refused = await runCli(["eval", "compare", single.evalId, gsm.evalId], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("different datasets");
  }, 120_000);

  it("reports bad input with exit 1 and bad usage with exit 2", async () => {
    const noDataset = await runCli(["eval", "presets/architectures/game24-vote.itasca.json"], env);
    expect(noDataset.code).toBe(2);
    expect(noDataset.stderr).toContain("--dataset");
    const badSplit = await runCli(["eval", "presets/architectures/game24-vote.itasca.json", "--dataset", "game24", "--split", "train"], env);
    expect(badSplit.code).toBe(2);
    expect(badSplit.stderr).toContain("--split takes one of dev, test, all");
    const unknownPreset = await runCli(["eval", "presets/architectures/game24-vote.itasca.json", "--dataset", "gsm9k"], env);
    expect(unknownPreset.code).toBe(1);
    expect(unknownPreset.stderr).toContain("gsm9k");
    const missingFile = await runCli(["eval", "presets/architectures/game24-vote.itasca.json", "--dataset", "no/such.jsonl"], env);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toContain("no/such.jsonl");
    const unknownScorer = await runCli(["eval", "presets/architectures/game24-vote.itasca.json", "--dataset", "game24", "--scorer", "bleu"], env);
    expect(unknownScorer.code).toBe(1);
    expect(unknownScorer.stderr).toContain("bleu");
    const unknownResume = await runCli(["eval", "presets/architectures/game24-vote.itasca.json", "--resume", "eval-00000000"], env);
    expect(unknownResume.code).toBe(1);
    expect(unknownResume.stderr).toContain('no evaluation "eval-00000000"');
    const exportBoth = await runCli(["eval", "export", "eval-00000000", "--csv", "--jsonl"], env);
    expect(exportBoth.code).toBe(2);
  }, 120_000);
});
