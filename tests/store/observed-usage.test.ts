/** Observed averages read back from the SQLite run store (core/store/observed-usage.ts). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { observeRuns } from "../../core/cost/observed";
import { openDatabase, type SqliteDatabase } from "../../core/store/database";
import { readObservedUsage } from "../../core/store/observed-usage";
import { RunStore } from "../../core/store/run-store";
import { loadArchitecture } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const VERIFY = loadArchitecture("tests/cost/fixtures/verify-then-fuse.itasca.json");
const SAMPLE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");
const RIGHT = "Answer: (10 - 4) * 5 - 6 = 24";

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), "itasca-observed-"));
  dirs.push(dir);
  const db = openDatabase(join(dir, "itasca.sqlite"));
  dbs.push(db);
  return { db, store: new RunStore(db) };
}

describe("readObservedUsage", () => {
  it("gives what observeRuns gives for the same runs, read from the runs and run_calls tables", async () => {
    const { db, store } = freshStore();
    const { engine } = fakeEngine({ reply: (r) => ((r.sampleIndex ?? 0) % 2 === 0 ? RIGHT : "Answer: 4 + 5 + 6 + 10 = 24") }, { recorder: store });
    const results = [];
    for (const text of ["4 5 6 10", "4 5 6 10 "]) results.push({ text, result: await engine.start(engine.check(VERIFY), { text }).result });
    const fromDb = readObservedUsage(db);
    const direct = observeRuns(results.reverse().map(({ text, result }) => ({ architecture: VERIFY, query: { text }, nodes: result.nodes, calls: result.trace })));
    expect(fromDb.runs).toBe(2);
    expect(fromDb).toEqual(direct);
    expect(fromDb.outputs.find((o) => o.nodeType === "verify")?.itemRatio).toBe(0.5);
  });

  it("reads only completed runs, the newest first up to the limit, and those using the given models", async () => {
    const { db, store } = freshStore();
    const ok = fakeEngine({ reply: () => RIGHT }, { recorder: store }).engine;
    const failing = fakeEngine({ fail: () => new Error("boom") }, { recorder: store }).engine;
    await ok.start(ok.check(VERIFY), { text: "4 5 6 10" }).result;
    const failed = await failing.start(failing.check(VERIFY), { text: "4 5 6 10" }).result;
    expect(failed.status).not.toBe("completed");
    await ok.start(ok.check(SAMPLE), { text: "Once upon a time" }).result;

    expect(readObservedUsage(db).runs).toBe(2);
    // The newest is the sample architecture (on local/stories260k).
    expect(readObservedUsage(db, { limit: 1 }).calls.map((c) => c.model)).toEqual(["local/stories260k", "local/stories260k", "local/stories260k"]);
    expect(readObservedUsage(db, { models: ["fake/model"] })).toMatchObject({ runs: 1 });
    expect(readObservedUsage(db, { models: ["nobody/uses-this"] })).toEqual({ runs: 0, calls: [], outputs: [] });
  });

  it("skips a row it cannot read instead of failing, and gives nothing for an empty database", () => {
    const { db } = freshStore();
    expect(readObservedUsage(db)).toEqual({ runs: 0, calls: [], outputs: [] });
    db.prepare("INSERT INTO runs (id, name, query, architecture, status, started_at, result) VALUES ('r1', 'x', 'not json', '{}', 'completed', 1, '{}')").run();
    expect(readObservedUsage(db)).toEqual({ runs: 0, calls: [], outputs: [] });
  });
});
