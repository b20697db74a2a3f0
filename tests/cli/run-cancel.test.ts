/**
 * Ctrl-C against a real backend: `itasca run` in a child process on a slow OpenAI-protocol
 * server on 127.0.0.1. After SIGINT no request may start, the in-flight ones are dropped, the
 * process exits 3, and the run store keeps exactly the calls the server answered before.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { OpenAIServer } from "../helpers/openai-server";
import { spawnCli, type CliProcess } from "../helpers/run-cli";
import { delivered, deliveredReplies, nowMs, pollUntil, slowArchitecture, slowModelEntry, SLOW_CONCURRENCY, startSlowServer } from "../helpers/slow-model";

const SAMPLES = 12;

let server: OpenAIServer | undefined;
let cli: CliProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (cli && cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill("SIGKILL");
  await cli?.exited.catch(() => undefined);
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  cli = server = dir = undefined;
});

interface RunRow {
  id: string;
  status: string;
  result: string | null;
}

function readStore(home: string, runId: string): { run: RunRow | undefined; calls: { nodeId: string; response: string; cached: boolean; finishReason: string }[] } {
  const db = new Database(join(home, "itasca.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const run = db.prepare<[string], RunRow>("SELECT id, status, result FROM runs WHERE id = ?").get(runId);
    const calls = db
      .prepare<[string], { record: string }>("SELECT record FROM run_calls WHERE run_id = ? ORDER BY rowid")
      .all(runId)
      .map((row) => JSON.parse(row.record) as { nodeId: string; response: string; cached: boolean; finishReason: string });
    return { run, calls };
  } finally {
    db.close();
  }
}

describe("itasca run: Ctrl-C against a real HTTP model server", () => {
  it("SIGINT while calls are queued: no request starts afterwards, exit 3, the answered calls are stored", { timeout: 120_000 }, async () => {
    server = await startSlowServer();
    dir = mkdtempSync(join(tmpdir(), "itasca-cancel-"));
    const home = join(dir, "home");
    mkdirSync(home);
    const file = join(dir, "slow.itasca.json");
    writeFileSync(file, JSON.stringify(slowArchitecture(SAMPLES), null, 2));
    writeFileSync(join(dir, "itasca.models.json"), JSON.stringify({ models: [slowModelEntry(server.baseUrl)] }, null, 2));

    cli = spawnCli(["run", file, "--input", "Tell me a story", "--json"], { ITASCA_HOME: home }, 90_000);
    const requests = server.requests;
    // The first two answers are in, the next two requests hang on the server, eight are queued.
    await pollUntil(
      () => delivered(requests).length >= SLOW_CONCURRENCY && requests.length >= 2 * SLOW_CONCURRENCY,
      60_000,
      "two answered requests and two more in flight",
      () => `${requests.length} requests, ${delivered(requests).length} answered; stderr: ${cli?.stderr() ?? ""}`,
    );
    const signalledAt = nowMs();
    expect(cli.child.kill("SIGINT")).toBe(true);
    const exit = await Promise.race([cli.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000))]);
    if (!exit) throw new Error(`itasca did not exit within 30 s of SIGINT; requests started after it: ${JSON.stringify(requests.filter((r) => r.receivedAt >= signalledAt).map((r) => r.index))}\n${cli.stderr()}`);
    const { code, stdout, stderr } = exit;
    // Anything the child sent before it died has reached the server by now.
    await new Promise((r) => setTimeout(r, 500));
    await pollUntil(() => requests.every((r) => r.endedAt !== undefined), 10_000, "every request to end");

    expect(code).toBe(3);
    const json = JSON.parse(stdout) as { runId: string; status: string; answer: unknown; usage: { calls: number; cachedCalls: number }; nodes: { id: string; status: string; calls: number }[] };
    expect(json.status).toBe("cancelled");
    expect(json.answer).toBeNull();
    expect(json.usage).toMatchObject({ calls: SLOW_CONCURRENCY, cachedCalls: 0 });
    expect(json.nodes.find((n) => n.id === "generate")).toMatchObject({ status: "cancelled", calls: SLOW_CONCURRENCY });
    expect(stderr).toContain(`itasca: run ${json.runId} cancelled in `);
    expect(stderr).toContain('itasca: cancelled: node "generate" (generate): interrupted (Ctrl-C)');

    // The server: exactly the two answered and the two in flight, none started after the signal,
    // and the two in flight were dropped by the client rather than answered.
    expect(requests.filter((r) => r.receivedAt >= signalledAt).map((r) => r.index)).toEqual([]);
    expect(requests.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(delivered(requests).map((r) => r.index)).toEqual([0, 1]);
    expect(requests.filter((r) => r.closedEarly).map((r) => r.index)).toEqual([2, 3]);

    // The store: the run is cancelled and keeps exactly the calls the server answered.
    const stored = readStore(home, json.runId);
    expect(stored.run?.status).toBe("cancelled");
    expect((JSON.parse(stored.run?.result ?? "null") as { status: string } | null)?.status).toBe("cancelled");
    expect(stored.calls.map((c) => c.response).sort()).toEqual(deliveredReplies(requests));
    expect(stored.calls.map((c) => [c.nodeId, c.cached, c.finishReason])).toEqual([
      ["generate", false, "stop"],
      ["generate", false, "stop"],
    ]);
  });
});
