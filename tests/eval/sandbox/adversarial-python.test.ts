/**
 * The adversarial suite in Python: each program of tests/fixtures/sandbox/python is contained
 * with the right status, the host is untouched, and the next program still runs clean.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, KILLED_EXIT_CODE, type Sandbox, type SandboxRequest } from "../../../core/eval/sandbox";
import { expectAllDenied, program } from "./sandbox-fixtures";

const SECRET_NAME = "ITASCA_FAKE_SECRET";
const SECRET_VALUE = "sk-planted-5f3c9a7e1b2d4c6e8f0a";
// Workers start (Pyodide loads) and restart after a recycle: allow for a busy machine.
const SLOW = { timeout: 120_000 };

let sandbox: Sandbox;
let scratch: string;

beforeAll(() => {
  // Planted before the pool starts: a worker inheriting the environment would see it.
  process.env[SECRET_NAME] = SECRET_VALUE;
  scratch = mkdtempSync(join(tmpdir(), "itasca-sandbox-host-"));
  sandbox = createSandbox({ poolSize: 1 });
});

afterAll(async () => {
  await sandbox.close();
  delete process.env[SECRET_NAME];
  rmSync(scratch, { recursive: true, force: true });
});

const run = (name: string, extra: Partial<SandboxRequest> = {}) => sandbox.run({ language: "python", code: program("python", name), ...extra });

/** The next program sees a clean interpreter (and the worker, recycled or not, works). */
async function expectNextRunClean(): Promise<void> {
  const result = await run("check-clean.py");
  expect(result.status, result.stderr).toBe("ok");
  expect(result.stdout.split("\n")[0]).toBe("CLEAN");
}

describe("python sandbox: the host file system", () => {
  it("cannot read /etc/passwd or the user's home, by any door", SLOW, async () => {
    const result = await run("read-host-files.py", { stdin: `${homedir()}\n` });
    expectAllDenied(result, ["open /etc/passwd", "listdir /etc", "listdir home", "read home/.bashrc", "pyodide_js.mountNodeFS", "js.pyodide.mountNodeFS", "ffi constructor chain"]);
    expect(result.stdout).not.toMatch(/root:x:0:0/);
  });

  it("writes only into its own in-memory file system, which the next program does not see", SLOW, async () => {
    const target = join(scratch, "escaped", "escape.txt");
    const result = await run("write-host-file.py", { stdin: `${target}\n` });
    expect(result.status, result.stderr).toBe("ok");
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(scratch, "escaped"))).toBe(false);
    await expectNextRunClean();
  });
});

describe("python sandbox: processes, network, environment", () => {
  it("cannot start a process (os.system, subprocess, popen, fork, exec, spawn, pty) or signal one", SLOW, async () => {
    const marker = join(scratch, "process-ran");
    const result = await run("run-processes.py", { stdin: `${marker}\n` });
    expectAllDenied(result, ["os.system", "subprocess.run", "os.popen", "os.fork", "os.execv", "os.posix_spawn", "pty.spawn", "os.kill parent"]);
    expect(existsSync(marker)).toBe(false);
  });

  describe("a TCP listener on 127.0.0.1", () => {
    let server: Server;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections += 1;
        socket.end("HTTP/1.0 200 OK\r\n\r\nreached");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("sees no connection from sockets, urllib, http.client, fetch or pyodide's socket layer", SLOW, async () => {
      const port = (server.address() as { port: number }).port;
      const result = await run("open-socket.py", { stdin: `${port}\n` });
      expectAllDenied(result, ["socket.create_connection", "socket.connect", "urllib.request", "http.client", "js.fetch", "pyodide.http.pyfetch", "pyodide_js.useNodeSockFS"]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(connections).toBe(0);
    });
  });

  it("does not see the host's environment variables", SLOW, async () => {
    const result = await run("read-env.py", { stdin: `${SECRET_NAME}\n` });
    expect(result.status, result.stderr).toBe("ok");
    expect(result.stdout).toContain("os.environ: None");
    expect(result.stdout).toContain("os.getenv: None");
    expect(result.stdout).toContain("js.process.env: denied");
    expect(result.stdout).not.toContain(SECRET_VALUE);
    // Nothing of the worker's own command line either (Node sets "_" to the script path).
    expect(result.stdout).toContain("environ keys: ['HOME', 'LANG', 'LOGNAME', 'PATH', 'PWD', 'USER']");
  });
});

describe("python sandbox: no path to Node", () => {
  it("import js, pyodide.ffi, pyodide_js, eval and V8's stack-trace hooks reach no process, require, fetch or worker global", SLOW, async () => {
    const result = await run("reach-node.py");
    expectAllDenied(result, [
      "js.process",
      "js.require",
      "js.fetch",
      "js.globalThis",
      "js.Buffer",
      "js.module",
      "js.WebSocket",
      "js.setImmediate",
      "js.process.env",
      "js.process.exit",
      "js.globalThis.process",
      "js.eval",
      "Function constructor",
      "pyodide.code.run_js",
      "import pyodide_js",
      "sys.modules pyodide_js",
      "jsfinder pyodide_js",
      "register_js_module",
      "Error.prepareStackTrace",
      "dynamic import",
      "sloppy this",
    ]);
    // process.exit would have killed the worker before "done".
    await expectNextRunClean();
  });

  it("cannot walk the heap to find the sandbox's own snapshot", SLOW, async () => {
    const result = await run("heap-walk.py");
    expect(result.status, result.stderr).toBe("ok");
    expect(result.stdout).toContain("gc.get_objects: denied PermissionError");
    expect(result.stdout).toContain("gc.get_referrers: denied PermissionError");
    // The caller frame is a trampoline whose globals hold nothing but itself (restored after each run).
    expect(result.stdout).toContain("caller globals: ['run']");
  });
});

describe("python sandbox: limits", () => {
  it("kills an infinite loop at the wall-time limit, then runs the next program", SLOW, async () => {
    const started = performance.now();
    const result = await run("infinite-loop.py", { timeoutMs: 1500 });
    expect(result.status).toBe("timeout");
    expect(result.exitCode).toBe(KILLED_EXIT_CODE);
    expect(result.ms).toBeGreaterThanOrEqual(1500);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expectNextRunClean();
  });

  it("keeps what a program printed before it hung and was killed", SLOW, async () => {
    const result = await run("print-then-hang.py", { timeoutMs: 1500 });
    expect(result.status).toBe("timeout");
    expect(result.stdout).toBe("first: ok\nsecond: ok\nthird: running");
  });

  it("stops a memory bomb at the memory limit, even when it catches the MemoryError", SLOW, async () => {
    const result = await run("memory-bomb.py", { memoryMb: 128 });
    expect(result.status, result.stderr).toBe("memory-limit");
    expect(result.stdout).toContain("caught MemoryError");
    await expectNextRunClean();
  });

  it("counts in-memory files against the memory limit (a file bomb gets ENOSPC and memory-limit)", SLOW, async () => {
    const result = await run("file-bomb.py", { memoryMb: 128 });
    expect(result.status).toBe("memory-limit");
    expect(result.stderr).toContain("No space left on device");
    await expectNextRunClean();
  });

  it("stops a bomb on the worker's JavaScript heap (through pyodide.ffi) as memory-limit", SLOW, async () => {
    const result = await run("js-heap-bomb.py", { timeoutMs: 30_000 });
    expect(result.status, result.stderr).toBe("memory-limit");
    expect(result.stderr).toContain("the worker ran out of memory");
    await expectNextRunClean();
  });

  it("reports a recursion bomb as the program's RecursionError, and the next program runs", SLOW, async () => {
    const result = await run("recursion-bomb.py");
    expect(result.status).toBe("ok");
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("RecursionError");
    await expectNextRunClean();
  });

  it("survives a C-stack bomb (the interpreter dies: status error, worker replaced)", SLOW, async () => {
    const result = await run("c-stack-bomb.py");
    expect(result.status).toBe("error");
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("sandbox:");
    await expectNextRunClean();
  });

  it("survives recursion with the limit lifted (memory-limit or error, never a hang)", SLOW, async () => {
    const result = await run("stack-bomb.py", { timeoutMs: 20_000 });
    expect(["memory-limit", "error"]).toContain(result.status);
    await expectNextRunClean();
  });

  it("cuts a 100 MB print at the output cap, quickly", SLOW, async () => {
    const started = performance.now();
    const result = await run("huge-print.py");
    expect(result.status).toBe("output-limit");
    expect(result.exitCode).toBe(KILLED_EXIT_CODE);
    expect(Buffer.byteLength(result.stdout)).toBe(1024 * 1024);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expectNextRunClean();
  });

  it("applies a smaller output cap when asked", SLOW, async () => {
    const result = await run("huge-print.py", { outputLimitBytes: 1000 });
    expect(result.status).toBe("output-limit");
    expect(result.stdout).toHaveLength(1000);
  });
});

describe("python sandbox: isolation between programs", () => {
  it("undoes monkeypatched builtins, sys.modules, module attributes, globals, path, env, cwd and files", SLOW, async () => {
    const tampered = await run("tamper.py");
    expect(tampered.status, tampered.stderr).toBe("ok");
    expect(tampered.stdout).toContain("tampered: len([]) == 42");
    await expectNextRunClean();
    // Twice: the reset itself left nothing behind.
    await expectNextRunClean();
  });

  it("gives every program the same random state", SLOW, async () => {
    const first = await run("check-clean.py");
    await run("tamper.py");
    const second = await run("check-clean.py");
    expect(second.stdout.split("\n")[1]).toBe(first.stdout.split("\n")[1]);
  });

  it("replaces the worker after a program changes an existing class or function", SLOW, async () => {
    const tampered = await run("tamper-class.py");
    expect(tampered.status, tampered.stderr).toBe("ok");
    const check = await run("check-class-clean.py");
    expect(check.stdout.trim()).toBe("CLEAN");
  });

  it("cannot leave a thread behind", SLOW, async () => {
    const result = await run("start-thread.py");
    expect(result.status).toBe("ok");
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("can't start new thread");
    await expectNextRunClean();
  });
});

describe("python sandbox: programs", () => {
  it("reads stdin through input() and sys.stdin", SLOW, async () => {
    const result = await run("echo-stdin.py", { stdin: "hello\nworld\nmore" });
    expect(result).toMatchObject({ status: "ok", exitCode: 0, stderr: "" });
    expect(result.stdout).toBe("first='hello'\nrest='world\\nmore'\neof=''\n");
  });

  it("reports sys.exit(3) as exit code 3 with status ok, and keeps both streams", SLOW, async () => {
    const result = await run("exit-code.py");
    expect(result).toMatchObject({ status: "ok", exitCode: 3, stdout: "to stdout\n", stderr: "to stderr\n" });
  });

  it("reports os._exit(5) as exit code 5", SLOW, async () => {
    const result = await run("os-exit.py");
    expect(result).toMatchObject({ status: "ok", exitCode: 5, stdout: "before\n" });
    await expectNextRunClean();
  });

  it("reports an uncaught exception as exit code 1 with a CPython-style traceback", SLOW, async () => {
    const result = await run("uncaught.py");
    expect(result).toMatchObject({ status: "ok", exitCode: 1, stdout: "before\n" });
    expect(result.stderr).toBe('Traceback (most recent call last):\n  File "main.py", line 3, in <module>\n    raise ValueError("boom")\nValueError: boom\n');
  });
});
