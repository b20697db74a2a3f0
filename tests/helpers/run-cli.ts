/** Runs the real `itasca` bin in a child process, as a user's shell would. */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { ROOT } from "./architectures";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `itasca` child: its handle (to send signals), its output so far, and its end. */
export interface CliProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stdout(): string;
  stderr(): string;
  /** Settles when the child exits; rejects (after SIGKILL) when it runs past `timeoutMs`. */
  exited: Promise<CliResult>;
}

/**
 * Below vitest's 60 s test timeout, so a command that hangs fails with its stderr rather than a
 * bare test timeout; a test that allows a command longer passes a timeout and sets its own.
 */
const DEFAULT_TIMEOUT_MS = 50_000;

export function spawnCli(args: string[], env: Record<string, string> = {}, timeoutMs = DEFAULT_TIMEOUT_MS): CliProcess {
  const child = spawn(process.execPath, [`${ROOT}bin/itasca.js`, ...args], { cwd: ROOT, env: { ...process.env, ITASCA_LLAMA_THREADS: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`itasca ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CliResult> {
  return spawnCli(args, env, timeoutMs).exited;
}
