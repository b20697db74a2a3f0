/**
 * Runs a candidate's code against a list of assert tests in the code sandbox, one execution
 * for all of them, and reads back a pass/fail with a reason per test. The one implementation
 * behind executed unit tests, the CodeT selection rule and anything else that runs tests.
 *
 * Robustness:
 * - Results are JSON lines tagged with a random nonce, written through the stdout handle the
 *   harness captured before the candidate ran, so the candidate's own prints cannot forge a
 *   result by accident or by naive imitation (a program that walks the interpreter's frames to
 *   steal the nonce is beyond this guard; the sandbox still contains it).
 * - The candidate runs in its own namespace (`__name__` is `"__candidate__"`, so a
 *   `if __name__ == "__main__":` block does not run); each test runs in a try/except of its own.
 * - A test that hangs, exhausts memory or exits the program fails with that reason, and the
 *   tests after it run again in a fresh execution (at most `maxReruns` times); whatever was
 *   still unreported after that fails with the reason. When a timeout leaves no output to tell
 *   which test hung (the sandbox may drop a killed program's buffered output), Python runs
 *   once more with a per-test deadline checked by a trace function on the candidate's and the
 *   tests' own frames, so a hanging test fails with "timeout" and the others still report.
 * - Code that fails to compile or import fails every test with that error.
 * - A Python test may set `__itasca_note__` to a string: it becomes the reason of its pass.
 *
 * Renderer-safe: no Node built-ins (the nonce comes from `globalThis.crypto`).
 */
import type { CodeSandbox, SandboxLanguage, SandboxResult } from "./sandbox-types";

/** One test to run: an id to report under and its source (e.g. `assert add(1, 2) == 3`). */
export interface CodeTest {
  id: string;
  text: string;
}

/** The outcome of one test. */
export interface CodeTestResult {
  testId: string;
  pass: boolean;
  /** Empty on a pass; else the assertion text or message, the exception line, or the limit hit. */
  reason: string;
}

export interface CodeTestOptions {
  /** The language of the candidate and the tests. @default "python" */
  language?: SandboxLanguage;
  /** Wall-time limit of one execution (all tests still to run). @default 10000 */
  timeoutMs?: number;
  /** Memory limit of one execution; undefined leaves the sandbox's default. @default undefined */
  memoryMb?: number;
  /** Output cap of one execution; undefined leaves the sandbox's default. @default undefined */
  outputLimitBytes?: number;
  /** Fresh executions allowed after a test hangs or kills the program, for the tests after it. @default 2 */
  maxReruns?: number;
}

/** @default 10000 */
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;
/** @default 2 */
export const DEFAULT_MAX_RERUNS = 2;

/** A fresh random tag (128 bits, hex) for one execution's result lines. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The prefix every result line carries. */
export function resultTag(nonce: string): string {
  return `@@itasca-${nonce}@@`;
}

/**
 * A source literal for a string, valid in both Python 3 and JavaScript: JSON escapes quotes,
 * backslashes, control characters and lone surrogates in a syntax both languages read.
 * U+2028/U+2029 are escaped too (raw ones end a line in older JavaScript parsers).
 */
function literal(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// Python: everything lives in the function's frame, so neither the candidate's namespace nor
// `import __main__` reaches the tag; the candidate runs with `__name__ == "__candidate__"`.
const PYTHON_HARNESS = String.raw`
def _itasca_tests(tag, code, tests, limit_ms):
    import sys, json, traceback, time
    write = sys.stdout.write
    flush = sys.stdout.flush
    dumps = json.dumps
    clock = time.monotonic
    settrace = sys.settrace
    def emit(record):
        write("\n" + tag + dumps(record) + "\n")
        flush()
    class Deadline(BaseException):
        pass
    state = {"deadline": 0.0, "events": 0}
    def local(frame, event, arg):
        state["events"] += 1
        if state["events"] & 1023 == 0 and clock() > state["deadline"]:
            raise Deadline()
        return local
    def calls(frame, event, arg):
        name = frame.f_code.co_filename
        return local if name == "<candidate>" or name.startswith("<test ") else None
    def run(source, filename, ns):
        # With a limit, only the candidate's and the tests' own frames are traced (about 5x
        # slower there); the trace is removed again at once. Python 3.12+ (Pyodide) reports
        # a line event on every loop iteration, so even "while True: pass" meets the deadline.
        if limit_ms:
            state["deadline"] = clock() + limit_ms / 1000.0
            settrace(calls)
        try:
            exec(compile(source, filename, "exec"), ns)
        finally:
            if limit_ms:
                settrace(None)
    def line(e):
        if isinstance(e, Deadline):
            return "timeout after %d ms" % limit_ms
        if isinstance(e, SyntaxError):
            where = " (line %d)" % e.lineno if e.lineno else ""
            return "%s: %s%s" % (type(e).__name__, e.msg, where)
        text = "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()
        return text[-1] if text else type(e).__name__
    ns = {"__name__": "__candidate__", "__builtins__": __builtins__}
    try:
        run(code, "<candidate>", ns)
    except BaseException as e:
        emit({"t": "load-error", "reason": line(e)})
        return
    emit({"t": "loaded"})
    for i, test in tests:
        emit({"t": "start", "i": i})
        try:
            run(test, "<test %d>" % (i + 1), ns)
        except AssertionError as e:
            msg = str(e)
            emit({"t": "result", "i": i, "pass": False, "reason": "assertion failed: " + (msg if msg else test.strip())})
        except BaseException as e:
            emit({"t": "result", "i": i, "pass": False, "reason": line(e)})
        else:
            note = ns.pop("__itasca_note__", "")
            emit({"t": "result", "i": i, "pass": True, "reason": str(note)})
    emit({"t": "done"})
`;

// JavaScript: the tag and the harness's helpers are parameters and locals of a function, out
// of reach of the candidate's code, which runs by indirect eval in the global scope.
const JAVASCRIPT_HARNESS = String.raw`
(function (TAG, CODE, TESTS, LIMIT_MS) {
  const log = console.log.bind(console);
  const stringify = JSON.stringify;
  const emit = (record) => log("\n" + TAG + stringify(record));
  const line = (e) => {
    if (e !== null && typeof e === "object" && "name" in e && "message" in e) return String(e.name) + ": " + String(e.message);
    return "thrown: " + String(e);
  };
  globalThis.assert = function assert(condition, message) {
    if (!condition) {
      const error = new Error(message === undefined ? "" : String(message));
      error.name = "AssertionError";
      throw error;
    }
  };
  const run = (0, eval);
  try {
    run(CODE);
  } catch (e) {
    emit({ t: "load-error", reason: line(e) });
    return;
  }
  emit({ t: "loaded" });
  for (const [i, test] of TESTS) {
    emit({ t: "start", i });
    try {
      run(test);
      emit({ t: "result", i, pass: true, reason: "" });
    } catch (e) {
      const assertion = e !== null && typeof e === "object" && e.name === "AssertionError";
      const reason = assertion ? "assertion failed: " + (e.message === "" ? test.trim() : e.message) : line(e);
      emit({ t: "result", i, pass: false, reason });
    }
  }
  emit({ t: "done" });
})`;

/**
 * A call of a harness function with JSON literal arguments, one per line (the form a test
 * double can read back): `name(\n<arg>,\n<arg>)`.
 */
function callWith(language: SandboxLanguage, harness: string, fn: string, args: readonly string[]): string {
  const list = args.join(",\n");
  return language === "python" ? `${harness}\n${fn}(\n${list})\n` : `${harness}(\n${list});\n`;
}

/**
 * The program that loads `code` and runs `tests` (indices into the caller's list, with their
 * source), reporting each as a JSON line tagged with `resultTag(nonce)`. `limitMs` > 0 gives
 * the loading and each test a deadline of that many ms (Python only; JavaScript ignores it).
 */
export function buildTestProgram(language: SandboxLanguage, code: string, tests: readonly (readonly [number, string])[], nonce: string, limitMs = 0): string {
  const pairs = `[${tests.map(([i, text]) => `[${i}, ${literal(text)}]`).join(", ")}]`;
  const harness = language === "python" ? PYTHON_HARNESS : JAVASCRIPT_HARNESS;
  return callWith(language, harness, "_itasca_tests", [literal(resultTag(nonce)), literal(code), pairs, String(Math.max(0, Math.floor(limitMs)))]);
}

/** The per-test deadline of a traced run: the loading and every test fit in the execution's limit. */
export function perTestLimitMs(timeoutMs: number, tests: number): number {
  return Math.max(50, Math.floor(timeoutMs / (tests + 2)));
}

type HarnessRecord =
  | { t: "load-error"; reason: string }
  | { t: "loaded" }
  | { t: "start"; i: number }
  | { t: "result"; i: number; pass: boolean; reason: string }
  | { t: "done" };

function isRecord(value: unknown): value is HarnessRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  switch (r["t"]) {
    case "loaded":
    case "done":
      return true;
    case "load-error":
      return typeof r["reason"] === "string";
    case "start":
      return typeof r["i"] === "number";
    case "result":
      return typeof r["i"] === "number" && typeof r["pass"] === "boolean" && typeof r["reason"] === "string";
    default:
      return false;
  }
}

/** The tagged records in an execution's stdout, in order; untagged lines (the candidate's prints) are ignored. */
export function readRecords(stdout: string, nonce: string): HarnessRecord[] {
  const tag = resultTag(nonce);
  const records: HarnessRecord[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith(tag)) continue;
    try {
      const value: unknown = JSON.parse(line.slice(tag.length));
      if (isRecord(value)) records.push(value);
    } catch {
      // A truncated last line (output cap) carries no result.
    }
  }
  return records;
}

/** The last non-empty line of a stream, shortened. */
function lastLine(text: string): string {
  const line = text.trim().split("\n").at(-1)?.trim() ?? "";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/**
 * Why an execution ended early, as a test's reason; `loading` when it ended before the code
 * had loaded (a timeout stays plain "timeout after N ms" either way).
 */
export function abnormalEnd(result: SandboxResult, timeoutMs: number, loading = false): string {
  const during = loading ? " while the code was loading" : "";
  const detail = lastLine(result.stderr);
  switch (result.status) {
    case "timeout":
      return `timeout after ${timeoutMs} ms`;
    case "memory-limit":
      return `memory limit exceeded${during}`;
    case "output-limit":
      return `output limit exceeded${during}`;
    case "error":
      if (loading) return `the code failed to load: ${detail === "" ? `exit code ${result.exitCode}` : detail}`;
      return detail === "" ? `the program failed (exit code ${result.exitCode})` : detail;
    case "ok":
      return `the program exited (code ${result.exitCode}) ${loading ? "while the code was loading" : "before the test finished"}${detail === "" ? "" : `: ${detail}`}`;
  }
}

/**
 * Runs `tests` against `code` and returns one result per test, in the order given.
 * @throws the sandbox's error (e.g. an abort) when an execution itself fails.
 */
export async function runCodeTests(
  sandbox: CodeSandbox,
  code: string,
  tests: readonly CodeTest[],
  options: CodeTestOptions = {},
  signal?: AbortSignal,
): Promise<CodeTestResult[]> {
  const language = options.language ?? "python";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const results: (CodeTestResult | undefined)[] = tests.map(() => undefined);
  const settle = (i: number, pass: boolean, reason: string): void => {
    const test = tests[i];
    if (test !== undefined && results[i] === undefined) results[i] = { testId: test.id, pass, reason };
  };
  let pending = tests.map((_, i) => i);
  let reruns = options.maxReruns ?? DEFAULT_MAX_RERUNS;
  /** Per-test deadline of the current execution; 0 = none (the fast path). */
  let limitMs = 0;

  while (pending.length > 0) {
    signal?.throwIfAborted();
    const nonce = makeNonce();
    const program = buildTestProgram(language, code, pending.map((i) => [i, tests[i]?.text ?? ""] as const), nonce, limitMs);
    const request: Parameters<CodeSandbox["run"]>[0] = { language, code: program, timeoutMs };
    if (options.memoryMb !== undefined) request.memoryMb = options.memoryMb;
    if (options.outputLimitBytes !== undefined) request.outputLimitBytes = options.outputLimitBytes;
    const result = await sandbox.run(request, signal);

    let loaded = false;
    let done = false;
    let running: number | undefined;
    for (const record of readRecords(result.stdout, nonce)) {
      if (record.t === "load-error") {
        for (const i of pending) settle(i, false, `the code failed to load: ${record.reason}`);
        done = true;
      } else if (record.t === "loaded") loaded = true;
      else if (record.t === "start") running = record.i;
      else if (record.t === "result") {
        // Only indices this execution was asked to run count.
        if (pending.includes(record.i)) settle(record.i, record.pass, record.reason);
        running = undefined;
      } else done = true;
    }
    if (done) {
      for (const i of pending) settle(i, false, "the sandbox reported no result for this test");
      break;
    }

    if (!loaded) {
      // A timeout with no output at all: the code hung while loading, or the sandbox dropped
      // the output of the killed program. Python can find out with per-test deadlines.
      if (result.status === "timeout" && language === "python" && limitMs === 0 && reruns > 0) {
        reruns--;
        limitMs = perTestLimitMs(timeoutMs, pending.length);
        continue;
      }
      const reason = abnormalEnd(result, timeoutMs, true);
      for (const i of pending) settle(i, false, reason);
      break;
    }
    const reason = abnormalEnd(result, timeoutMs);
    if (running !== undefined) settle(running, false, reason);
    const remaining = pending.filter((i) => results[i] === undefined);
    if (remaining.length === 0) break;
    const progressed = remaining.length < pending.length;
    if (reruns <= 0 || !progressed) {
      for (const i of remaining) settle(i, false, running === undefined ? reason : `not run: an earlier test ended the program (${reason})`);
      break;
    }
    reruns--;
    pending = remaining;
  }
  return results.map((r, i) => r ?? { testId: tests[i]?.id ?? String(i), pass: false, reason: "the sandbox reported no result for this test" });
}

const PYTHON_COMPILE_CHECK = String.raw`
def _itasca_compiles(tag, sources):
    import sys, json
    ok = []
    for source in sources:
        try:
            compile(source, "<test>", "exec")
            ok.append(True)
        except BaseException:
            ok.append(False)
    sys.stdout.write("\n" + tag + json.dumps({"t": "compiled", "ok": ok}) + "\n")
`;

const JAVASCRIPT_COMPILE_CHECK = String.raw`
(function (TAG, SOURCES) {
  const ok = SOURCES.map((source) => { try { new Function(source); return true; } catch { return false; } });
  console.log("\n" + TAG + JSON.stringify({ t: "compiled", ok }));
})`;

/**
 * Which sources compile, in one sandbox execution (nothing is run). A source that compiles
 * but cannot run (an unknown name) still counts as compiling, as in CodeT.
 * @throws Error when the sandbox gives no readable answer (e.g. it timed out).
 */
export async function checkCompiles(sandbox: CodeSandbox, sources: readonly string[], options: Pick<CodeTestOptions, "language" | "timeoutMs"> = {}, signal?: AbortSignal): Promise<boolean[]> {
  if (sources.length === 0) return [];
  const language = options.language ?? "python";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const nonce = makeNonce();
  const list = `[${sources.map(literal).join(", ")}]`;
  const harness = language === "python" ? PYTHON_COMPILE_CHECK : JAVASCRIPT_COMPILE_CHECK;
  const program = callWith(language, harness, "_itasca_compiles", [literal(resultTag(nonce)), list]);
  const result = await sandbox.run({ language, code: program, timeoutMs }, signal);
  const tag = resultTag(nonce);
  for (const line of result.stdout.split("\n")) {
    if (!line.startsWith(tag)) continue;
    const value: unknown = JSON.parse(line.slice(tag.length));
    const ok = (value as { ok?: unknown }).ok;
    if (Array.isArray(ok) && ok.length === sources.length && ok.every((b) => typeof b === "boolean")) return ok as boolean[];
  }
  throw new Error(`the compile check of ${sources.length} sources gave no result (${abnormalEnd(result, timeoutMs)})`);
}
