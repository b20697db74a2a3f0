import { describe, expect, it } from "vitest";
import type { Candidate, UnitTest } from "../../core/graph/ports";
import { unitTestEvaluateNode } from "../../core/nodes/unit-test-evaluate";
import { readFixture } from "../helpers/fixtures";
import { skipNotice } from "../helpers/skip";
import { fakeSandbox, programParts } from "./fake-sandbox";
import { hasPython3, processSandbox } from "./process-sandbox";
import { makeCandidates, replies, runScripted, userMessage } from "../helpers/scripted-context";

const query = { text: "Write add(a, b)." };
const tests: UnitTest[] = [
  { id: "t#0", text: "assert add(2, 2) == 4", kind: "assert" },
  { id: "t#1", text: "assert add(-1, 1) == 0", kind: "assert" },
  { id: "t#2", text: "assert add(0, 0) == 0", kind: "assert" },
];
const candidates = makeCandidates(["def add(a, b): return a - b", "def add(a, b): return a + b", "def add(a, b): return 4"]);
const passes = (c: Candidate | undefined) => c?.annotations.filter((a) => a.kind === "test-result" && a.pass).length;

describe("unit-test-evaluate (llm)", () => {
  it("judges every test per candidate and sorts by passes, ties in input order", async () => {
    const { output, requests } = await runScripted(unitTestEvaluateNode, {
      nodeId: "ute",
      inputs: { query, candidates, tests },
      script: replies("Test 1: FAIL\nTest 2: FAIL\nTest 3: PASS", "Test 1: PASS\nTest 2: PASS\nTest 3: PASS", "Test 1: PASS - ok\nTest 2: FAIL - no\nTest 3: FAIL"),
    });
    expect(requests).toHaveLength(3);
    expect(userMessage(requests[0])).toContain("Test 1: assert add(2, 2) == 4\nTest 2: assert add(-1, 1) == 0\nTest 3: assert add(0, 0) == 0");
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#0", "gen#2"]);
    expect(output.candidates.map(passes)).toEqual([3, 1, 1]);
    expect(output.candidates[2]?.annotations[0]).toEqual({ kind: "test-result", node: "ute", testId: "t#0", pass: true, reason: "ok" });
  });
  it("keeps top_k", async () => {
    const { output } = await runScripted(unitTestEvaluateNode, { params: { top_k: 1 }, inputs: { query, candidates, tests }, script: replies("Test 1: FAIL", "Test 1: PASS", "nothing") });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1"]);
  });
  it("counts an unreadable test line as failed, with a warning annotation", async () => {
    const { output, warnings } = await runScripted(unitTestEvaluateNode, {
      nodeId: "ute",
      inputs: { query, candidates: candidates.slice(0, 1), tests },
      script: replies(readFixture("nodes/unit-test-evaluate/judge-partial.txt")),
    });
    const annotations = output.candidates[0]?.annotations ?? [];
    expect(annotations[1]).toEqual({ kind: "test-result", node: "ute", testId: "t#1", pass: false, reason: "unparseable test result" });
    expect(annotations.at(-1)).toEqual({ kind: "warning", node: "ute", message: expect.stringContaining("test 2") });
    expect(warnings).toHaveLength(1);
  });
  it("passes candidates through, with a warning, when there are no tests", async () => {
    const { output, requests, warnings } = await runScripted(unitTestEvaluateNode, { params: { top_k: 2 }, inputs: { query, candidates, tests: [] } });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#1"]);
    expect(requests).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
  it("propagates a rejected call", async () => {
    await expect(runScripted(unitTestEvaluateNode, { inputs: { query, candidates, tests }, script: () => Promise.reject(new Error("budget exceeded")) })).rejects.toThrow("budget exceeded");
  });
});

describe("unit-test-evaluate (execute)", () => {
  it("throws a clear error without a sandbox", async () => {
    await expect(runScripted(unitTestEvaluateNode, { nodeId: "ute", params: { mode: "execute" }, inputs: { query, candidates, tests } })).rejects.toThrow(
      'node "ute": executed unit tests need the code sandbox, which this host does not provide; set mode to "llm"',
    );
  });
  it("runs the candidates' code in the sandbox, extracting fenced code, and makes no model calls", async () => {
    const sandbox = fakeSandbox({ test: (code, test) => (code.includes("a + b") || test.includes("0, 0") ? true : { fail: `assertion failed: ${test}` }) });
    const natural: UnitTest = { id: "t#3", text: "returns an int", kind: "natural" };
    const fenced = makeCandidates(["```python\ndef add(a, b): return a * b\n```", "def add(a, b): return a + b"]);
    const { output, requests, warnings } = await runScripted(unitTestEvaluateNode, {
      nodeId: "ute",
      params: { mode: "execute", timeout_ms: 2000 },
      inputs: { query, candidates: fenced, tests: [...tests, natural] },
      sandbox,
    });
    expect(requests).toEqual([]);
    expect(sandbox.requests).toHaveLength(2);
    expect(sandbox.requests[0]).toMatchObject({ language: "python", timeoutMs: 2000 });
    expect(programParts(sandbox.requests[0])).toEqual({ code: "def add(a, b): return a * b\n", tests: tests.map((t) => t.text), limitMs: 0 });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#0"]);
    expect(output.candidates.map(passes)).toEqual([3, 1]);
    expect(output.candidates[1]?.annotations[0]).toEqual({ kind: "test-result", node: "ute", testId: "t#0", pass: false, reason: "assertion failed: assert add(2, 2) == 4" });
    expect(output.candidates[0]?.annotations.at(-1)).toMatchObject({ testId: "t#3", pass: false });
    expect(warnings).toEqual([expect.stringContaining("natural language")]);
  });
  it("fails every test with the load error when the code does not compile", async () => {
    const { output } = await runScripted(unitTestEvaluateNode, {
      params: { mode: "execute" },
      inputs: { query, candidates: candidates.slice(0, 1), tests },
      sandbox: fakeSandbox({ load: () => "SyntaxError: invalid syntax (line 1)" }),
    });
    expect(output.candidates[0]?.annotations.map((a) => (a.kind === "test-result" ? a.reason : ""))).toEqual(Array(3).fill("the code failed to load: SyntaxError: invalid syntax (line 1)"));
  });
  it("sorts by the weight of the tests passed", async () => {
    const weighted: UnitTest[] = [{ id: "w#0", text: "assert one", kind: "assert", weight: 3 }, { id: "w#1", text: "assert two", kind: "assert" }, { id: "w#2", text: "assert three", kind: "assert" }];
    const sandbox = fakeSandbox({ test: (code, test) => (code.includes(test.replace("assert ", "")) ? true : { fail: "no" }) });
    const { output } = await runScripted(unitTestEvaluateNode, { params: { mode: "execute" }, inputs: { query, candidates: makeCandidates(["two three", "one"]), tests: weighted }, sandbox });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#0"]);
  });
});

describe.skipIf(skipNotice(!hasPython3(), "unit-test-evaluate (execute) in CPython", "no python3 on PATH"))("unit-test-evaluate (execute) in CPython", () => {
  it("passes a correct candidate, fails a buggy one with the assertion, and times out a hanging one", async () => {
    const { output } = await runScripted(unitTestEvaluateNode, {
      nodeId: "ute",
      params: { mode: "execute", timeout_ms: 1500 },
      inputs: { query, candidates: makeCandidates(["def add(a, b):\n    while True: pass", "```python\ndef add(a, b):\n    return a - b\n```", "def add(a, b):\n    return a + b"]), tests },
      sandbox: processSandbox(),
    });
    expect(output.candidates.map((c) => [c.id, passes(c)])).toEqual([
      ["gen#2", 3],
      ["gen#1", 1],
      ["gen#0", 0],
    ]);
    const reasons = (c: Candidate | undefined) => c?.annotations.map((a) => (a.kind === "test-result" ? a.reason : ""));
    expect(reasons(output.candidates[1])).toEqual(["assertion failed: assert add(2, 2) == 4", "assertion failed: assert add(-1, 1) == 0", ""]);
    expect(reasons(output.candidates[2])).toEqual(Array(3).fill("timeout after 1500 ms"));
  });
});
