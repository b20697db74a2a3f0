/**
 * `itasca sweep` end to end on replayed GPT-4 samples (offline, zero cost): a samples sweep of
 * the game24 vote architecture costs exactly the calls of its largest value, since sample i is
 * its own cache entry and the largest value runs first.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EvalStore } from "../../core/eval/run";
import type { SweepResult } from "../../core/search/run";
import { DATABASE_FILE, openDatabase } from "../../core/store/database";
import { runCli } from "../helpers/run-cli";

const dirs: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SAMPLES = [1, 2, 4, 8, 16, 32, 64];
const ITEMS = 10;

describe("itasca sweep", () => {
  it("a samples sweep of a vote architecture on replay pays only for its largest value", async () => {
    const home = temp("itasca-sweep-home-");
    const out = temp("itasca-sweep-out-");
    const args = ["sweep", "presets/architectures/game24-vote.itasca.json", "--param", `generate.samples=${SAMPLES.join(",")}`, "--dataset", "game24", "--split", "all", "--limit", String(ITEMS), "--out", out, "--json"];
    const result = await runCli(args, { ITASCA_HOME: home }, 120_000);
    expect(result.code, result.stderr).toBe(0);
    const sweep = JSON.parse(result.stdout) as SweepResult & { svg: string };
    expect(sweep.points.map((p) => p.value)).toEqual(SAMPLES);
    expect(sweep.runOrder).toEqual([...SAMPLES].reverse());
    expect(result.stderr).toMatch(/^itasca: estimated worst-case spend: \$0\.0000 for 7 values x 10 items/m);

    // The largest value's evaluation made items x samples provider calls; every other value made none.
    const largest = sweep.points.at(-1);
    expect(largest).toMatchObject({ value: 64, calls: ITEMS * 64, cachedCalls: 0, callsPerQuery: 64 });
    for (const point of sweep.points.slice(0, -1)) expect(point, `samples=${String(point.value)}`).toMatchObject({ calls: 0, cachedCalls: ITEMS * (point.value as number), callsPerQuery: point.value });
    // The same, from the evaluations' stored items.
    const db = openDatabase(join(home, DATABASE_FILE));
    try {
      const store = new EvalStore(db);
      expect(store.list()).toHaveLength(SAMPLES.length);
      const callsOf = (evalId: string) => store.items(evalId).reduce((sum, item) => sum + item.usage.calls, 0);
      expect(sweep.points.map((p) => callsOf(p.evalId))).toEqual([0, 0, 0, 0, 0, 0, ITEMS * 64]);
    } finally {
      db.close();
    }

    // Accuracy and coverage grow with the samples (coverage is at least accuracy); the plot and the JSON are written.
    for (const point of sweep.points) expect(point.coverage ?? 0).toBeGreaterThanOrEqual(point.accuracy);
    expect((largest?.coverage ?? 0) > (sweep.points[0]?.coverage ?? 0)).toBe(true);
    const svg = readFileSync(join(out, "sweep.svg"), "utf8");
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("calls per query (every value cost $0");
    expect(svg.match(/<circle /g)?.length).toBe(SAMPLES.length * 2 + 2);
    expect(sweep.svg).toBe(join(out, "sweep.svg"));
    expect(existsSync(join(out, "sweep.json"))).toBe(true);
  }, 150_000);

  it("prints a table and refuses a param on a missing node", async () => {
    const home = temp("itasca-sweep-home-");
    const out = temp("itasca-sweep-out-");
    const table = await runCli(["sweep", "presets/architectures/game24-vote.itasca.json", "--param", "generate.samples=2,1", "--dataset", "game24", "--split", "all", "--limit", "2", "--out", out], { ITASCA_HOME: home }, 60_000);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^sweep of generate\.samples on 2 items of game24 \(all\); values ran largest first\n/);
    expect(table.stdout).toMatch(/^ {2}generate\.samples +accuracy +coverage +\$\/query +calls\/q +calls +cached +eval/m);
    expect(table.stdout).toMatch(/^ {2}1 .* 0 +2 +eval-[0-9a-f]{8}$/m);
    expect(table.stdout).toMatch(/^ {2}2 .* 4 +0 +eval-[0-9a-f]{8}$/m);
    expect(table.stderr.indexOf("generate.samples=2 (1/2)")).toBeLessThan(table.stderr.indexOf("itasca: evaluation eval-"));

    const missing = await runCli(["sweep", "presets/architectures/game24-vote.itasca.json", "--param", "sample.samples=1,2", "--dataset", "game24"], { ITASCA_HOME: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--param sample.samples: the architecture has no node "sample"; its nodes: input, generate, vote, output');
    const bad = await runCli(["sweep", "presets/architectures/game24-vote.itasca.json", "--param", "generate.samples", "--dataset", "game24"], { ITASCA_HOME: home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--param takes <node>.<param>=<v1,v2,...>, got "generate.samples"');
    const invalid = await runCli(["sweep", "presets/architectures/game24-vote.itasca.json", "--param", "generate.samples=0,2", "--dataset", "game24"], { ITASCA_HOME: home });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/--param generate\.samples=0: the architecture is invalid: .*samples/);
  }, 120_000);
});
