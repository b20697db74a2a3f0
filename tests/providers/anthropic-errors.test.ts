/**
 * Error mapping of the anthropic provider against a local Messages API server: every status the
 * API uses becomes the right ProviderError kind, with a message naming the model and the fix,
 * and the planted key never appears in any message, stack or inspected error.
 */
import { createServer } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AnthropicProvider } from "../../core/providers/anthropic";
import { ProviderError, type ProviderErrorKind } from "../../core/providers/errors";
import type { ProviderChatRequest } from "../../core/providers/types";
import { AnthropicTestServer, errorJson, messageEvents, type Reply } from "../helpers/anthropic-server";

const KEY = "sk-ant-test-PLANTED-fedcba9876543210";

let server: AnthropicTestServer;
let provider: AnthropicProvider;

beforeAll(async () => {
  server = await AnthropicTestServer.start();
  provider = new AnthropicProvider({ baseUrl: server.url, apiKey: KEY });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const request = (extra: Partial<ProviderChatRequest> = {}): ProviderChatRequest => ({
  model: "claude-test",
  messages: [{ role: "user", content: "hi" }],
  temperature: 0,
  maxTokens: 8,
  ...extra,
});

async function failWith(reply: Reply, extra: Partial<ProviderChatRequest> = {}, using = provider): Promise<ProviderError> {
  server.respond(() => reply);
  const error = await using.chat(request(extra)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** A body that echoes the key back, as a careless gateway might. */
const echo = (type: string, message: string) => errorJson(type, `${message} (key ${KEY}, header x-api-key: ${KEY})`);

interface Case {
  name: string;
  reply: Reply;
  kind: ProviderErrorKind;
  message: RegExp;
  retryable: boolean;
}

const CASES: Case[] = [
  { name: "401", reply: { status: 401, json: echo("authentication_error", "invalid x-api-key") }, kind: "auth", message: /^model "claude-test" rejected the key \(401\): set ANTHROPIC_API_KEY$/, retryable: false },
  { name: "403", reply: { status: 403, json: echo("permission_error", "not allowed") }, kind: "auth", message: /^model "claude-test" rejected the key \(403\): set ANTHROPIC_API_KEY$/, retryable: false },
  { name: "429", reply: { status: 429, headers: { "retry-after": "7" }, json: echo("rate_limit_error", "slow down") }, kind: "rate-limit", message: /rate limiting \(429\), retry after 7000 ms/, retryable: true },
  { name: "529 overloaded", reply: { status: 529, json: echo("overloaded_error", "Overloaded") }, kind: "server", message: /\(529, overloaded\): Overloaded/, retryable: true },
  { name: "500", reply: { status: 500, json: echo("api_error", "Internal server error") }, kind: "server", message: /\(500\): Internal server error/, retryable: true },
  { name: "503", reply: { status: 503, json: echo("api_error", "unavailable") }, kind: "server", message: /\(503\)/, retryable: true },
  { name: "400 prompt too long", reply: { status: 400, json: echo("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum") }, kind: "context-length", message: /too long \(400\).*shorten the prompt or lower maxTokens/, retryable: false },
  { name: "400 other", reply: { status: 400, json: echo("invalid_request_error", "messages: roles must alternate") }, kind: "bad-request", message: /rejected the request \(400\): messages: roles must alternate/, retryable: false },
  { name: "404", reply: { status: 404, json: echo("not_found_error", "model: claude-test") }, kind: "not-found", message: /^model "claude-test" was not found at http:\/\/127\.0\.0\.1:\d+ \(404\): check the model name/, retryable: false },
];

describe("anthropic provider: error mapping", () => {
  for (const c of CASES) {
    it(`maps ${c.name} to ${c.kind}, without the key`, async () => {
      const error = await failWith(c.reply);
      expect(error.kind).toBe(c.kind);
      expect(error.message).toMatch(c.message);
      expect(error.retryable).toBe(c.retryable);
      expect(error.message).not.toContain(KEY);
      expect(error.stack ?? "").not.toContain(KEY);
      expect(inspect(error, { depth: 10 })).not.toContain(KEY);
      expect(server.requests).toHaveLength(1);
    });
  }

  it("carries the status and Retry-After of a 429 (and prefers retry-after-ms)", async () => {
    const seconds = await failWith({ status: 429, headers: { "retry-after": "3" }, json: errorJson("rate_limit_error", "slow down") });
    expect(seconds.status).toBe(429);
    expect(seconds.retryAfterMs).toBe(3000);
    const precise = await failWith({ status: 429, headers: { "retry-after": "3", "retry-after-ms": "1250" }, json: errorJson("rate_limit_error", "slow down") });
    expect(precise.retryAfterMs).toBe(1250);
    const none = await failWith({ status: 429, json: errorJson("rate_limit_error", "slow down") });
    expect(none.retryAfterMs).toBeUndefined();
  });

  it("maps the same statuses on a streaming call", async () => {
    const error = await failWith({ status: 529, json: errorJson("overloaded_error", "Overloaded") }, { onText: () => {} });
    expect(error.kind).toBe("server");
    expect(error.status).toBe(529);
  });

  it("maps an error event in the middle of a stream by its type", async () => {
    const events = [...messageEvents(["partial"]).slice(0, 3), { event: "error", data: echo("overloaded_error", "Overloaded") }];
    const error = await failWith({ events }, { onText: () => {} });
    expect(error.kind).toBe("server");
    expect(error.message).toMatch(/overloaded/);
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });

  it("maps a refused connection to network (retryable), naming the endpoint", async () => {
    const port = await closedPort();
    const offline = new AnthropicProvider({ baseUrl: `http://127.0.0.1:${port}`, apiKey: KEY });
    const error = (await offline.chat(request()).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe("network");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });

  it("maps a connection cut mid-stream to a retryable error", async () => {
    const error = await failWith({ events: messageEvents(["partial"]).slice(0, 3), cutOff: true }, { onText: () => {} });
    expect(error.retryable).toBe(true);
    expect(["network", "malformed"]).toContain(error.kind);
  });

  it("names a custom key variable in auth errors", async () => {
    const custom = new AnthropicProvider({ baseUrl: server.url, apiKey: KEY, keyEnv: "MY_CLAUDE_KEY" });
    const error = await failWith({ status: 401, json: errorJson("authentication_error", "invalid") }, {}, custom);
    expect(error.message).toBe('model "claude-test" rejected the key (401): set MY_CLAUDE_KEY');
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
