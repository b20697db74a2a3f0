/**
 * The Electron bundles as built by `npm run build:electron` (one file, one build: a second
 * build in a parallel worker would delete out/electron under this one). The sandboxed preload
 * may require nothing but "electron"; the main bundle leaves only npm packages and Node
 * built-ins external, and boots in plain Node with "electron" resolved to a recording fake
 * (tests/fixtures/electron): the studio service starts in its worker thread (host.info below
 * is answered from there), every channel gets a handler, the
 * window gets the sandboxed webPreferences, the app's own page is answered and a foreign one refused.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNELS, type HostEventMessage } from "../../core/api/contract";
import { startWorkerService } from "../../core/studio/worker/worker-service";
import { ENGINE_NODE_ENV, startEngine } from "../../electron/engine-host";
import { ROOT } from "../helpers/architectures";

const OUT = join(ROOT, "out", "electron");

interface BootReport {
  handlers: number;
  webPreferences: Record<string, unknown>;
  loaded: string;
  menu: string[];
  hostInfo: unknown;
  foreign: unknown;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-electron.mjs")], { cwd: ROOT, stdio: "pipe", timeout: 60_000 });
}, 90_000);

describe("Electron bundles", () => {
  it("the preload requires only electron", () => {
    const preload = readFileSync(join(OUT, "preload.cjs"), "utf8");
    const required = new Set([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(["electron"]);
  });

  it.each(["main.mjs", "engine-worker.mjs"])("%s imports only Node built-ins, electron and declared dependencies", (bundle) => {
    const code = readFileSync(join(OUT, bundle), "utf8");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; optionalDependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies)]);
    // Static imports (one line or several) and dynamic imports of bare module names.
    const imported = [...code.matchAll(/ from "([^"./][^"]*)";$/gm), ...code.matchAll(/\bimport\("([^"./][^"]*)"\)/g)].map((m) => m[1] ?? "");
    // The engine thread never touches Electron: only the main process may.
    if (bundle === "main.mjs") expect(imported).toContain("electron");
    else expect(imported).not.toContain("electron");
    for (const id of imported) {
      const name = id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : (id.split("/")[0] ?? id);
      expect(id.startsWith("node:") || builtinModules.includes(name) || allowed.has(name), id).toBe(true);
    }
  });

  // "worker": a packaged app's engine thread; "process": `npm start`'s engine on the Node that ran npm.
  it.each([
    ["worker", {}],
    ["process", { [ENGINE_NODE_ENV]: process.execPath }],
  ])("boots with the engine in a %s, serves the contract over IPC and closes the service on quit", (_mode, engineEnv) => {
    const home = mkdtempSync(join(tmpdir(), "itasca-electron-boot-"));
    try {
      const stdout = execFileSync(process.execPath, ["--import", join(ROOT, "tests", "fixtures", "electron", "register.mjs"), join(ROOT, "out", "electron", "main.mjs")], {
        cwd: ROOT,
        env: { ...process.env, ITASCA_HOME: home, ITASCA_LLAMA_THREADS: "1", ...engineEnv },
        encoding: "utf8",
        timeout: 60_000,
      });
      const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as BootReport;
      expect(report.handlers).toBe(CHANNELS.length);
      expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: join(ROOT, "out", "electron", "preload.cjs") });
      expect(report.loaded).toBe(join(ROOT, "renderer", "dist", "index.html"));
      expect(report.menu).toEqual(["File", "Edit", "Run", "View"]);
      expect(report.hostInfo).toMatchObject({ ok: true, value: { kind: "electron", dialogs: true } });
      expect(report.foreign).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  it("runs the engine in a child Node process: requests, run events, keys written back, and it exits when stopped", async () => {
    const home = mkdtempSync(join(tmpdir(), "itasca-electron-engine-"));
    const engine = startEngine(join(OUT, "engine-worker.mjs"), { ...process.env, ITASCA_HOME: home, [ENGINE_NODE_ENV]: process.execPath });
    const stored = new Map<string, string>();
    const secrets = { get: (n: string) => stored.get(n), set: (n: string, v: string) => void stored.set(n, v), delete: (n: string) => void stored.delete(n), list: () => [...stored.keys()] };
    try {
      expect(engine.mode).toBe("process");
      const service = await startWorkerService({ port: engine.port, kind: "electron", cwd: ROOT, secrets });
      expect(await service.handle("host.info", {})).toMatchObject({ ok: true, value: { kind: "electron" } });
      await service.handle("keys.set", { name: "CHILD_KEY", value: "child-value" });
      await expect.poll(() => stored.get("CHILD_KEY")).toBe("child-value");
      const events: HostEventMessage[] = [];
      service.subscribe((message) => events.push(message));
      const architecture = JSON.parse(readFileSync(join(ROOT, "presets", "architectures", "game24-vote.itasca.json"), "utf8")) as Record<string, unknown>;
      expect(await service.handle("run.start", { architecture, query: { text: "4 5 6 10" } })).toMatchObject({ ok: true });
      await expect.poll(() => events.some((m) => m.event.type === "run.completed"), { timeout: 30_000 }).toBe(true);
      await service.close();
    } finally {
      await engine.stop();
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);
});
