/**
 * A test-only CodeSandbox on a local `python3` / `node` subprocess: it runs the programs the
 * node harnesses build in a real interpreter, so their Python and JavaScript are checked
 * even where the isolated sandbox (core/eval/sandbox) is not built. Not isolated: give it
 * only the tests' own programs.
 */
import { spawn, spawnSync } from "node:child_process";
import type { CodeSandbox, SandboxRequest, SandboxResult } from "../../core/nodes/sandbox-types";

/** Whether a `python3` is on PATH. */
export function hasPython3(): boolean {
  return spawnSync("python3", ["-c", "print(1)"], { encoding: "utf8" }).stdout.trim() === "1";
}

export function processSandbox(): CodeSandbox & { requests: SandboxRequest[] } {
  const requests: SandboxRequest[] = [];
  const run = (request: SandboxRequest): Promise<SandboxResult> => {
    requests.push(request);
    const started = Date.now();
    const [command, args] = request.language === "python" ? ["python3", ["-I", "-c", request.code]] : [process.execPath, ["-e", request.code]];
    return new Promise((resolve) => {
      const child = spawn(command, args as string[], { stdio: ["pipe", "pipe", "pipe"], env: {} });
      let stdout = "";
      let stderr = "";
      let status: SandboxResult["status"] | undefined;
      const limit = request.outputLimitBytes ?? 1_048_576;
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        if (stdout.length + stderr.length > limit && status === undefined) {
          status = "output-limit";
          child.kill("SIGKILL");
        }
      });
      child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
      const timer = setTimeout(() => {
        status ??= "timeout";
        child.kill("SIGKILL");
      }, request.timeoutMs ?? 10_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        const exitCode = code ?? 137;
        resolve({ status: status ?? (exitCode === 0 ? "ok" : "error"), exitCode, stdout, stderr, ms: Date.now() - started });
      });
      child.stdin.end(request.stdin ?? "");
    });
  };
  return { requests, run };
}
