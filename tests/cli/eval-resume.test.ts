/**
 * Resume after a crash: an `itasca eval` child process is killed with SIGKILL half way, then
 * resumed with --resume. The final report equals an uninterrupted run's, and the model server
 * (a real OpenAI-protocol server on 127.0.0.1 that records every request) saw no request
 * again for an item that had completed before the kill.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalItemRecord, EvalReport } from "../../core/api/eval-types";
import { startOpenAIServer, type ChatBody, type OpenAIServer } from "../helpers/openai-server";
import { runCli, spawnCli } from "../helpers/run-cli";

const ARCH = "tests/fixtures/eval/sums-vote.itasca.json";
const DATASET = "tests/fixtures/eval/sums.jsonl";
const ITEMS = 24;

/** Choices 0 and 1 are wrong when a + b is a multiple of 4; choice 2 is always right (so coverage > accuracy). */
function reply(_index: number, choice: number, body: ChatBody): string {
  const text = body.messages.map((m) => m.content).join(" ");
  const [a, b] = (text.match(/(\d+) plus (\d+)/)?.slice(1) ?? ["0", "0"]).map(Number) as [number, number];
  const sum = a + b;
  return `The sum is ${sum % 4 === 0 && choice < 2 ? sum + 2 : sum}`;
}

const questionOf = (body: ChatBody) => body.messages.map((m) => m.content).join(" ").match(/What is \d+ plus \d+\?/)?.[0] ?? "";

let server: OpenAIServer;
const homes: string[] = [];

function homeWithModel(): string {
  const home = mkdtempSync(join(tmpdir(), "itasca-eval-resume-"));
  homes.push(home);
  writeFileSync(join(home, "models.json"), JSON.stringify({ models: [{ id: "test/counting", provider: "openai-compatible", model: "fake-model", baseUrl: server.baseUrl, maxConcurrency: 4, maxRetries: 0 }] }));
  return home;
}

beforeAll(async () => {
  server = await startOpenAIServer({ reply, latencyMs: 250 });
});

afterAll(async () => {
  await server.close();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

async function exportItems(home: string, evalId: string): Promise<EvalItemRecord[]> {
  const exported = await runCli(["eval", "export", evalId, "--jsonl"], { ITASCA_HOME: home });
  expect(exported.code, exported.stderr).toBe(0);
  return exported.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as EvalItemRecord);
}

/** Resolves once the child's progress lines show at least `done` items. */
async function waitForItems(stderr: () => string, done: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = [...stderr().matchAll(new RegExp(`^itasca: +(\\d+)/${ITEMS} `, "gm"))].map((m) => Number(m[1]));
    if (counts.some((n) => n >= done)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the eval did not reach ${done} items in ${timeoutMs} ms:\n${stderr()}`);
}

describe("itasca eval --resume after kill -9", () => {
  it("repeats no completed item and reports what an uninterrupted run reports", async () => {
    const home = homeWithModel();
    const args = ["eval", ARCH, "--dataset", DATASET, "--concurrency", "2", "--json"];
    const child = spawnCli(args, { ITASCA_HOME: home }, 60_000);
    await waitForItems(child.stderr, 8, 40_000);
    child.child.kill("SIGKILL");
    await child.exited;
    const evalId = child.stderr().match(/eval-[0-9a-f]{8}/)?.[0] ?? (await runCli(["eval", "list", "--json"], { ITASCA_HOME: home })).stdout.match(/eval-[0-9a-f]{8}/)?.[0];
    expect(evalId).toBeDefined();

    const beforeKill = await exportItems(home, evalId as string);
    expect(beforeKill.length).toBeGreaterThanOrEqual(8);
    expect(beforeKill.length).toBeLessThan(ITEMS);
    const requestsBeforeResume = server.requests.length;

    const resumed = await runCli(["eval", ARCH, "--resume", evalId as string, "--json"], { ITASCA_HOME: home }, 60_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`(${beforeKill.length} already done, resuming)`);
    const report = JSON.parse(resumed.stdout) as EvalReport;

    // No completed item was asked again after the kill.
    const completedQuestions = new Set(beforeKill.map((item) => item.input));
    const askedAfter = server.requests.slice(requestsBeforeResume).map((r) => questionOf(r.body));
    expect(askedAfter.filter((q) => completedQuestions.has(q))).toEqual([]);
    expect(new Set(askedAfter).size).toBe(askedAfter.length);

    // The same evaluation, uninterrupted, in a fresh data dir (no shared cache).
    const freshHome = homeWithModel();
    const uninterrupted = await runCli(args, { ITASCA_HOME: freshHome }, 60_000);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const reference = JSON.parse(uninterrupted.stdout) as EvalReport;

    for (const key of ["status", "accuracy", "ci95", "coverage", "items", "scored", "correct", "errors"] as const) expect(report[key], key).toEqual(reference[key]);
    expect(report.items).toBe(ITEMS);
    expect(report.coverage ?? 0).toBeGreaterThan(report.accuracy);
    // Every item's calls were made once in the killed and resumed session together (the call
    // cache covers a half-done item), as in the uninterrupted one.
    expect(report.usage.calls + report.usage.cachedCalls).toBe(reference.usage.calls + reference.usage.cachedCalls);
    const answers = (items: EvalItemRecord[]) => Object.fromEntries(items.map((i) => [i.itemId, [i.answer, i.correct]]));
    expect(answers(await exportItems(home, evalId as string))).toEqual(answers(await exportItems(freshHome, reference.evalId)));
  }, 150_000);
});
