/**
 * The Electron bundles as built by `npm run build:electron` (one file, one build: a second
 * build in a parallel worker would delete out/electron under this one). The sandboxed preload
 * may require nothing but "electron", and exposes exactly one function per contract channel;
 * the main bundle leaves only npm packages and Node built-ins external, and boots in plain Node
 * with "electron" resolved to a recording fake (tests/fixtures/electron) that then calls every
 * handler main registered, as Electron would: the studio service answers from its worker
 * thread, the app's own page is answered and a foreign one refused, navigation, webviews and
 * window.open are denied (also for web contents made later), every response gets the CSP
 * header, permission requests are refused, the unsaved-changes prompt decides whether the
 * window closes, and menu commands and run events reach the page on their push channels.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNELS, PUSH_CHANNELS, type StudioEventMessage } from "../../core/api/contract";
import { startWorkerService } from "../../core/studio/worker/worker-service";
import { ENGINE_NODE_ENV, startEngine } from "../../electron/start-engine";
import { CONTENT_SECURITY_POLICY } from "../../electron/window-options";
import { ROOT } from "../helpers/architectures";

const OUT = join(ROOT, "out", "electron");

type Listener = (event: unknown, payload: unknown) => void;

/** Runs the bundled preload against a fake `electron`: what it exposed, what it invoked, and a way to push IPC messages at it. */
function loadPreload() {
  const exposed: { key?: string; api: Record<string, (arg: never) => unknown> } = { api: {} };
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (arg: never) => unknown>) => Object.assign(exposed, { key, api }) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => void invoked.push({ channel, input }),
      on: (channel: string, listener: Listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel))?.add(listener),
      removeListener: (channel: string, listener: Listener) => void listeners.get(channel)?.delete(listener),
    },
  };
  const code = readFileSync(join(OUT, "preload.cjs"), "utf8");
  const module = { exports: {} };
  const requireElectron = (id: string) => {
    if (id !== "electron") throw new Error(`the preload required "${id}"`);
    return electron;
  };
  // The bundle is CommonJS: evaluate it with its require, module and exports, as Electron's sandbox does.
  new Function("require", "module", "exports", code)(requireElectron, module, module.exports);
  return {
    key: exposed.key,
    api: exposed.api,
    invoked,
    push: (channel: string, event: unknown, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(event, payload)),
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
}

interface Fired {
  listeners: number;
  prevented: boolean;
}

interface BootReport {
  handlers: number;
  ipcChannels: string[];
  webPreferences: Record<string, unknown>;
  loaded: string;
  menu: string[];
  hostInfo: unknown;
  foreign: unknown;
  navigation: Fired;
  webview: Fired;
  windowOpen: unknown;
  laterNavigation: Fired;
  laterWindowOpen: unknown;
  headers: Record<string, string[]>;
  permission: boolean;
  unloadDiscard: Fired;
  unloadKeep: Fired;
  messageBoxes: { buttons: string[]; cancelId: number }[];
  runStart: unknown;
  evalStart: unknown;
  searchStart: unknown;
  sent: { channel: string; kind: string }[];
  error?: string;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-electron.mjs")], { cwd: ROOT, stdio: "pipe", timeout: 60_000 });
}, 90_000);

describe("Electron bundles", () => {
  it("the preload exposes exactly one function per contract channel, invoking or subscribing on its IPC channel", () => {
    const bridge = loadPreload();
    expect(bridge.key).toBe("itasca");
    expect(Object.keys(bridge.api).sort()).toEqual([...CHANNELS, ...PUSH_CHANNELS].sort());
    for (const value of Object.values(bridge.api)) expect(typeof value).toBe("function");

    const call = (channel: string, arg: unknown) => (bridge.api[channel] as (arg: unknown) => unknown)(arg);
    void call("run.start", { query: { text: "q" } });
    expect(bridge.invoked).toEqual([{ channel: "itasca:run.start", input: { query: { text: "q" } } }]);

    const received: unknown[] = [];
    const stop = call("run.event", (event: unknown) => received.push(event)) as () => void;
    call("menu.command", (command: unknown) => received.push(command));
    const sender = { sender: "the IPC event never reaches the page" };
    bridge.push("itasca:run.event", sender, { type: "run.started", runId: "r1", at: 1 });
    bridge.push("itasca:run.event", sender, { not: "an event" });
    bridge.push("itasca:menu.command", sender, { command: "save" });
    bridge.push("itasca:menu.command", sender, { command: "format-disk" });
    stop();
    bridge.push("itasca:run.event", sender, { type: "run.completed", runId: "r1", at: 2 });
    expect(received).toEqual([{ type: "run.started", runId: "r1", at: 1 }, { command: "save" }]);
    expect(bridge.listenerCount("itasca:run.event")).toBe(0);
  });

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
      expect(report.error).toBeUndefined();
      expect(report.handlers).toBe(CHANNELS.length);
      expect(report.ipcChannels.sort()).toEqual(CHANNELS.map((channel) => `itasca:${channel}`).sort());
      expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: join(ROOT, "out", "electron", "preload.cjs") });
      expect(report.loaded).toBe(join(ROOT, "renderer", "dist", "index.html"));
      expect(report.menu).toEqual(["File", "Edit", "Run", "View"]);
      expect(report.hostInfo).toMatchObject({ ok: true, value: { kind: "electron", dialogs: true } });
      expect(report.foreign).toMatchObject({ ok: false, error: { code: "unauthorized" } });
      // The window never leaves the app, nor does any web contents created later.
      expect(report.navigation).toEqual({ listeners: 1, prevented: true });
      expect(report.webview).toEqual({ listeners: 1, prevented: true });
      expect(report.windowOpen).toEqual({ action: "deny" });
      expect(report.laterNavigation).toEqual({ listeners: 1, prevented: true });
      expect(report.laterWindowOpen).toEqual({ action: "deny" });
      // Every response carries the CSP; other headers are kept.
      expect(report.headers).toEqual({ "X-Kept": ["1"], "Content-Security-Policy": [CONTENT_SECURITY_POLICY] });
      expect(report.permission).toBe(false);
      // Closing with unsaved edits asks; "Discard changes" lets the window close, "Keep editing" keeps it.
      expect(report.messageBoxes).toEqual([
        { buttons: ["Discard changes", "Keep editing"], cancelId: 1 },
        { buttons: ["Discard changes", "Keep editing"], cancelId: 1 },
      ]);
      expect(report.unloadDiscard).toEqual({ listeners: 1, prevented: true });
      expect(report.unloadKeep).toEqual({ listeners: 1, prevented: false });
      // Menu commands and run events reach the page on the contract's push channels.
      expect(report.runStart).toMatchObject({ ok: true });
      expect(report.sent.filter((m) => m.channel === "itasca:menu.command")).toEqual([
        { channel: "itasca:menu.command", kind: "run" },
        { channel: "itasca:menu.command", kind: "save" },
      ]);
      const runEvents = report.sent.filter((m) => m.channel === "itasca:run.event").map((m) => m.kind);
      expect(runEvents[0]).toBe("run.started");
      expect(runEvents.at(-1)).toBe("run.completed");
      expect(report.evalStart).toMatchObject({ ok: true });
      const evalEvents = report.sent.filter((m) => m.channel === "itasca:eval.event").map((m) => m.kind);
      expect(evalEvents).toEqual(["eval.started", "eval.item", "eval.finished"]);
      expect(report.searchStart).toMatchObject({ ok: true });
      const searchEvents = report.sent.filter((m) => m.channel === "itasca:search.event").map((m) => m.kind);
      expect(searchEvents).toEqual(["search.started", "search.trial", "search.finished"]);
      expect(new Set(report.sent.map((m) => m.channel))).toEqual(new Set(PUSH_CHANNELS.map((channel) => `itasca:${channel}`)));
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
      const events: StudioEventMessage[] = [];
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
