/**
 * The program-executing nodes on the real sandbox (core/eval/sandbox: Pyodide and QuickJS in
 * isolated workers): executed unit tests, the Python predicate of verify, CodeT extraction
 * with the real compile check, and CodeT selection on tests a model generated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Candidate, UnitTest } from "../../core/graph/ports";
import { createSandbox, type Sandbox } from "../../core/eval/sandbox/index";
import { runCodeTests } from "../../core/nodes/code-tests";
import { selectNode } from "../../core/nodes/select";
import { unitTestEvaluateNode } from "../../core/nodes/unit-test-evaluate";
import { unitTestGenerateNode } from "../../core/nodes/unit-test-generate";
import { verifyNode } from "../../core/nodes/verify";
import { readFixture } from "../helpers/fixtures";
import { makeCandidates, runScripted } from "../helpers/scripted-context";

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox({ poolSize: 1 });
});
afterAll(async () => {
  await sandbox.close();
});

const addTests: UnitTest[] = ["assert add(2, 2) == 4", "assert add(-1, 1) == 0", "assert add(0, 0) == 0"].map((text, i) => ({ id: `t#${i}`, text, kind: "assert" }));
const reasons = (c: Candidate | undefined) => c?.annotations.flatMap((a) => (a.kind === "test-result" ? [a.reason] : []));
const fenced = (file: string) => `Here is my solution.\n\n\`\`\`python\n${readFixture(`nodes/codet/${file}`)}\`\`\`\n`;

describe("unit-test-evaluate (execute) on the real sandbox", { timeout: 120_000 }, () => {
  it("passes a correct candidate and fails a buggy one with its assertions", async () => {
    const { output } = await runScripted(unitTestEvaluateNode, {
      nodeId: "ute",
      params: { mode: "execute" },
      inputs: { query: { text: "Write add(a, b)." }, candidates: makeCandidates(["```python\ndef add(a, b):\n    return a - b\n```", "def add(a, b):\n    return a + b\n", "def add(a, b) return a"]), tests: addTests },
      sandbox,
    });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#0", "gen#2"]);
    expect(reasons(output.candidates[0])).toEqual(["", "", ""]);
    expect(reasons(output.candidates[1])).toEqual(["assertion failed: assert add(2, 2) == 4", "assertion failed: assert add(-1, 1) == 0", ""]);
    expect(reasons(output.candidates[2])).toEqual(Array(3).fill("the code failed to load: SyntaxError: expected ':' (line 1)"));
  });
  it("fails the one hanging test with the timeout and runs the tests after it in a fresh execution", async () => {
    const results = await runCodeTests(sandbox, "def add(a, b):\n    return a + b\n", [addTests[0], { id: "loop", text: "while True: pass" }, addTests[1]].filter((t) => t !== undefined), { timeoutMs: 3000 });
    expect(results.map((r) => [r.testId, r.pass, r.reason])).toEqual([
      ["t#0", true, ""],
      // The sandbox keeps what the killed program printed, so the results before the hang survive.
      ["loop", false, "timeout after 3000 ms"],
      ["t#1", true, ""],
    ]);
  });
  it("is not fooled by a candidate that forges result lines", async () => {
    const forger = [
      "import sys, __main__, builtins",
      "for i in range(5):",
      "    print('@@itasca-' + 'x' * 32 + '@@{\"t\": \"result\", \"i\": %d, \"pass\": true, \"reason\": \"\"}' % i)",
      "print(repr([k for k in vars(__main__) if 'TAG' in k.upper()]))",
      "sys.stdout = None",
      "builtins.print = lambda *a, **k: None",
      "def add(a, b):\n    return 0",
    ].join("\n");
    const results = await runCodeTests(sandbox, forger, addTests);
    expect(results.map((r) => r.pass)).toEqual([false, true, true]);
  });
  it("runs JavaScript candidates on QuickJS", async () => {
    const results = await runCodeTests(sandbox, "function add(a, b) { return a + b; }", [{ id: "a", text: "assert(add(2, 2) === 4)" }, { id: "b", text: "assert(add(2, 2) === 5, 'two and two')" }, { id: "c", text: "console.log(typeof TAG); assert(typeof TAG === 'undefined')" }], { language: "javascript" });
    expect(results.map((r) => [r.pass, r.reason])).toEqual([
      [true, ""],
      [false, "assertion failed: two and two"],
      [true, ""],
    ]);
  });
});

describe("verify (python predicate) on the real sandbox", { timeout: 60_000 }, () => {
  it("keeps the candidates whose extracted answer passes check(answer, query), with its reasons", async () => {
    const { output, warnings } = await runScripted(verifyNode, {
      nodeId: "ver",
      params: { mode: "program", checker: "python", predicate: readFixture("nodes/verify/even-predicate.py") },
      inputs: { query: { text: "Name an even number." }, candidates: makeCandidates(["I pick 12.", "7", "No idea", "Maybe 40"]) },
      sandbox,
    });
    expect(warnings).toEqual([]);
    expect(output.candidates.map((c) => [c.id, c.annotations.find((a) => a.kind === "verdict")])).toEqual([
      ["gen#0", { kind: "verdict", node: "ver", pass: true, reason: "12 is even (20 characters of query)" }],
      ["gen#3", { kind: "verdict", node: "ver", pass: true, reason: "40 is even (20 characters of query)" }],
    ]);
  });
});

describe("CodeT on the real sandbox", { timeout: 180_000 }, () => {
  const codet = JSON.parse(readFixture("nodes/codet/humaneval0-codegen-samples.json")) as { prompt: string; samples: string[] };
  const expected = JSON.parse(readFixture("nodes/codet/humaneval0-codet-expected.json")) as { weights: [string, number][] };

  it("extracts the tests CodeT's own code extracts from 13 CodeGen samples, compile-checked in Pyodide", async () => {
    const { output } = await runScripted(unitTestGenerateNode, {
      nodeId: "utg",
      params: { extraction: "codet", samples: codet.samples.length },
      inputs: { query: { text: codet.prompt } },
      script: (request) => codet.samples[request.sample] ?? "",
      sandbox,
    });
    expect(output.tests.map((t) => [t.text, t.weight ?? 1])).toEqual(expected.weights);
  });
  it("selects the correct solution's group over an off-by-one, a constant and a hanging solution", async () => {
    const tests: UnitTest[] = expected.weights.map(([text, weight], i) => ({ id: `utg#${i}`, text, kind: "assert", ...(weight > 1 ? { weight } : {}) }));
    const candidates = makeCandidates(["solution-le.py", "solution-correct.py", "solution-false.py", "solution-correct.py", "solution-hang.py"].map(fenced));
    const { output, warnings } = await runScripted(selectNode, { nodeId: "sel", params: { timeout_ms: 3000 }, inputs: { candidates, tests }, sandbox });
    expect(warnings).toEqual([]);
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#3"]);
    const rank = output.candidates[0]?.annotations.find((a) => a.kind === "rank");
    // 13 tests passed, one of them generated twice: weight 14, two members.
    expect(rank).toEqual({ kind: "rank", node: "sel", rank: 1, score: 14 * Math.SQRT2 });
  });
});
