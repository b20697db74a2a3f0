import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";
import { runCli } from "../helpers/run-cli";

const home = mkdtempSync(join(tmpdir(), "itasca-studio-cli-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("itasca studio", () => {
  it("prints exactly the URL line, serves with the token, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [`${ROOT}bin/itasca.js`, "studio", "--no-open", "--port", "0"], { cwd: ROOT, env: { ...process.env, ITASCA_HOME: home, ITASCA_LLAMA_THREADS: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const until = Date.now() + 30_000;
      while (!stdout.includes("\n")) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no URL line; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(stdout).toMatch(/^Itasca studio: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n$/);
      const url = stdout.slice("Itasca studio: ".length).trim();
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url.replace(/\?token=.*$/, ""))).status).toBe(401);
      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 15_000))]);
      expect(code).toBe(0);
      expect(stderr).toContain("shutting down");
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses a non-loopback --host with a usage error", async () => {
    const { code, stdout, stderr } = await runCli(["studio", "--no-open", "--host", "0.0.0.0"], { ITASCA_HOME: home }, 30_000);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('refusing host "0.0.0.0"');
  });

  it("prints its help", async () => {
    const { code, stdout } = await runCli(["studio", "--help"], { ITASCA_HOME: home }, 30_000);
    expect(code).toBe(0);
    expect(stdout).toContain("itasca studio [--port N] [--host H] [--no-open]");
  });
});
