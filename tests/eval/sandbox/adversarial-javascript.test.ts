/**
 * The adversarial suite in JavaScript (QuickJS): each program of tests/fixtures/sandbox/javascript
 * is contained with the right status, and the next program starts from a clean runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, KILLED_EXIT_CODE, type Sandbox, type SandboxRequest } from "../../../core/eval/sandbox";
import { expectAllDenied, program } from "./sandbox-fixtures";

const SLOW = { timeout: 60_000 };
let sandbox: Sandbox;

beforeAll(() => {
  process.env.ITASCA_FAKE_SECRET = "sk-planted-js-0a1b2c3d";
  sandbox = createSandbox({ poolSize: 1 });
});
afterAll(async () => {
  await sandbox.close();
  delete process.env.ITASCA_FAKE_SECRET;
});

const run = (name: string, extra: Partial<SandboxRequest> = {}) => sandbox.run({ language: "javascript", code: program("javascript", name), ...extra });

async function expectNextRunClean(): Promise<void> {
  const result = await run("check-clean.js");
  expect(result.status, result.stderr).toBe("ok");
  expect(result.stdout.trim()).toBe("CLEAN");
}

describe("javascript sandbox", () => {
  it("reaches no process, require, fetch, module loader or host global through globals, eval, Function or sloppy this", SLOW, async () => {
    const result = await run("reach-node.js");
    expectAllDenied(result, ["process", "require", "fetch", "globalThis.process", "eval", "Function", "constructor chain", "sloppy this", "import()", "std module", "os module"]);
    // The only non-constructor globals are the ECMAScript ones and the sandbox's own I/O.
    const globals = result.stdout.split("\n").find((l) => l.startsWith("globals: "))!.slice(9).split(",");
    expect(globals.filter((g) => !["parseInt", "parseFloat", "isNaN", "isFinite", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape", "eval", "undefined", "globalThis", "console", "print", "readline", "readStdin", "exit", "attempt"].includes(g))).toEqual([]);
  });

  it("kills an infinite loop at the wall-time limit", SLOW, async () => {
    const result = await run("infinite-loop.js", { timeoutMs: 1000 });
    expect(result).toMatchObject({ status: "timeout", exitCode: KILLED_EXIT_CODE });
    expect(result.ms).toBeGreaterThanOrEqual(1000);
    await expectNextRunClean();
  });

  it("stops a memory bomb at the memory limit", SLOW, async () => {
    const result = await run("memory-bomb.js", { memoryMb: 32 });
    expect(result.status, result.stderr).toBe("memory-limit");
    expect(result.exitCode).toBe(1);
    await expectNextRunClean();
  });

  it("reports a recursion bomb as a stack overflow, and the next program runs", SLOW, async () => {
    const result = await run("recursion-bomb.js");
    expect(result).toMatchObject({ status: "ok", exitCode: 1 });
    expect(result.stderr).toMatch(/^Uncaught InternalError: stack overflow/);
    expect(result.stderr).toContain("more frames");
    await expectNextRunClean();
  });

  it("cuts a 100 MB print at the output cap, quickly", SLOW, async () => {
    const started = performance.now();
    const result = await run("huge-print.js");
    expect(result.status).toBe("output-limit");
    expect(Buffer.byteLength(result.stdout)).toBe(1024 * 1024);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expectNextRunClean();
  });

  it("leaves no global or patched built-in to the next program", SLOW, async () => {
    const tampered = await run("tamper.js");
    expect(tampered).toMatchObject({ status: "ok", exitCode: 0, stdout: "tampered true\n" });
    await expectNextRunClean();
  });

  it("reads stdin with readline() and readStdin(), and exits with exit(4)", SLOW, async () => {
    const result = await run("echo-stdin.js", { stdin: "hello\nworld\nmore" });
    expect(result).toMatchObject({ status: "ok", exitCode: 4, stdout: 'first="hello"\nrest="world\\nmore"\neof=null\n', stderr: "to stderr\n" });
  });

  it("reports an uncaught error as exit code 1 with the error on stderr", SLOW, async () => {
    const result = await run("uncaught.js");
    expect(result).toMatchObject({ status: "ok", exitCode: 1, stdout: "before\n" });
    expect(result.stderr).toMatch(/^Uncaught TypeError: boom\n {4}at <eval> \(main\.js:4/);
  });
});
