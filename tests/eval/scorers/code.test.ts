/** The code scorer's logic against a sandbox double; code-sandbox.test.ts runs it for real. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvalItem } from "../../../core/eval/datasets/index";
import { buildTestProgram, candidateCode, describeFailure, scorerFor, ScorerSetupError, TEST_FUNCTION } from "../../../core/eval/scorers/index";
import { context } from "./context";
import { FakeSandbox } from "./fake-sandbox";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "datasets", "scorers");

const humanEval: EvalItem = {
  id: "HumanEval/x",
  input: 'from typing import List\n\n\ndef add(x: int, y: int) -> int:\n    """Add two numbers."""\n',
  codePrefix: 'from typing import List\n\n\ndef add(x: int, y: int) -> int:\n    """Add two numbers."""\n',
  tests: "\n\ndef check(candidate):\n    assert candidate(2, 3) == 5\n",
  entryPoint: "add",
};

describe("candidateCode", () => {
  it("takes the first fenced block, else the whole text", () => {
    expect(candidateCode("Here:\n```python\ndef add(x, y):\n    return x + y\n```\nand ```py\nother\n```")).toBe("def add(x, y):\n    return x + y\n");
    expect(candidateCode("    return x + y\n")).toBe("    return x + y\n");
  });
});

describe("buildTestProgram", () => {
  it("a body continues the prompt; tests follow; check is called on the entry point", () => {
    expect(buildTestProgram(humanEval, "    return x + y\n")).toBe(
      `${humanEval.codePrefix}    return x + y\n\n${humanEval.tests?.replace("def check(", `def ${TEST_FUNCTION}(`)}\n${TEST_FUNCTION}(add)\n`,
    );
  });

  it("a whole function follows the prompt (keeping its imports and helpers), which it redefines", () => {
    const program = buildTestProgram(humanEval, "def add(x, y):\n    return x + y\n");
    expect(program.startsWith(`${humanEval.codePrefix}\ndef add(x, y):\n    return x + y\n`)).toBe(true);
    expect(program.endsWith(`\n${TEST_FUNCTION}(add)\n`)).toBe(true);
  });

  it("plain asserts just run after the code", () => {
    const item: EvalItem = { id: "m", input: "Write f.", tests: "assert f(1) == 2\nassert f(2) == 3", entryPoint: "f" };
    expect(buildTestProgram(item, "def f(x):\n    return x + 1\n")).toBe("def f(x):\n    return x + 1\n\nassert f(1) == 2\nassert f(2) == 3\n");
  });

  it("refuses an item without tests, and check-style tests without an entry point", () => {
    expect(() => buildTestProgram({ id: "n", input: "q" }, "x")).toThrow(ScorerSetupError);
    expect(() => buildTestProgram({ id: "n", input: "q", tests: "def check(candidate):\n    pass\n" }, "x")).toThrow(/no entry point/);
  });
});

describe("describeFailure", () => {
  const assertTraceback = readFileSync(join(FIXTURES, "traceback-assert.txt"), "utf8");

  it("names the first failing assertion, read from the program at the traceback's line", () => {
    const lines = Array.from({ length: 18 }, () => "pass");
    const source = [...lines, "    assert candidate(2, 3) == 5", "", "__itasca_check__(add)"].join("\n");
    expect(describeFailure({ status: "ok", exitCode: 1, stdout: "", stderr: assertTraceback, ms: 5 }, source, 10_000)).toBe("assert candidate(2, 3) == 5 failed at line 19");
  });

  it("continues a multi-line assertion and keeps its message", () => {
    const stderr = 'Traceback (most recent call last):\n  File "main.py", line 2, in <module>\nAssertionError: lists differ\n';
    expect(describeFailure({ status: "ok", exitCode: 1, stdout: "", stderr, ms: 5 }, "x = 1\nassert [1,\n  2] == [1,\n  3], 'lists differ'\n", 10_000)).toBe("assert [1, 2] == [1, 3], 'lists differ' failed (lists differ) at line 2");
  });

  it("skips interpreter frames and reports other exceptions", () => {
    const stderr = readFileSync(join(FIXTURES, "traceback-pyodide.txt"), "utf8");
    expect(describeFailure({ status: "ok", exitCode: 1, stdout: "", stderr, ms: 5 }, "x = 1\ny = square(2)\n", 10_000)).toBe("NameError: name 'square' is not defined at line 2: y = square(2)");
  });

  it("names the limit an execution hit", () => {
    expect(describeFailure({ status: "timeout", exitCode: 137, stdout: "", stderr: "", ms: 10_001 }, "", 10_000)).toBe("timed out after 10000 ms");
    expect(describeFailure({ status: "memory-limit", exitCode: 137, stdout: "", stderr: "", ms: 5 }, "", 10_000)).toMatch(/memory limit/);
    expect(describeFailure({ status: "ok", exitCode: 3, stdout: "", stderr: "", ms: 5 }, "", 10_000)).toBe("exited with code 3");
  });
});

describe("code scorer", () => {
  it("runs the test program in Python with its limits and passes on a clean exit", async () => {
    const sandbox = new FakeSandbox();
    const scorer = scorerFor("code", { timeoutMs: 5000, memoryMb: 128 });
    const result = await scorer.score("```python\n    return x + y\n```", humanEval, context({ sandbox }));
    expect(result).toEqual({ correct: true, score: 1, extracted: "    return x + y\n", reason: "all tests passed" });
    expect(sandbox.requests).toEqual([{ language: "python", code: buildTestProgram(humanEval, "    return x + y\n"), timeoutMs: 5000, memoryMb: 128 }]);
  });

  it("fails with the failing assertion as the reason", async () => {
    const sandbox = new FakeSandbox((request) => {
      const line = request.code.split("\n").findIndex((l) => l.includes("assert candidate(2, 3) == 5")) + 1;
      return { exitCode: 1, stderr: `Traceback (most recent call last):\n  File "main.py", line ${line}, in ${TEST_FUNCTION}\nAssertionError\n` };
    });
    const result = await scorerFor("code").score("    return x - y\n", humanEval, context({ sandbox }));
    expect(result.correct).toBe(false);
    expect(result.reason).toMatch(/^assert candidate\(2, 3\) == 5 failed at line \d+$/);
  });

  it("needs the sandbox", async () => {
    await expect(scorerFor("code").score("x", humanEval, context())).rejects.toThrow(/needs the code sandbox/);
  });
});
