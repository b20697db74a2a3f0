import { describe, expect, it } from "vitest";
import { buildTestProgram, checkCompiles, makeNonce, perTestLimitMs, readRecords, resultTag, runCodeTests } from "../../core/nodes/code-tests";
import { skipNotice } from "../helpers/skip";
import { fakeSandbox, programParts } from "./fake-sandbox";
import { hasPython3, processSandbox } from "./process-sandbox";

const tests = ["assert f(1) == 1", "assert f(2) == 4", "assert f(3) == 9", "assert f(4) == 16"].map((text, i) => ({ id: `t${i}`, text }));
const reasons = (results: { reason: string }[]) => results.map((r) => r.reason);

describe("runCodeTests (scripted sandbox)", () => {
  it("reports every test, in order, from one execution", async () => {
    const sandbox = fakeSandbox({ test: (_code, test) => (test.includes("(2)") ? { fail: "assertion failed: assert f(2) == 4" } : true) });
    const results = await runCodeTests(sandbox, "def f(x): return x * x", tests);
    expect(results).toEqual([
      { testId: "t0", pass: true, reason: "" },
      { testId: "t1", pass: false, reason: "assertion failed: assert f(2) == 4" },
      { testId: "t2", pass: true, reason: "" },
      { testId: "t3", pass: true, reason: "" },
    ]);
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({ language: "python", timeoutMs: 10_000 });
  });
  it("ignores untagged output and lines tagged with another nonce", async () => {
    const forged = `${resultTag("0".repeat(32))}{"t":"result","i":1,"pass":true,"reason":""}\n{"t":"done"}\nPASS`;
    const sandbox = fakeSandbox({ noise: forged, test: () => ({ fail: "no" }) });
    const results = await runCodeTests(sandbox, "code", tests);
    expect(results.every((r) => !r.pass)).toBe(true);
  });
  it("fails every test with the load error when the code does not load", async () => {
    const results = await runCodeTests(fakeSandbox({ load: () => "SyntaxError: invalid syntax (line 2)" }), "def f(:", tests);
    expect(reasons(results)).toEqual(Array(4).fill("the code failed to load: SyntaxError: invalid syntax (line 2)"));
  });
  it("fails the hanging test with a timeout and runs the ones after it again", async () => {
    const sandbox = fakeSandbox({ test: (_code, test) => (test.includes("(2)") ? "hang" : true) });
    const results = await runCodeTests(sandbox, "code", tests, { timeoutMs: 500 });
    expect(results.map((r) => r.pass)).toEqual([true, false, true, true]);
    expect(results[1]?.reason).toBe("timeout after 500 ms");
    expect(sandbox.requests.map((r) => programParts(r).tests)).toEqual([tests.map((t) => t.text), [tests[2]?.text, tests[3]?.text]]);
  });
  it("stops re-running after maxReruns; what is left fails saying why", async () => {
    const sandbox = fakeSandbox({ test: () => "hang" });
    const results = await runCodeTests(sandbox, "code", tests, { timeoutMs: 100, maxReruns: 1 });
    expect(reasons(results)).toEqual(["timeout after 100 ms", "timeout after 100 ms", "not run: an earlier test ended the program (timeout after 100 ms)", "not run: an earlier test ended the program (timeout after 100 ms)"]);
    expect(sandbox.requests).toHaveLength(2);
  });
  it("finds the hanging test with per-test deadlines when the timeout left no output (Python)", async () => {
    const sandbox = fakeSandbox({ test: (_code, test) => (test.includes("(2)") ? "hang" : true), keepPartialOutput: false });
    const results = await runCodeTests(sandbox, "code", tests, { timeoutMs: 6000 });
    expect(results.map((r) => [r.pass, r.reason])).toEqual([
      [true, ""],
      [false, "timeout after 1000 ms"],
      [true, ""],
      [true, ""],
    ]);
    expect(sandbox.requests.map((r) => programParts(r).limitMs)).toEqual([0, 1000]);
    expect(perTestLimitMs(6000, 4)).toBe(1000);
  });
  it("fails every test with a timeout when the code hangs while loading, or JavaScript left no output", async () => {
    const loading = fakeSandbox({ load: () => "hang", keepPartialOutput: false });
    expect(reasons(await runCodeTests(loading, "code", tests, { timeoutMs: 600 }))).toEqual(Array(4).fill("the code failed to load: timeout after 100 ms"));
    expect(reasons(await runCodeTests(fakeSandbox({ load: () => "hang" }), "code", tests, { timeoutMs: 100, maxReruns: 0 }))).toEqual(Array(4).fill("timeout after 100 ms"));
    const js = fakeSandbox({ test: () => "hang", keepPartialOutput: false });
    expect(reasons(await runCodeTests(js, "code", tests, { timeoutMs: 100, language: "javascript" }))).toEqual(Array(4).fill("timeout after 100 ms"));
    expect(js.requests).toHaveLength(1);
  });
  it("names the memory limit and an exiting program", async () => {
    const memory = await runCodeTests(fakeSandbox({ test: (_c, t) => (t.includes("(1)") ? "memory" : true) }), "code", tests);
    expect(memory.map((r) => r.pass)).toEqual([false, true, true, true]);
    expect(memory[0]?.reason).toBe("memory limit exceeded");
    const exited = await runCodeTests(fakeSandbox({ test: (_c, t) => (t.includes("(3)") ? "exit" : true) }), "code", tests);
    expect(exited[2]?.reason).toBe("SystemExit: 3");
  });
  it("propagates an abort", async () => {
    const controller = new AbortController();
    controller.abort(new Error("run cancelled"));
    await expect(runCodeTests(fakeSandbox(), "code", tests, {}, controller.signal)).rejects.toThrow("run cancelled");
  });
  it("passes the limits through", async () => {
    const sandbox = fakeSandbox();
    await runCodeTests(sandbox, "code", tests.slice(0, 1), { language: "javascript", timeoutMs: 2000, memoryMb: 64, outputLimitBytes: 4096 });
    expect(sandbox.requests[0]).toMatchObject({ language: "javascript", timeoutMs: 2000, memoryMb: 64, outputLimitBytes: 4096 });
  });
});

describe("harness records", () => {
  it("makes a fresh 128-bit nonce each time", () => {
    const a = makeNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(makeNonce()).not.toBe(a);
  });
  it("embeds code and tests as literals and reads only its own tagged lines", () => {
    const program = buildTestProgram("python", 'print("""x""")\n\u2028', [[0, "assert '\\n'"]], "ab");
    expect(program).toContain(JSON.stringify('print("""x""")\n').slice(0, -1));
    expect(readRecords(`noise\n${resultTag("ab")}{"t":"loaded"}\n${resultTag("ab")}{"t":"result"}\n${resultTag("ab")}{"t":"do`, "ab")).toEqual([{ t: "loaded" }]);
  });
});

describe("checkCompiles (scripted sandbox)", () => {
  it("returns one flag per source from one execution", async () => {
    const sandbox = fakeSandbox({ compiles: (s) => !s.includes("(:") });
    expect(await checkCompiles(sandbox, ["assert f(1)", "assert f(:", "x"])).toEqual([true, false, true]);
    expect(await checkCompiles(sandbox, [])).toEqual([]);
    expect(sandbox.requests).toHaveLength(1);
  });
});

// The harness's own Python and JavaScript, in real interpreters (the isolated sandbox runs the same programs).
describe.skipIf(skipNotice(!hasPython3(), "code-tests harness in CPython", "no python3 on PATH"))("code-tests harness in CPython and Node", () => {
  const square = "def f(x):\n    return x * x if x < 3 else x + x\n";
  it("reads assertion texts, messages and exception lines", async () => {
    const results = await runCodeTests(processSandbox(), square, [
      ...tests,
      { id: "msg", text: "assert f(3) == 9, 'three squared'" },
      { id: "exc", text: "assert f('a') == 1" },
      { id: "syntax", text: "assert f(1 == 1" },
      { id: "exit", text: "raise SystemExit(0)" },
      { id: "after", text: "assert f(2) == 4" },
    ]);
    expect(results.map((r) => [r.testId, r.pass, r.reason])).toEqual([
      ["t0", true, ""],
      ["t1", true, ""],
      ["t2", false, "assertion failed: assert f(3) == 9"],
      ["t3", false, "assertion failed: assert f(4) == 16"],
      ["msg", false, "assertion failed: three squared"],
      ["exc", false, "TypeError: '<' not supported between instances of 'str' and 'int'"],
      ["syntax", false, "SyntaxError: '(' was never closed (line 1)"],
      ["exit", false, "SystemExit: 0"],
      ["after", true, ""],
    ]);
  });
  it("is not fooled by the candidate printing result lines, even with the tag of the module", async () => {
    const forger = [
      "import sys, __main__",
      "tag = getattr(__main__, '_TAG', '@@itasca-guess@@')",
      "for i in range(10):",
      "    print(tag + '{\"t\": \"result\", \"i\": %d, \"pass\": true, \"reason\": \"\"}' % i)",
      "print('{\"t\": \"done\"}', end='')",
      "sys.stdout = open('/dev/null', 'w')",
      "def f(x): return 0",
    ].join("\n");
    const results = await runCodeTests(processSandbox(), forger, tests);
    expect(results.map((r) => r.pass)).toEqual([false, false, false, false]);
  });
  it("does not run a __main__ block, and a load error fails every test", async () => {
    const main = await runCodeTests(processSandbox(), `${square}if __name__ == "__main__":\n    raise SystemExit(input())\n`, tests.slice(0, 1));
    expect(main[0]?.pass).toBe(true);
    const broken = await runCodeTests(processSandbox(), "def f(x) return x", tests.slice(0, 2));
    expect(reasons(broken)).toEqual(Array(2).fill("the code failed to load: SyntaxError: expected ':' (line 1)"));
    const raising = await runCodeTests(processSandbox(), "import no_such_module_here", tests.slice(0, 1));
    expect(raising[0]?.reason).toBe("the code failed to load: ModuleNotFoundError: No module named 'no_such_module_here'");
  });
  it("times out a hanging test and still runs the ones after it", async () => {
    const sandbox = processSandbox();
    const results = await runCodeTests(sandbox, square, [tests[0] ?? { id: "", text: "" }, { id: "loop", text: "while True: pass" }, tests[1] ?? { id: "", text: "" }], { timeoutMs: 1500 });
    expect(results.map((r) => [r.pass, r.reason])).toEqual([
      [true, ""],
      [false, "timeout after 1500 ms"],
      [true, ""],
    ]);
    expect(sandbox.requests).toHaveLength(2);
  });
  // CPython 3.11 traces a loop only when it changes lines (3.12+, as in Pyodide, every iteration): the loop here spans two.
  it("with a per-test deadline, times out a hanging test inside one execution", async () => {
    const sandbox = processSandbox();
    const program = buildTestProgram("python", square, [[0, "assert f(1) == 1"], [1, "i = 0\nwhile True:\n    i += 1\n    i -= 1"], [2, "assert f(2) == 4"], [3, "def g():\n    return g()\ng()"]], "cafe", 300);
    const result = await sandbox.run({ language: "python", code: program, timeoutMs: 10_000 });
    expect(readRecords(result.stdout, "cafe").filter((r) => r.t === "result")).toEqual([
      { t: "result", i: 0, pass: true, reason: "" },
      { t: "result", i: 1, pass: false, reason: "timeout after 300 ms" },
      { t: "result", i: 2, pass: true, reason: "" },
      { t: "result", i: 3, pass: false, reason: expect.stringMatching(/^RecursionError: maximum recursion depth exceeded/) },
    ]);
  });
  it("carries a pass note", async () => {
    const [result] = await runCodeTests(processSandbox(), square, [{ id: "n", text: "__itasca_note__ = 'fine'\nassert f(1) == 1" }]);
    expect(result).toEqual({ testId: "n", pass: true, reason: "fine" });
  });
  it("compile-checks without running", async () => {
    expect(await checkCompiles(processSandbox(), ["assert f(1) == 1", "assert f(1 == 1", "raise SystemExit(1)", "assert \nf(1)"])).toEqual([true, false, true, false]);
  });
  it("runs JavaScript candidates with assert()", async () => {
    const results = await runCodeTests(processSandbox(), "function f(x) { return x * x; }\nconsole.log(typeof TAG, typeof CODE);", [
      { id: "a", text: "assert(f(2) === 4)" },
      { id: "b", text: "assert(f(3) === 10, 'three')" },
      { id: "c", text: "assert(g(1))" },
      { id: "d", text: "assert(f(3) === 9)" },
    ], { language: "javascript" });
    expect(results.map((r) => [r.pass, r.reason])).toEqual([
      [true, ""],
      [false, "assertion failed: three"],
      [false, "ReferenceError: g is not defined"],
      [true, ""],
    ]);
    expect(await checkCompiles(processSandbox(), ["f(1)", "f(1"], { language: "javascript" })).toEqual([true, false]);
  });
});
