/**
 * `itasca serve` in a child process, called with the official openai SDK as any app would:
 * the replay-based Game-of-24 vote (offline, deterministic) for the protocol, the embedded
 * model for a real model call, and a slow HTTP model to see a disconnect cancel the run.
 * Expected answers and usage come from `itasca run --json` of the same query in a fresh data
 * dir, so nothing here is a hard-coded guess.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OpenAIServer } from "../helpers/openai-server";
import { runCli, spawnCli, type CliProcess } from "../helpers/run-cli";
import { pollUntil, slowArchitecture, slowModelEntry, startSlowServer } from "../helpers/slow-model";

const GAME24 = "presets/architectures/game24-vote.itasca.json";
const SINGLE_CALL = "presets/architectures/single-call.itasca.json";
const TOKEN = "serve-test-token-5f2c9a";
const MODEL_NAME = "game24-sc";
/** Recorded puzzles (presets/replay/game24-gpt4-cot.jsonl): one per request, so each run is uncached. */
const PUZZLES = { plain: "4 5 6 10", stream: "1 2 4 7", concurrentA: "2 5 8 11", concurrentB: "6 7 8 9" } as const;
const READY = /^Serving (\S+) as "([^"]+)" on http:\/\/127\.0\.0\.1:(\d+)\/v1$/m;

interface RunJson {
  runId: string;
  status: string;
  answer: string | null;
  usage: { calls: number; cachedCalls: number; inputTokens: number; outputTokens: number; costUsd: number; estimated: boolean };
}

interface Itasca {
  run_id: string;
  calls: number;
  cached_calls: number;
  cost_usd: number;
  usage_estimated: boolean;
}

const dirs: string[] = [];
const children: CliProcess[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function kill(cli: CliProcess): Promise<unknown> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill("SIGKILL");
  return cli.exited.catch(() => undefined);
}

async function cleanUp(): Promise<void> {
  await Promise.all(children.splice(0).map(kill));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Spawns `itasca serve … --port 0` in a fresh data dir and waits (bounded) for its ready line. */
async function serve(args: string[], env: Record<string, string> = {}): Promise<{ cli: CliProcess; port: number; baseURL: string }> {
  const cli = spawnCli(["serve", ...args, "--port", "0"], { ITASCA_HOME: tempDir("itasca-serve-home-"), ...env }, 170_000);
  children.push(cli);
  await pollUntil(
    () => READY.test(cli.stdout()) || cli.child.exitCode !== null,
    60_000,
    "the ready line of itasca serve",
    () => cli.stderr(),
  );
  const match = READY.exec(cli.stdout());
  if (!match) throw new Error(`itasca serve exited (${cli.child.exitCode}) before it was ready:\n${cli.stderr()}`);
  const port = Number(match[3]);
  return { cli, port, baseURL: `http://127.0.0.1:${port}/v1` };
}

/** What `itasca run --json` says for the query, in its own fresh data dir (so it is uncached, as the served run is). */
async function runJson(file: string, input: string): Promise<RunJson> {
  const { code, stdout, stderr } = await runCli(["run", file, "--input", input, "--json"], { ITASCA_HOME: tempDir("itasca-serve-run-") });
  if (code !== 0) throw new Error(`itasca run exited ${code}:\n${stderr}`);
  return JSON.parse(stdout) as RunJson;
}

function wireUsage(run: RunJson) {
  return { prompt_tokens: run.usage.inputTokens, completion_tokens: run.usage.outputTokens, total_tokens: run.usage.inputTokens + run.usage.outputTokens };
}

const itascaOf = (value: object) => (value as { itasca?: Itasca }).itasca;

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("itasca serve: the game24 vote through the openai SDK", () => {
  let served: Awaited<ReturnType<typeof serve>>;
  let client: OpenAI;
  const expected: Partial<Record<keyof typeof PUZZLES, RunJson>> = {};
  const expectedRun = (key: keyof typeof PUZZLES): RunJson => {
    const run = expected[key];
    if (!run?.answer) throw new Error(`no expected answer for ${key}`);
    return run;
  };

  beforeAll(async () => {
    const [server, ...runs] = await Promise.all([
      serve([GAME24, "--token", TOKEN, "--model-name", MODEL_NAME]),
      ...Object.values(PUZZLES).map((puzzle) => runJson(GAME24, puzzle)),
    ]);
    served = server;
    Object.keys(PUZZLES).forEach((key, i) => (expected[key as keyof typeof PUZZLES] = runs[i]));
    // The SDK's own retries would hide a failure behind two more attempts.
    client = new OpenAI({ baseURL: served.baseURL, apiKey: TOKEN, maxRetries: 0, timeout: 30_000 });
  }, 120_000);

  afterAll(cleanUp, 30_000);

  it("prints the ready line with the architecture's name, the model name and 127.0.0.1", () => {
    const match = READY.exec(served.cli.stdout());
    expect(match?.slice(1, 3)).toEqual(["game24-vote", MODEL_NAME]);
  });

  it("create(): the vote's answer, and usage equal to the run's total over its calls", { timeout: 30_000 }, async () => {
    const run = expectedRun("plain");
    const completion = await client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: "user", content: PUZZLES.plain }] });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(completion.model).toBe(MODEL_NAME);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant", content: run.answer } });
    expect(completion.usage).toEqual(wireUsage(run));
    const itasca = itascaOf(completion);
    expect(itasca).toMatchObject({ calls: run.usage.calls, cached_calls: 0, cost_usd: run.usage.costUsd, usage_estimated: run.usage.estimated });
    // The completion id is the run id's uuid: a reply can be found in the run store.
    expect(itasca?.run_id.replace(/^run-/, "").replace(/-/g, "")).toBe(completion.id.replace(/^chatcmpl-/, ""));
  });

  it("accepts any model name and takes the system message and text parts", { timeout: 30_000 }, async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [
        { role: "system", content: "Solve the Game of 24." },
        { role: "user", content: "an earlier turn" },
        { role: "assistant", content: "an earlier answer" },
        { role: "user", content: [{ type: "text", text: PUZZLES.plain }] },
      ],
      temperature: 0,
      max_tokens: 5,
    });
    // The replay provider ignores system prompts and sampling, so the answer is the recorded vote's.
    expect(completion.choices[0]?.message.content).toBe(expectedRun("plain").answer);
    expect(completion.model).toBe(MODEL_NAME);
  });

  it("stream: a role chunk, the same answer, finish_reason stop, the usage chunk, then [DONE]", { timeout: 30_000 }, async () => {
    const run = expectedRun("stream");
    const stream = await client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: "user", content: PUZZLES.stream }], stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === MODEL_NAME && c.id === chunks[0]?.id)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe(run.answer);
    expect(chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter((r) => r !== null)).toEqual(["stop"]);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(wireUsage(run));
    expect(itascaOf(chunks.find((c) => c.choices[0]?.finish_reason === "stop") ?? {})?.calls).toBe(run.usage.calls);

    // The SDK swallows the terminator; the raw stream shows it.
    const raw = await fetch(`${served.baseURL}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: MODEL_NAME, stream: true, messages: [{ role: "user", content: PUZZLES.stream }] }),
    });
    expect(raw.headers.get("content-type")).toContain("text/event-stream");
    const text = await raw.text();
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(text).not.toContain('"usage"'); // not asked for
  });

  it("models.list() shows the one model name; retrieve() finds it", { timeout: 30_000 }, async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => [m.id, m.object, m.owned_by])).toEqual([[MODEL_NAME, "model", "itasca"]]);
    expect((await client.models.retrieve(MODEL_NAME)).id).toBe(MODEL_NAME);
    await expect(client.models.retrieve("other")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("a wrong or missing token is an AuthenticationError (401) in OpenAI's error shape; the token is never printed", { timeout: 30_000 }, async () => {
    const wrong = new OpenAI({ baseURL: served.baseURL, apiKey: "not-the-token", maxRetries: 0 });
    const refusal = await wrong.chat.completions.create({ model: MODEL_NAME, messages: [{ role: "user", content: PUZZLES.plain }] }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((refusal as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    const bare = await fetch(`${served.baseURL}/models`);
    expect(bare.status).toBe(401);
    const body = (await bare.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
    expect(body.error.message).toContain("Authorization: Bearer");
    // The health check needs no token (liveness probes).
    expect(await (await fetch(`http://127.0.0.1:${served.port}/health`)).json()).toEqual({ status: "ok" });
    expect(served.cli.stdout() + served.cli.stderr()).not.toContain(TOKEN);
  });

  it("bad requests are 400s (no user message, bad JSON, n > 1), unknown paths 404, other origins 403, large bodies 413", { timeout: 30_000 }, async () => {
    const noUser = await client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: "system", content: "only a system message" }] }).catch((e: unknown) => e);
    expect(noUser).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noUser as Error).message).toContain('no message with role "user"');
    await expect(client.chat.completions.create({ model: MODEL_NAME, n: 2, messages: [{ role: "user", content: PUZZLES.plain }] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);

    const post = (path: string, body: string) => fetch(`${served.baseURL}${path}`, { method: "POST", headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" }, body });
    const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string; type: string; code: string | null } }).error;

    const badJson = await post("/chat/completions", "{not json");
    expect(badJson.status).toBe(400);
    expect(await errorOf(badJson)).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });

    const noMessages = await post("/chat/completions", JSON.stringify({ model: MODEL_NAME }));
    expect(noMessages.status).toBe(400);
    expect((await errorOf(noMessages)).message).toContain("messages");

    const unknown = await post("/completions", "{}");
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({ type: "invalid_request_error", code: "not_found" });

    // A web page of another origin must not be able to spend the user's keys through this server.
    const crossSite = await fetch(`${served.baseURL}/models`, { headers: { Authorization: `Bearer ${TOKEN}`, Origin: "http://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect((await errorOf(crossSite)).code).toBe("forbidden_origin");

    const huge = await post("/chat/completions", JSON.stringify({ model: MODEL_NAME, messages: [{ role: "user", content: "x".repeat(1024 * 1024 + 1) }] }));
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe("request_too_large");
  });

  it("a run that fails is a 5xx with a clear message that the SDK does not retry", { timeout: 30_000 }, async () => {
    const failure = await client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: "user", content: "no such puzzle" }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
    const error = failure as InstanceType<typeof OpenAI.InternalServerError>;
    expect(error.status).toBe(502);
    expect(error.code).toBe("provider_error");
    expect(error.message).toContain("has no record for prompt");
    expect(error.headers.get("x-should-retry")).toBe("false");
  });

  it("two concurrent requests both get their own answers", { timeout: 30_000 }, async () => {
    const ask = (content: string) => client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: "user", content }] });
    const [a, b] = await Promise.all([ask(PUZZLES.concurrentA), ask(PUZZLES.concurrentB)]);
    expect(a.choices[0]?.message.content).toBe(expectedRun("concurrentA").answer);
    expect(b.choices[0]?.message.content).toBe(expectedRun("concurrentB").answer);
    expect(a.usage).toEqual(wireUsage(expectedRun("concurrentA")));
    expect(b.usage).toEqual(wireUsage(expectedRun("concurrentB")));
    expect(a.id).not.toBe(b.id);
  });

  it("listens on 127.0.0.1 only", { timeout: 30_000 }, async () => {
    expect(await accepts("127.0.0.1", served.port)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal)
      .map((a) => a?.address ?? "");
    for (const address of [...external, "::1"]) expect(await accepts(address, served.port), address).toBe(false);
  });

  it("SIGTERM closes the server cleanly (exit 0)", { timeout: 30_000 }, async () => {
    served.cli.child.kill("SIGTERM");
    const { code, stderr } = await served.cli.exited;
    expect(code).toBe(0);
    expect(stderr).toContain("itasca serve: SIGTERM, shutting down");
    expect(await accepts("127.0.0.1", served.port)).toBe(false);
  });
});

describe("itasca serve: the embedded model and a disconnecting client", () => {
  let slow: OpenAIServer | undefined;

  afterEach(async () => {
    await cleanUp();
    await slow?.close();
    slow = undefined;
  }, 30_000);

  it("single-call on local/stories260k: a real model call answers, with its usage", { timeout: 120_000 }, async () => {
    const { baseURL } = await serve([SINGLE_CALL], { ITASCA_SERVE_TOKEN: "" });
    // With no token any key is accepted (SDKs insist on sending one).
    const client = new OpenAI({ baseURL, apiKey: "anything", maxRetries: 0, timeout: 90_000 });
    const completion = await client.chat.completions.create({
      model: "single-call",
      messages: [
        { role: "system", content: "You tell short stories." },
        { role: "user", content: "Once upon a time" },
      ],
    });
    expect(completion.choices[0]?.message.content?.trim().length).toBeGreaterThan(0);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    expect(itascaOf(completion)).toMatchObject({ calls: 1, cached_calls: 0 });
  });

  it("a per-request budget stops a run: 500 budget_exceeded; a port in use is exit 1; usage errors exit 2", { timeout: 120_000 }, async () => {
    const { port, baseURL } = await serve([GAME24, "--max-calls", "3"]);
    const client = new OpenAI({ baseURL, apiKey: "anything", maxRetries: 0 });
    const failure = await client.chat.completions.create({ model: "game24-vote", messages: [{ role: "user", content: PUZZLES.plain }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
    expect(failure).toMatchObject({ status: 500, code: "budget_exceeded" });
    expect((failure as Error).message).toContain("budget-exceeded");

    const [inUse, noFile, help] = await Promise.all([
      runCli(["serve", GAME24, "--port", String(port)], { ITASCA_HOME: tempDir("itasca-serve-home-") }),
      runCli(["serve"]),
      runCli(["serve", "--help"]),
    ]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("serve takes exactly one architecture file");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: itasca serve <file>");
  });

  it("a streaming client that goes away cancels its run: the model request is dropped", { timeout: 120_000 }, async () => {
    slow = await startSlowServer({ fast: 0 });
    const dir = tempDir("itasca-serve-slow-");
    mkdirSync(join(dir, "home"));
    const file = join(dir, "slow.itasca.json");
    writeFileSync(file, JSON.stringify(slowArchitecture(1), null, 2));
    writeFileSync(join(dir, "itasca.models.json"), JSON.stringify({ models: [slowModelEntry(slow.baseUrl)] }, null, 2));
    const { cli, baseURL } = await serve([file]);
    const client = new OpenAI({ baseURL, apiKey: "anything", maxRetries: 0, timeout: 90_000 });
    const requests = slow.requests;

    const stream = await client.chat.completions.create({ model: "slow", messages: [{ role: "user", content: "Tell me a story" }], stream: true });
    for await (const chunk of stream) {
      // The role chunk comes at once, before the model has answered anything.
      expect(chunk.choices[0]?.delta.role).toBe("assistant");
      await pollUntil(() => requests.length >= 1, 30_000, "the model request", () => cli.stderr());
      break; // the SDK aborts the HTTP request
    }
    await pollUntil(() => requests[0]?.closedEarly === true, 30_000, "the model request to be dropped", () => cli.stderr());
    await pollUntil(() => cli.stderr().includes("cancelled: the client disconnected"), 30_000, "the cancellation in the log", () => cli.stderr());
    expect(requests).toHaveLength(1);
  });
});
