import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evalItemRunId, isEvalItemRunId } from "../../core/api/eval-types";
import { dataDir } from "../../core/paths/data-dir";
import { openDatabase } from "../../core/store/database";
import { RunStore } from "../../core/store/run-store";
import { loadArchitecture } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("run store", () => {
  it("records each call as it completes, and the run when it ends", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itasca-store-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "itasca.sqlite"));
    const store = new RunStore(db);
    let storedAtFirstCall = -1;
    const { engine } = fakeEngine({}, { recorder: store });
    const run = engine.start(engine.check(loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json")), { text: "q" });
    // By the time the node sees a call's result, the call is already on disk.
    run.on("call.completed", () => {
      if (storedAtFirstCall < 0) storedAtFirstCall = store.callsOf(run.runId).length;
    });
    const result = await run.result;
    expect(storedAtFirstCall).toBe(1);
    expect(store.callsOf(run.runId).map((c) => c.id)).toEqual(result.trace.map((c) => c.id));
    expect(store.listRuns()).toMatchObject([{ id: run.runId, name: "sample-rank-fuse", status: "completed" }]);
    db.close();
  });

  it("lists the newest runs, leaving out the ones a filter skips without counting them against the limit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itasca-store-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "itasca.sqlite"));
    const store = new RunStore(db);
    const { engine } = fakeEngine({}, { recorder: store });
    const checked = engine.check(loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json"));
    const kept = await engine.start(checked, { text: "q" }, { runId: "run-kept" }).result;
    for (let i = 0; i < 3; i++) await engine.start(checked, { text: "q" }, { runId: evalItemRunId("eval-1234abcd", i, "n") }).result;
    expect(store.listRuns(3).map((r) => r.id)).not.toContain(kept.runId);
    expect(store.listRuns(1, isEvalItemRunId).map((r) => r.id)).toEqual(["run-kept"]);
    db.close();
  });

  it("refuses a database written by a newer Itasca", () => {
    const dir = mkdtempSync(join(tmpdir(), "itasca-store-"));
    dirs.push(dir);
    const file = join(dir, "itasca.sqlite");
    const db = openDatabase(file);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Itasca/);
  });

  it("the data dir is ITASCA_HOME when set, else the OS user data directory", () => {
    expect(dataDir({ ITASCA_HOME: "/tmp/x" })).toBe("/tmp/x");
    expect(dataDir({ XDG_DATA_HOME: "/data" }, "linux")).toBe("/data/itasca");
    expect(dataDir({ APPDATA: "C:\\Users\\u\\AppData\\Roaming" }, "win32")).toMatch(/Itasca$/);
    expect(dataDir({}, "darwin")).toMatch(/Library\/Application Support\/Itasca$/);
  });
});
