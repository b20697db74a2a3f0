/**
 * A key planted in the environment must never come out: not in stdout, stderr, `--json`, the
 * SQLite store (traces), models.json or the architecture file, even when a hostile server
 * echoes it back in its error messages.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";
import { runCli, type CliResult } from "../helpers/run-cli";

const KEY = `sk-planted-${randomBytes(16).toString("hex")}`;
let home: string;
let dir: string;
let echoing: OpenAIServer;
let working: OpenAIServer;
let quoting: OpenAIServer;
const outputs: CliResult[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "itasca-key-home-"));
  dir = mkdtempSync(join(tmpdir(), "itasca-key-arch-"));
  // A hostile server: its 401 body quotes the Authorization header it received.
  echoing = await startOpenAIServer({ faults: (_i, _b, headers) => ({ kind: "status", status: 401, message: `invalid key: ${String(headers.authorization)} (x-api-key ${KEY})` }) });
  working = await startOpenAIServer({ reply: () => "fine answer" });
  // Its 400 body quotes the header too, and 400 bodies do reach error messages.
  quoting = await startOpenAIServer({ faults: (_i, _b, headers) => ({ kind: "status", status: 400, message: `unsupported parameter for ${String(headers.authorization)}` }) });
});
afterAll(async () => {
  await echoing.close();
  await working.close();
  await quoting.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<CliResult> {
  const result = await runCli(args, { ITASCA_HOME: home, PLANTED_KEY: KEY, OPENAI_API_KEY: KEY });
  outputs.push(result);
  return result;
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("planted API key", () => {
  it("never appears in any output or file", async () => {
    await cli(["models", "add", "hostile/m", "--provider", "openai-compatible", "--base-url", echoing.baseUrl, "--model", "m", "--key-env", "PLANTED_KEY"]);
    await cli(["models", "add", "good/m", "--provider", "openai-compatible", "--base-url", working.baseUrl, "--model", "m", "--key-env", "PLANTED_KEY"]);
    await cli(["models", "add", "quoting/m", "--provider", "openai-compatible", "--base-url", quoting.baseUrl, "--model", "m", "--key-env", "PLANTED_KEY"]);
    const arch = readFileSync("presets/architectures/sample-rank-fuse.itasca.json", "utf8");
    writeFileSync(join(dir, "hostile.itasca.json"), arch.replaceAll("local/stories260k", "hostile/m"));
    writeFileSync(join(dir, "good.itasca.json"), arch.replaceAll("local/stories260k", "good/m"));
    writeFileSync(join(dir, "quoting.itasca.json"), arch.replaceAll("local/stories260k", "quoting/m"));

    const failed = await cli(["run", join(dir, "hostile.itasca.json"), "--input", "hi", "--json"]);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain("rejected the key (401): set PLANTED_KEY");
    const quoted = await cli(["run", join(dir, "quoting.itasca.json"), "--input", "hi", "--json"]);
    expect(quoted.code).toBe(3);
    expect(quoted.stdout).toContain("unsupported parameter for Bearer [redacted]");
    const good = await cli(["run", join(dir, "good.itasca.json"), "--input", "hi", "--json"]);
    expect(good.code).toBe(0);
    await cli(["models", "test", "hostile/m", "--json"]);
    await cli(["models", "test", "hostile/m"]);
    const listed = await cli(["models", "list", "--json"]);
    expect(listed.stdout).toContain('"key": "set"');

    // The key did reach the servers (so the test can fail), and came back in the hostile bodies.
    expect(working.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(echoing.requests.length).toBeGreaterThan(0);
    expect(quoting.requests.length).toBeGreaterThan(0);

    for (const [i, out] of outputs.entries()) {
      expect(out.stdout, `stdout of call ${i}`).not.toContain(KEY);
      expect(out.stderr, `stderr of call ${i}`).not.toContain(KEY);
    }
    for (const file of [...filesUnder(home), ...filesUnder(dir)]) {
      expect(readFileSync(file).includes(Buffer.from(KEY)), file).toBe(false);
    }
  });
});
