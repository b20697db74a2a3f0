/**
 * The Node-level backstops of a worker, checked on their own: under the workers' flags, the
 * import lock refuses every import once locked (node:net, data: URLs, even a module loaded
 * before), and the permission model refuses reads outside the allowed folders.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lockedNodeFlags, workerDir } from "../../../core/eval/sandbox/worker-command";

describe("a worker's Node process", () => {
  it("refuses every import once the lock is on, and file reads outside its folders", { timeout: 30_000 }, () => {
    const probe = fileURLToPath(new URL("../../fixtures/sandbox/import-lock-probe.mjs", import.meta.url));
    const dir = workerDir();
    const child = spawnSync(process.execPath, [...lockedNodeFlags([dir, probe], 128), probe, dir], { encoding: "utf8", env: {}, timeout: 20_000 });
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout.trim()) as { before: string; after: Record<string, string>; fsRead: string };
    expect(report.before).toBe("imported");
    for (const [specifier, outcome] of Object.entries(report.after)) expect(outcome, specifier).toBe(`refused: importing "${specifier}" is not allowed in the sandbox`);
    expect(report.fsRead).toBe("refused: ERR_ACCESS_DENIED");
  });
});
