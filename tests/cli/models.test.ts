import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";
import { runCli } from "../helpers/run-cli";

let home: string;
let server: OpenAIServer;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "itasca-models-"));
  server = await startOpenAIServer({ models: ["stories-test"], reply: () => "The sea is wide and blue." });
});
afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe("itasca models", () => {
  it("lists the built-in embedded model with no models file", async () => {
    const { code, stdout } = await runCli(["models", "list", "--json"], { ITASCA_HOME: home });
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; source: string }[];
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ id: "local/stories260k", source: "built-in" })]));
  });

  it("adds an entry from a preset, tests it with one round trip, and removes it", async () => {
    const added = await runCli(["models", "add", "local-server/stories", "--preset", "llama-server", "--base-url", server.baseUrl, "--model", "stories-test", "--max-concurrency", "4"], { ITASCA_HOME: home });
    expect(added.code).toBe(0);
    const file = JSON.parse(readFileSync(join(home, "models.json"), "utf8")) as { models: unknown[] };
    expect(file.models).toEqual([{ id: "local-server/stories", provider: "openai-compatible", model: "stories-test", baseUrl: server.baseUrl, maxConcurrency: 4 }]);

    const tested = await runCli(["models", "test", "local-server/stories", "--json"], { ITASCA_HOME: home });
    expect(tested.code).toBe(0);
    const report = JSON.parse(tested.stdout) as { ok: boolean; latencyMs: number; tokensPerSecond: number; nSupported: boolean; text: string };
    expect(report).toMatchObject({ ok: true, nSupported: true, text: "The sea is wide and blue." });
    expect(report.latencyMs).toBeGreaterThan(0);
    const text = await runCli(["models", "test", "local-server/stories"], { ITASCA_HOME: home });
    expect(text.stdout).toMatch(/local-server\/stories \(openai-compatible at http:\/\/127\.0\.0\.1:\d+\/v1\): \d+ ms, .* tokens\/s; n in one request: yes/);

    const removed = await runCli(["models", "remove", "local-server/stories"], { ITASCA_HOME: home });
    expect(removed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(home, "models.json"), "utf8"))).toEqual({ models: [] });
  });

  it("discover finds a server on a given local port and can add what it serves", async () => {
    const { code, stdout } = await runCli(["models", "discover", "--url", server.baseUrl, "--json"], { ITASCA_HOME: home });
    expect(code).toBe(0);
    const found = JSON.parse(stdout) as { servers: { baseUrl: string; models: string[] }[]; entries: { id: string }[] };
    expect(found.servers).toEqual(expect.arrayContaining([expect.objectContaining({ baseUrl: server.baseUrl, models: ["stories-test"] })]));
    const added = await runCli(["models", "discover", "--url", server.baseUrl, "--add"], { ITASCA_HOME: home });
    expect(added.stdout).toContain("added server/stories-test");
    const refused = await runCli(["models", "discover", "--url", "http://10.0.0.1:8000/v1"], { ITASCA_HOME: home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("probes this machine only");
  });

  it("runs an architecture whose model is a registered server entry", async () => {
    await runCli(["models", "add", "srv/stories", "--provider", "openai-compatible", "--base-url", server.baseUrl, "--model", "stories-test"], { ITASCA_HOME: home });
    const dir = mkdtempSync(join(tmpdir(), "itasca-arch-"));
    try {
      const preset = readFileSync("presets/architectures/sample-rank-fuse.itasca.json", "utf8").replaceAll("local/stories260k", "srv/stories");
      writeFileSync(join(dir, "arch.itasca.json"), preset);
      const { code, stdout } = await runCli(["run", join(dir, "arch.itasca.json"), "--input", "hi", "--json"], { ITASCA_HOME: home });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ status: "completed", answer: "The sea is wide and blue.", usage: { calls: 7 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a broken models.json is an input error naming the file and the path", async () => {
    const broken = mkdtempSync(join(tmpdir(), "itasca-broken-"));
    try {
      writeFileSync(join(broken, "models.json"), JSON.stringify({ models: [{ id: "x", provider: "nope", model: "m" }] }));
      const { code, stderr } = await runCli(["models", "list"], { ITASCA_HOME: broken });
      expect(code).toBe(1);
      expect(stderr).toContain(`${join(broken, "models.json")}: models[0].provider:`);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it("usage errors exit 2", async () => {
    expect((await runCli(["models", "add", "x", "--model", "m"], { ITASCA_HOME: home })).code).toBe(2);
    expect((await runCli(["models", "frob"], { ITASCA_HOME: home })).code).toBe(2);
    expect((await runCli(["models", "add", "x", "--preset", "nope", "--model", "m"], { ITASCA_HOME: home })).stderr).toContain('unknown preset "nope"');
  });
});
