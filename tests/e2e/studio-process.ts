/**
 * The real `itasca studio` in a child process with a temporary data dir, for end-to-end tests:
 * resolves once it prints its URL; `stop()` ends it with SIGTERM (SIGKILL if it lingers).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/architectures";

export interface StudioProcess {
  url: string;
  /** The data dir (ITASCA_HOME): database, models.json, keys. The studio never lists or writes files here. */
  home: string;
  /** The studio's working folder, where its file dialogs start (outside the data dir, like a user's project folder). */
  workDir: string;
  /** Everything the studio wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/** @param timeoutMs how long to wait for the URL. @default 30000 */
export function startStudioProcess(timeoutMs = 30_000): Promise<StudioProcess> {
  const home = mkdtempSync(join(tmpdir(), "itasca-e2e-"));
  const workDir = mkdtempSync(join(tmpdir(), "itasca-e2e-work-"));
  // --no-build: the global setup built the renderer once; studios started side by side must not
  // rebuild it into the same renderer/dist (and so delete each other's bundle) when a source changes.
  const child = spawn(process.execPath, [join(ROOT, "bin", "itasca.js"), "studio", "--no-open", "--no-build", "--port", "0"], {
    cwd: workDir,
    env: { ...process.env, ITASCA_HOME: home, ITASCA_LLAMA_THREADS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If this process exits without stopping it (an uncaught error in a bench, say), the studio goes too.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const stop = () =>
    stopChild(child).finally(() => {
      rmSync(home, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    const timer = setTimeout(() => fail(new Error(`itasca studio printed no URL in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`)), timeoutMs);
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`itasca studio exited with ${code} before printing its URL\nstderr: ${stderr}`)));
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const url = /Itasca studio: (\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({ url, home, workDir, stderr: () => stderr, stop });
    });
  });
}

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
