/**
 * A scripted stand-in for the code sandbox. It reads the programs core/nodes/code-tests.ts
 * builds (their first lines are JSON literals: the tag, the code, the tests or the sources)
 * and answers as the harness would, with behaviour decided by a JavaScript callback, so the
 * node logic is tested without an interpreter. Every request is recorded.
 */
import type { CodeSandbox, SandboxRequest, SandboxResult } from "../../core/nodes/sandbox-types";

/** What one test does: pass, fail with a reason, hang past the time limit, or kill the program. */
export type FakeTestOutcome = true | { fail: string } | "hang" | "memory" | "exit";

export interface FakeSandboxScript {
  /** Null when the code loads; else its error line, or "hang" to time out while loading. @default () => null */
  load?: (code: string) => string | null;
  /** The outcome of one test on the code. @default () => true */
  test?: (code: string, test: string) => FakeTestOutcome;
  /** Which sources compile (compile checks). @default () => true */
  compiles?: (source: string) => boolean;
  /** Whether a timeout keeps the output printed so far (the real sandbox's behaviour may vary). @default true */
  keepPartialOutput?: boolean;
  /** Untagged text the candidate prints before each result line (forgery attempts). @default "" */
  noise?: string;
}

export interface FakeSandbox extends CodeSandbox {
  requests: SandboxRequest[];
}

/**
 * The JSON literal arguments the harness call ends with (one per line, see callWith in
 * core/nodes/code-tests.ts): `count` of them.
 */
function harnessArgs(program: string, count: number): unknown[] {
  const lines = program.trimEnd().split("\n").slice(-count);
  return lines.map((line) => JSON.parse(line.replace(/(?:,|\);?)$/, "")) as unknown);
}

function isCompileCheck(program: string): boolean {
  return program.includes("_itasca_compiles") || program.includes("(TAG, SOURCES)");
}

export function fakeSandbox(script: FakeSandboxScript = {}): FakeSandbox {
  const requests: SandboxRequest[] = [];
  const run = async (request: SandboxRequest): Promise<SandboxResult> => {
    requests.push(request);
    const compileCheck = isCompileCheck(request.code);
    const args = harnessArgs(request.code, compileCheck ? 2 : 4);
    const tag = args[0] as string;
    let stdout = "";
    const emit = (record: object): void => {
      stdout += `${script.noise ?? ""}\n${tag}${JSON.stringify(record)}\n`;
    };
    const end = (status: SandboxResult["status"], exitCode = 0): SandboxResult => ({
      status,
      exitCode,
      stdout: status === "timeout" && script.keepPartialOutput === false ? "" : stdout,
      stderr: status === "error" ? "Traceback (most recent call last):\nSystemExit: 3" : "",
      ms: 1,
    });

    if (compileCheck) {
      const sources = args[1] as string[];
      emit({ t: "compiled", ok: sources.map((s) => script.compiles?.(s) ?? true) });
      return end("ok");
    }
    const code = args[1] as string;
    const tests = args[2] as [number, string][];
    // A traced run (per-test deadline): a hanging test fails on its own, as the harness does.
    const limitMs = args[3] as number;
    const loadError = script.load?.(code) ?? null;
    if (loadError === "hang" && limitMs > 0) {
      emit({ t: "load-error", reason: `timeout after ${limitMs} ms` });
      return end("ok");
    }
    if (loadError === "hang") return end("timeout");
    if (loadError !== null) {
      emit({ t: "load-error", reason: loadError });
      return end("ok");
    }
    emit({ t: "loaded" });
    for (const [i, test] of tests) {
      emit({ t: "start", i });
      const outcome = script.test?.(code, test) ?? true;
      if (outcome === "hang" && limitMs > 0) {
        emit({ t: "result", i, pass: false, reason: `timeout after ${limitMs} ms` });
        continue;
      }
      if (outcome === "hang") return end("timeout");
      if (outcome === "memory") return end("memory-limit");
      if (outcome === "exit") return end("error", 3);
      emit(outcome === true ? { t: "result", i, pass: true, reason: "" } : { t: "result", i, pass: false, reason: outcome.fail });
    }
    emit({ t: "done" });
    return end("ok");
  };
  return { requests, run };
}

/** The candidate code, test texts and per-test deadline (0: none) of a recorded test-run request. */
export function programParts(request: SandboxRequest | undefined): { code: string; tests: string[]; limitMs: number } {
  const [, code, tests, limitMs] = harnessArgs(request?.code ?? "", 4) as [string, string, [number, string][], number];
  return { code, tests: tests.map(([, t]) => t), limitMs };
}
