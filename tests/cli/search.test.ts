/**
 * `itasca search` end to end, in child processes: the acceptance command on replayed GPT-4
 * samples (offline), whose best architecture `itasca eval` scores at the reported value; a
 * search killed with SIGKILL half way and resumed equals an uninterrupted one with the same
 * seed and makes no call twice (a real OpenAI-protocol server on 127.0.0.1 counts them);
 * over-budget configurations never reach the server; a total budget stops cleanly.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../core/api/eval-types";
import type { SearchReport, TrialRecord } from "../../core/api/search-types";
import { SearchStore } from "../../core/search/run";
import { DATABASE_FILE, openDatabase } from "../../core/store/database";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";
import { runCli, spawnCli } from "../helpers/run-cli";
import { completedCallKeys, modelsAt, reply, requestKey } from "../search/run/helpers";

const dirs: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ reply, latencyMs: 60 });
});

afterAll(async () => {
  await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A data dir whose models.json serves test/counting and test/dear from the counting server. */
function homeWithModels(): string {
  const home = temp("itasca-search-home-");
  writeFileSync(join(home, "models.json"), JSON.stringify({ models: modelsAt(server.baseUrl) }));
  return home;
}

function withDb<T>(home: string, read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(home, DATABASE_FILE));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const storedTrials = (home: string, searchId: string) => withDb(home, (db) => new SearchStore(db).trials(searchId));
const outcome = (t: TrialRecord) => [t.index, t.status, t.fidelity, t.config, t.score, t.callsPerQuery, t.architectureHash, t.reason];

describe("itasca search on replay (the acceptance command)", () => {
  it("finishes offline, writes the best architecture, and itasca eval scores it at the reported value", async () => {
    const home = temp("itasca-search-home-");
    const out = temp("itasca-search-out-");
    // The command: the space file's dataset entry gives the split and limit its replay records cover.
    const search = await runCli(["search", "presets/spaces/game24-replay.space.json", "--dataset", "game24", "--algorithm", "bayes", "--trials", "30", "--out", out, "--json"], { ITASCA_HOME: home }, 120_000);
    expect(search.code, search.stderr).toBe(0);
    const report = JSON.parse(search.stdout) as SearchReport;
    expect(report).toMatchObject({ status: "completed", algorithm: "bayes", seed: 0, trials: 30, excluded: 0, dataset: { name: "game24", split: "all", items: 10 } });
    expect(report.best).not.toBeNull();
    const best = report.best as NonNullable<SearchReport["best"]>;
    expect(best.file).toBe(join(out, "best.itasca.json"));
    expect(best.score).toBeGreaterThan(0);
    // The front is cheapest first with rising scores, its last point the best, each with its file.
    expect(report.pareto.at(-1)).toMatchObject({ trialIndex: best.trialIndex, score: best.score, file: join(out, `pareto-${report.pareto.length}.itasca.json`) });
    for (const [i, point] of report.pareto.entries()) {
      expect(existsSync(point.file as string)).toBe(true);
      if (i > 0) expect(point.score).toBeGreaterThan(report.pareto[i - 1]?.score as number);
    }
    const csv = readFileSync(join(out, "trials.csv"), "utf8").trim().split("\r\n");
    expect(csv[0]).toMatch(/^index,status,fidelity,score,cost_per_query_usd,calls_per_query,.*,aggregation,samples$/);
    expect(csv).toHaveLength(31);
    expect(readFileSync(join(out, "pareto.svg"), "utf8")).toContain("score vs calls per query");
    // Progress went to stderr, one line per trial.
    expect(search.stderr).toMatch(/^itasca: estimated worst-case spend: 30 trials x 10 items x \$0\.0000 per query = \$0\.0000/m);
    expect(search.stderr.match(/^itasca: trial +\d+\/30 /gm)).toHaveLength(30);

    const evaluated = await runCli(["eval", best.file as string, "--dataset", "game24", "--split", "all", "--limit", "10", "--json"], { ITASCA_HOME: temp("itasca-search-home-") }, 60_000);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const evalReport = JSON.parse(evaluated.stdout) as EvalReport;
    expect(evalReport.accuracy).toBe(best.score);
    expect(evalReport.usage.calls / evalReport.items).toBe(best.callsPerQuery);
  }, 180_000);
});

describe("itasca search on a counting server", () => {
  const args = (extra: string[] = []) => [
    "search", "tests/fixtures/search-run/sums.space.json", "--dataset", "tests/fixtures/eval/sums.jsonl", "--split", "all", "--limit", "8",
    "--algorithm", "random", "--trials", "8", "--seed", "5", "--max-usd-per-query", "0.01", "--json", ...extra,
  ];

  it("killed half way (SIGKILL) and resumed: the uninterrupted search's trials and best, no call made twice, over-budget configurations never sent", async () => {
    const home = homeWithModels();
    const firstRequest = server.requests.length;
    const child = spawnCli(args(["--out", temp("itasca-search-out-")]), { ITASCA_HOME: home }, 90_000);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (child.stderr().match(/^itasca: trial +\d+\/8 /gm)?.length ?? 0) < 3) await new Promise((r) => setTimeout(r, 25));
    child.child.kill("SIGKILL");
    await child.exited;
    const searchId = child.stderr().match(/itasca: search (search-[0-9a-f]{8}): /)?.[1] as string;
    expect(searchId, child.stderr()).toBeDefined();
    const beforeKill = storedTrials(home, searchId);
    expect(beforeKill.length).toBeGreaterThanOrEqual(3);
    const completedBefore = new Set(withDb(home, completedCallKeys));
    const resumeRequest = server.requests.length;

    const resumed = await runCli(["search", "--resume", searchId, "--json", "--out", temp("itasca-search-out-")], { ITASCA_HOME: home }, 90_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`(${beforeKill.length} already done, resuming)`);
    const report = JSON.parse(resumed.stdout) as SearchReport;
    const resumedRequests = server.requests.slice(resumeRequest);

    const fresh = homeWithModels();
    const uninterrupted = await runCli(args(["--out", temp("itasca-search-out-")]), { ITASCA_HOME: fresh }, 90_000);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const reference = JSON.parse(uninterrupted.stdout) as SearchReport;

    const strip = (r: SearchReport) => ({ ...r, searchId: "", startedAt: 0, endedAt: 0, spentUsd: 0, best: r.best && { ...r.best, file: "" }, pareto: r.pareto.map((p) => ({ ...p, file: "" })) });
    expect(strip(report)).toEqual(strip(reference));
    expect(report.best?.config).toMatchObject({ temperature: 0.3, model: "test/counting" });
    expect(storedTrials(home, searchId).map(outcome)).toEqual(storedTrials(fresh, reference.searchId).map(outcome));
    expect(beforeKill.length).toBeLessThan(storedTrials(fresh, reference.searchId).length);
    // No call the killed process had completed was asked again (calls in flight at the kill were never completed).
    expect(completedBefore.size).toBeGreaterThan(0);
    expect(resumedRequests.length).toBeGreaterThan(0);
    expect(resumedRequests.filter((q) => completedBefore.has(requestKey(q.body))).map((q) => requestKey(q.body))).toEqual([]);
    // The dear model's configurations were excluded by the estimate and never sent.
    expect(report.excluded).toBeGreaterThan(0);
    expect(server.requests.slice(firstRequest).filter((q) => q.body.model === "dear-model")).toEqual([]);
    expect(storedTrials(home, searchId).filter((t) => t.status === "excluded").every((t) => t.config["model"] === "test/dear" && t.evalId === undefined)).toBe(true);
  }, 240_000);

  it("a total budget stops the search cleanly with its best so far (exit 3), and a resume with more finishes it", async () => {
    const home = homeWithModels();
    const out = temp("itasca-search-out-");
    const stopped = await runCli(args(["--max-total-calls", "20", "--out", out]), { ITASCA_HOME: home }, 90_000);
    expect(stopped.code, stopped.stderr).toBe(3);
    const report = JSON.parse(stopped.stdout) as SearchReport;
    expect(report.status).toBe("stopped");
    expect(report.stopReason).toMatch(/^the total budget of 20 calls is used \(\d+\)$/);
    expect(report.best).not.toBeNull();
    expect(existsSync(join(out, "best.itasca.json"))).toBe(true);
    expect(stopped.stderr).toContain(`itasca: search ${report.searchId} stopped (the total budget of 20 calls is used`);
    expect(stopped.stderr).toContain(`continue it with: itasca search --resume ${report.searchId}`);

    const more = await runCli(["search", "--resume", report.searchId, "--max-total-calls", "100000", "--json", "--out", out], { ITASCA_HOME: home }, 90_000);
    expect(more.code, more.stderr).toBe(0);
    expect((JSON.parse(more.stdout) as SearchReport).status).toBe("completed");

    const list = await runCli(["search", "list"], { ITASCA_HOME: home });
    expect(list.stdout).toMatch(new RegExp(`^${report.searchId}\\s+completed\\s+random\\s+5\\s`, "m"));
    const under = await runCli(["search", "show", report.searchId, "--under-usd", "1", "--json"], { ITASCA_HOME: home });
    expect(JSON.parse(under.stdout)).toMatchObject({ searchId: report.searchId, maxCostPerQueryUsd: 1, best: { config: { temperature: 0.3 } } });
  }, 180_000);

  it("refuses bad input and usage with the documented exit codes", async () => {
    const home = homeWithModels();
    const badAlgorithm = await runCli(["search", "tests/fixtures/search-run/sums.space.json", "--dataset", "tests/fixtures/eval/sums.jsonl", "--algorithm", "annealing"], { ITASCA_HOME: home });
    expect(badAlgorithm.code).toBe(2);
    expect(badAlgorithm.stderr).toContain('--algorithm takes one of random, grid, greedy, bayes, halving, got "annealing"');
    const missing = await runCli(["search", "tests/fixtures/search-run/nope.space.json", "--dataset", "tests/fixtures/eval/sums.jsonl"], { ITASCA_HOME: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.space.json: $: cannot read the search space (no such file)");
    const changed = await runCli(["search", "--resume", "search-00000000", "--seed", "2"], { ITASCA_HOME: home });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain("a resumed search keeps its settings (they decide its trials); drop --seed");
    const unknown = await runCli(["search", "--resume", "search-00000000"], { ITASCA_HOME: home });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no search "search-00000000"; "itasca search list" shows the stored ones');
  }, 60_000);
});
