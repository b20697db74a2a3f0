import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRenderer, prepareRenderer, rendererRebuildReason } from "../../core/studio/renderer-build";
import { ROOT } from "../helpers/architectures";
import { runCli } from "../helpers/run-cli";

const home = mkdtempSync(join(tmpdir(), "itasca-studio-cli-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("itasca studio", () => {
  it("prints exactly the URL line, serves with the token, and stops cleanly on SIGTERM", { timeout: 90_000 }, async () => {
    // --no-build: the global setup built the renderer; a test never rebuilds it beside others.
    const child = spawn(process.execPath, [`${ROOT}bin/itasca.js`, "studio", "--no-open", "--no-build", "--port", "0"], { cwd: ROOT, env: { ...process.env, ITASCA_HOME: home, ITASCA_LLAMA_THREADS: "1" }, stdio: ["ignore", "pipe", "pipe"] });
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
    expect(stdout).toContain("itasca studio [--port N] [--host H] [--no-open] [--no-build]");
    expect(stdout).toContain("--no-build     never build the designer");
  });
});

describe("itasca studio builds the renderer first when it is missing or stale", () => {
  /** A checkout with renderer sources (and, when asked, a built renderer/dist) in a temporary folder. */
  function checkout(options: { built?: boolean; development?: boolean } = {}): string {
    const root = mkdtempSync(join(home, "checkout-"));
    mkdirSync(join(root, "renderer", "src"), { recursive: true });
    writeFileSync(join(root, "renderer", "src", "main.tsx"), "export {};\n");
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, "renderer", "src", "main.tsx"), old, old);
    if (options.built) writeBuild(root, options.development === true);
    return root;
  }

  function writeBuild(root: string, development = false): void {
    mkdirSync(join(root, "renderer", "dist", "assets"), { recursive: true });
    writeFileSync(join(root, "renderer", "dist", "assets", "index-abc123.js"), development ? "jsxDEV(App)" : "jsx(App)");
    writeFileSync(join(root, "renderer", "dist", "index.html"), "<!doctype html><head></head>");
  }

  /** prepareRenderer with a build double that records its calls and writes a bundle (or fails). */
  async function prepare(root: string, options: { noBuild?: boolean; fail?: string } = {}) {
    const lines: string[] = [];
    const builds: string[] = [];
    const outcome = await prepareRenderer(root, {
      log: (line) => lines.push(line),
      noBuild: options.noBuild === true,
      build: async (at) => {
        builds.push(at);
        if (options.fail !== undefined) throw new Error(options.fail);
        writeBuild(at);
      },
    });
    return { outcome, lines, builds };
  }

  it("builds a renderer that was never built, saying so before and after", async () => {
    const root = checkout();
    expect(rendererRebuildReason(root)).toBe("not built");
    const { outcome, lines, builds } = await prepare(root);
    expect(builds).toEqual([root]);
    expect(outcome).toMatchObject({ action: "built", reason: "not built" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("the renderer is not built; building it (npm run build:renderer, about half a minute)...");
    expect(lines[1]).toMatch(/^renderer built in \d+\.\d s$/);
    // The bundle the double wrote is current now: a second start builds nothing and says nothing.
    expect(await prepare(root)).toEqual({ outcome: { action: "current" }, lines: [], builds: [] });
  });

  it("rebuilds a bundle older than its sources, and a development bundle", async () => {
    const stale = checkout({ built: true });
    const past = new Date(Date.now() - 120_000);
    utimesSync(join(stale, "renderer", "dist", "index.html"), past, past);
    const rebuilt = await prepare(stale);
    expect(rebuilt.builds).toEqual([stale]);
    expect(rebuilt.lines[0]).toBe("the renderer is older than its sources; building it (npm run build:renderer, about half a minute)...");

    const development = checkout({ built: true, development: true });
    const rebuiltDevelopment = await prepare(development);
    expect(rebuiltDevelopment.outcome).toMatchObject({ action: "built", reason: "a development build" });
    expect(rebuiltDevelopment.builds).toEqual([development]);
  });

  it("leaves a current bundle alone", async () => {
    const root = checkout({ built: true });
    expect(rendererRebuildReason(root)).toBeUndefined();
    expect(await prepare(root)).toEqual({ outcome: { action: "current" }, lines: [], builds: [] });
  });

  it("with --no-build only says what is missing", async () => {
    const { outcome, lines, builds } = await prepare(checkout(), { noBuild: true });
    expect(builds).toEqual([]);
    expect(outcome).toEqual({ action: "not-built", reason: "not built" });
    expect(lines).toEqual(["the renderer is not built; not building it (--no-build). Build it with npm run build:renderer."]);
  });

  it("reports a failed build in the terminal and still lets the studio serve", async () => {
    const { outcome, lines } = await prepare(checkout(), { fail: "npm run build:renderer exited with code 1" });
    expect(outcome).toEqual({ action: "failed", reason: "not built", error: "npm run build:renderer exited with code 1" });
    expect(lines.at(-1)).toBe(
      "building the renderer failed (npm run build:renderer exited with code 1); the studio page says how to build it. Run npm run build:renderer to see why.",
    );
    const stale = checkout({ built: true, development: true });
    const kept = await prepare(stale, { fail: "boom" });
    expect(kept.lines.at(-1)).toBe("building the renderer failed (boom); the studio serves the build that is there. Run npm run build:renderer to see why.");
  });

  it("runs npm run build:renderer for real and rejects, naming it, when the script fails", async () => {
    // A folder whose package.json has a build:renderer script that fails at once: the real
    // spawn, output forwarding and exit-code handling, without a 30 s Vite build.
    const root = mkdtempSync(join(home, "failing-build-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "x", private: true, scripts: { "build:renderer": "node -e \"console.log('vite would build here'); process.exit(3)\"" } }));
    let output = "";
    await expect(buildRenderer(root, { output: (chunk) => (output += chunk), timeoutMs: 60_000 })).rejects.toThrow("npm run build:renderer exited with code 3");
    expect(output).toContain("vite would build here");
  }, 90_000);

  it("says it stopped the build, not that it failed, when the studio is asked to stop meanwhile", async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const outcome = await prepareRenderer(checkout(), {
      log: (line) => lines.push(line),
      signal: controller.signal,
      build: async () => {
        controller.abort();
        throw new Error("npm run build:renderer was stopped: it was cancelled");
      },
    });
    expect(outcome).toEqual({ action: "failed", reason: "not built", error: "npm run build:renderer was stopped: it was cancelled" });
    expect(lines).toEqual(["the renderer is not built; building it (npm run build:renderer, about half a minute)...", "stopped the renderer build"]);
  });

  it("does not start a build once the studio is asked to stop", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buildRenderer(mkdtempSync(join(home, "aborted-")), { signal: controller.signal })).rejects.toThrow("cancelled before it started");
  });
});
