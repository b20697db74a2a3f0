/**
 * README "The itasca command": `run` budgets (`--max-input-tokens`, `--max-output-tokens`,
 * `--max-usd`) are checked before every call, `--system` and `--input-file` reach the model.
 * The real bin in a child process, a fresh ITASCA_HOME per run, and a real OpenAI-protocol
 * server on 127.0.0.1 registered through an `itasca.models.json` beside a copy of
 * tests/fixtures/architectures/serial-chain.itasca.json: five calls strictly one after another
 * (generate, then four fuses each fed by the last), so where a budget stops is exact.
 *
 * The engine's rule (core/engine/budget.ts): tokens and dollars are known only after a call, so
 * a call is refused once the budget is used up (spent >= limit); the call that crosses the limit
 * is made and paid. The usage can therefore pass the limit by at most the last call's own usage.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../../core/api/run-types";
import { DATABASE_FILE, openDatabase } from "../../core/store/database";
import { RunStore } from "../../core/store/run-store";
import { ROOT } from "../helpers/architectures";
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from "../helpers/openai-server";
import { runCli } from "../helpers/run-cli";

const FIXTURE = `${ROOT}tests/fixtures/architectures/serial-chain.itasca.json`;
const QUERY_FILE = "tests/fixtures/queries/haiku-request.txt";
const CHAIN_CALLS = 5;
const MAX_TOKENS = 8;
/** Dollars per million tokens: large, so a few calls cost whole cents. */
const PRICE_IN = 200;
const PRICE_OUT = 1000;

interface RunJson {
  runId: string;
  status: string;
  answer: string | null;
  usage: { calls: number; cachedCalls: number; inputTokens: number; outputTokens: number; costUsd: number; estimated: boolean };
  nodes: { id: string; status: string; calls: number }[];
  error?: { code: string; message: string };
}

interface Stored {
  status: string;
  query: { text: string; system?: string };
  usage: RunJson["usage"];
  calls: CallRecord[];
}

interface Setup {
  server: OpenAIServer;
  home: string;
  architecture: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A fresh server, data dir and project folder. Replies depend only on the request's index on
 * its server ("reply <i> of four": four tokens), so every setup sees the same prompts in order.
 */
async function setup(): Promise<Setup> {
  const server = await startOpenAIServer({ reply: (index) => `reply ${index} of four` });
  cleanups.push(() => server.close());
  const home = mkdtempSync(join(tmpdir(), "itasca-budget-home-"));
  const project = mkdtempSync(join(tmpdir(), "itasca-budget-project-"));
  cleanups.push(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });
  const architecture = join(project, "serial-chain.itasca.json");
  copyFileSync(FIXTURE, architecture);
  const entry = { id: "budget/serial", provider: "openai-compatible", baseUrl: server.baseUrl, model: "fake-model", maxConcurrency: 1, priceInPerMTok: PRICE_IN, priceOutPerMTok: PRICE_OUT };
  writeFileSync(join(project, "itasca.models.json"), JSON.stringify({ models: [entry] }));
  return { server, home, architecture };
}

async function run(s: Setup, args: string[]): Promise<{ code: number | null; json: RunJson; stderr: string }> {
  const { code, stdout, stderr } = await runCli(["run", s.architecture, ...args, "--json"], { ITASCA_HOME: s.home });
  let json: RunJson;
  try {
    json = JSON.parse(stdout) as RunJson;
  } catch {
    throw new Error(`itasca run printed no JSON (exit ${code}):\n${stdout}\n${stderr}`);
  }
  return { code, json, stderr };
}

/** The run as the data dir keeps it: its row and its call trace. */
function stored(home: string, runId: string): Stored {
  const db = openDatabase(join(home, DATABASE_FILE));
  try {
    const row = db.prepare<[string], { status: string; query: string; result: string }>("SELECT status, query, result FROM runs WHERE id = ?").get(runId);
    if (!row) throw new Error(`no run ${runId} in ${home}`);
    const result = JSON.parse(row.result) as { usage: RunJson["usage"] };
    return { status: row.status, query: JSON.parse(row.query) as Stored["query"], usage: result.usage, calls: new RunStore(db).callsOf(runId) };
  } finally {
    db.close();
  }
}

/** What the server counted for one call, and what it costs at the entry's prices. */
interface Spend {
  inputTokens: number;
  outputTokens: number;
  usd: number;
}

function spendOf(r: RecordedRequest): Spend {
  const inputTokens = r.promptTokens ?? Number.NaN;
  const outputTokens = r.deliveredTokens ?? Number.NaN;
  return { inputTokens, outputTokens, usd: (PRICE_IN * inputTokens + PRICE_OUT * outputTokens) / 1_000_000 };
}

/** The calls the engine's rule admits: each goes while what is spent so far is under the limit. */
function callsThatFit(perCall: readonly Spend[], key: keyof Spend, limit: number): number {
  let spent = 0;
  let calls = 0;
  for (const spend of perCall) {
    if (spent >= limit) break;
    spent += spend[key];
    calls++;
  }
  return calls;
}

const cumulative = (perCall: readonly Spend[], key: keyof Spend, calls: number) => perCall.slice(0, calls).reduce((sum, s) => sum + s[key], 0);

/** The unlimited run's calls as the server counted them: what each budget test compares with. */
let reference: { spend: Spend[]; bodies: RecordedRequest["body"][] } | undefined;

async function referenceCalls(): Promise<NonNullable<typeof reference>> {
  if (reference) return reference;
  const s = await setup();
  const { code, json } = await run(s, ["--input", "Name three rivers"]);
  expect(code).toBe(0);
  expect(json.status).toBe("completed");
  expect(s.server.requests).toHaveLength(CHAIN_CALLS);
  const spend = s.server.requests.map(spendOf);
  // Every call was paid in full and its server figures are the run's usage.
  expect(spend.map((c) => c.outputTokens)).toEqual([4, 4, 4, 4, 4]);
  expect(json.usage).toMatchObject({ calls: CHAIN_CALLS, cachedCalls: 0, inputTokens: cumulative(spend, "inputTokens", CHAIN_CALLS), outputTokens: 20, estimated: false });
  expect(json.usage.costUsd).toBeCloseTo(cumulative(spend, "usd", CHAIN_CALLS), 12);
  // Strictly serial: one in flight at a time, each fuse fed by the call before it.
  expect(s.server.maxInFlight).toBe(1);
  expect(s.server.requests.map((r) => r.body.messages.at(-1)?.content.includes(`reply ${r.index - 1} of four`) ?? false)).toEqual([false, true, true, true, true]);
  reference = { spend, bodies: s.server.requests.map((r) => r.body) };
  return reference;
}

/**
 * Runs the chain under one budget flag and checks: exit 3, status budget-exceeded, the server
 * got exactly the first `expected` calls of the unlimited run, and the usage (printed and
 * stored) is the server's, at or over the limit by less than the last call's own share.
 */
async function expectStopped(flag: string, key: keyof Spend, limit: number, expected: number): Promise<void> {
  const ref = await referenceCalls();
  expect(callsThatFit(ref.spend, key, limit)).toBe(expected);
  const s = await setup();
  const { code, json, stderr } = await run(s, ["--input", "Name three rivers", flag, String(limit)]);

  expect(code).toBe(3);
  expect(json.status).toBe("budget-exceeded");
  expect(json.answer).toBeNull();
  expect(stderr).toContain("budget.exceeded");
  expect(s.server.requests.map((r) => r.body)).toEqual(ref.bodies.slice(0, expected));

  const spent = cumulative(ref.spend, key, expected);
  const last = ref.spend[expected - 1] as Spend;
  const usage = { inputTokens: json.usage.inputTokens, outputTokens: json.usage.outputTokens, usd: json.usage.costUsd };
  expect(json.usage.calls).toBe(expected);
  expect(usage.inputTokens).toBe(cumulative(ref.spend, "inputTokens", expected));
  expect(usage.outputTokens).toBe(cumulative(ref.spend, "outputTokens", expected));
  expect(usage.usd).toBeCloseTo(cumulative(ref.spend, "usd", expected), 12);
  // The stop came because the limit was used up, and only the last call crossed it.
  expect(usage[key]).toBeCloseTo(spent, 12);
  expect(usage[key]).toBeGreaterThanOrEqual(limit);
  expect(usage[key] - last[key]).toBeLessThan(limit);
  if (key === "outputTokens") expect(usage[key] - limit).toBeLessThan(MAX_TOKENS);

  // The node that asked for the refused call is the one stopped; the rest never ran.
  const chain = ["generate", "fuse-1", "fuse-2", "fuse-3", "fuse-4"];
  expect(json.nodes.filter((n) => chain.includes(n.id)).map((n) => [n.id, n.status])).toEqual(chain.map((id, i) => [id, i < expected ? "done" : i === expected ? "budget-stopped" : "skipped"]));
  // A budget stop did not complete, so --json carries an error saying which limit stopped which node.
  expect(json.error?.code).toBe("budget-exceeded");
  expect(json.error?.message).toContain(`node "${chain[expected]}": budget exceeded: ${key} already at `);
  expect(stderr).toContain(`itasca: ${json.error?.message}`);

  const db = stored(s.home, json.runId);
  expect(db.status).toBe("budget-exceeded");
  expect(db.calls.map((c) => c.nodeId)).toEqual(chain.slice(0, expected));
  expect(db.calls.map((c) => [c.inputTokens, c.outputTokens])).toEqual(ref.spend.slice(0, expected).map((c) => [c.inputTokens, c.outputTokens]));
  expect(db.usage).toEqual(json.usage);
}

describe("itasca run budgets against a real server (serial chain of five calls)", () => {
  it("--max-input-tokens: a limit reached exactly by call 2 refuses call 3", { timeout: 120_000 }, async () => {
    const ref = await referenceCalls();
    await expectStopped("--max-input-tokens", "inputTokens", cumulative(ref.spend, "inputTokens", 2), 2);
  });

  it("--max-output-tokens: a limit one token under call 3's total lets call 3 go and refuses call 4", { timeout: 120_000 }, async () => {
    const ref = await referenceCalls();
    await expectStopped("--max-output-tokens", "outputTokens", cumulative(ref.spend, "outputTokens", 3) - 1, 3);
  });

  it("--max-usd: a limit between the spend after call 3 and after call 4 refuses call 5", { timeout: 120_000 }, async () => {
    const ref = await referenceCalls();
    const after3 = cumulative(ref.spend, "usd", 3);
    const after4 = cumulative(ref.spend, "usd", 4);
    expect(after4).toBeGreaterThan(after3);
    // Rounded to whole millionths of a dollar, as a user would type it, still strictly between.
    const limit = Math.round(((after3 + after4) / 2) * 1e6) / 1e6;
    expect(limit).toBeGreaterThan(after3);
    expect(limit).toBeLessThan(after4);
    await expectStopped("--max-usd", "usd", limit, 4);
  });

  it("a budget larger than the run's usage lets all five calls go", { timeout: 120_000 }, async () => {
    const ref = await referenceCalls();
    const s = await setup();
    const total = cumulative(ref.spend, "inputTokens", CHAIN_CALLS);
    const { code, json } = await run(s, ["--input", "Name three rivers", "--max-input-tokens", String(total + 1), "--max-output-tokens", "21", "--max-usd", "1"]);
    expect(code).toBe(0);
    expect(json.status).toBe("completed");
    expect(s.server.requests).toHaveLength(CHAIN_CALLS);
  });
});

describe("itasca run --system and --input-file reach the model", () => {
  it("--system is the first message of every request and of every stored call", async () => {
    const s = await setup();
    const system = "You answer in exactly four words.";
    const { code, json } = await run(s, ["--input", "Name three rivers", "--system", system]);
    expect(code).toBe(0);
    expect(s.server.requests).toHaveLength(CHAIN_CALLS);
    for (const r of s.server.requests) {
      expect(r.body.messages[0]).toEqual({ role: "system", content: system });
      expect(r.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    }
    const db = stored(s.home, json.runId);
    expect(db.query).toEqual({ text: "Name three rivers", system });
    expect(db.calls).toHaveLength(CHAIN_CALLS);
    for (const call of db.calls) expect(call.messages[0]).toEqual({ role: "system", content: system });
    // Without --system no system message is sent.
    const plain = await setup();
    expect((await run(plain, ["--input", "Name three rivers"])).code).toBe(0);
    for (const r of plain.server.requests) expect(r.body.messages.map((m) => m.role)).toEqual(["user"]);
  });

  it("--input-file's text is the query: the first request's user message and the stored query", async () => {
    const s = await setup();
    const text = readFileSync(`${ROOT}${QUERY_FILE}`, "utf8");
    expect(text.split("\n").length).toBeGreaterThan(2);
    const { code, json } = await run(s, ["--input-file", QUERY_FILE]);
    expect(code).toBe(0);
    // generate's template is the bare query, so its user message is the file byte for byte.
    expect(s.server.requests[0]?.body.messages).toEqual([{ role: "user", content: text }]);
    // Every fuse restates the task: the file's text is in each later prompt too.
    for (const r of s.server.requests.slice(1)) expect(r.body.messages.at(-1)?.content).toContain(text.trim());
    const db = stored(s.home, json.runId);
    expect(db.query).toEqual({ text });
    expect(db.calls[0]?.messages).toEqual([{ role: "user", content: text }]);
  });

  it("an unreadable --input-file exits 1 naming the file, before any call", async () => {
    const s = await setup();
    const { code, stderr } = await runCli(["run", s.architecture, "--input-file", "tests/fixtures/queries/no-such-query.txt"], { ITASCA_HOME: s.home });
    expect(code).toBe(1);
    expect(stderr).toContain("tests/fixtures/queries/no-such-query.txt: cannot read the query file");
    expect(s.server.requests).toHaveLength(0);
  });
});
