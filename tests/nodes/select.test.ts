import { describe, expect, it } from "vitest";
import type { Annotation, Candidate, UnitTest } from "../../core/graph/ports";
import { distinctAssertTests, selectNode } from "../../core/nodes/select";
import { readFixture } from "../helpers/fixtures";
import { makeCandidates, runScripted } from "../helpers/scripted-context";
import { skipNotice } from "../helpers/skip";
import { fakeSandbox, programParts } from "./fake-sandbox";
import { hasPython3, processSandbox } from "./process-sandbox";

const rankOf = (c: Candidate | undefined): Annotation | undefined => c?.annotations.find((a) => a.kind === "rank");
const test = (id: string, text: string, weight?: number): UnitTest => ({ id, text, kind: "assert", ...(weight === undefined ? {} : { weight }) });

/** Candidates whose "code" names the tests it passes: "passes t0 t2". */
const passesNamed = fakeSandbox({ test: (code, text) => (code.split(" ").includes(text.replace("assert ", "")) ? true : { fail: `assertion failed: ${text}` }) });

describe("select (codet)", () => {
  it("keeps the best group by weight x sqrt(size), in input order, and annotates everyone", async () => {
    const candidates = makeCandidates(["passes t0 t1 t2", "passes t0 t1", "passes t1 t0", "passes t0 t1", "passes", "passes t0 t1 t2"]);
    const tests = [test("t0", "assert t0"), test("t1", "assert t1"), test("t2", "assert t2", 3)];
    const { output, warnings, requests } = await runScripted(selectNode, { nodeId: "sel", inputs: { candidates, tests }, sandbox: passesNamed });
    // {t0,t1,t2}: weight 5 x sqrt(2) = 7.07 beats {t0,t1}: 2 x sqrt(3) = 3.46.
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#5"]);
    expect(rankOf(output.candidates[0])).toEqual({ kind: "rank", node: "sel", rank: 1, score: 5 * Math.SQRT2 });
    expect(output.candidates[0]?.annotations.filter((a) => a.kind === "test-result").map((a) => a.kind === "test-result" && a.testId)).toEqual(["t0", "t1", "t2"]);
    expect(requests).toEqual([]);
    expect(warnings).toEqual([]);
  });
  it("runs identical code once but counts every copy in its group's size", async () => {
    const sandbox = fakeSandbox({ test: (code, text) => (code.split(" ").includes(text.replace("assert ", "")) ? true : { fail: "no" }) });
    const candidates = makeCandidates(["passes t0 t1", "passes t0", "passes t0", "passes t0", "```python\npasses t0\n```"]);
    const { output } = await runScripted(selectNode, { inputs: { candidates, tests: [test("t0", "assert t0"), test("t1", "assert t1")] }, sandbox });
    // {t0} x4: 1 x sqrt(4) = 2 ties {t0,t1} x1: 2 x sqrt(1) = 2 -> the earlier candidate's group.
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0"]);
    expect(sandbox.requests.map((r) => programParts(r).code)).toEqual(["passes t0 t1", "passes t0", "passes t0\n"]);
  });
  it("merges tests with the same text, summing weights, and ignores natural-language ones", () => {
    expect(distinctAssertTests([test("a#0", "assert f(1)", 2), test("b#0", "assert f(1)"), { id: "n", text: "is fast", kind: "natural" }, test("a#1", "assert f(2)")])).toEqual([
      { id: "a#0", text: "assert f(1)", weight: 3 },
      { id: "a#1", text: "assert f(2)", weight: 1 },
    ]);
  });
  it("keeps everyone, with a warning, when no candidate passes any test", async () => {
    const { output, warnings } = await runScripted(selectNode, { nodeId: "sel", inputs: { candidates: makeCandidates(["passes", "passes"]), tests: [test("t0", "assert t0")] }, sandbox: passesNamed });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#1"]);
    expect(output.candidates.map((c) => rankOf(c))).toEqual([
      { kind: "rank", node: "sel", rank: 1, score: 0 },
      { kind: "rank", node: "sel", rank: 1, score: 0 },
    ]);
    expect(warnings).toEqual([expect.stringContaining("none of the 2 candidates passed any of the 1 tests")]);
  });
  it("passes the candidates through when there are no assert tests, and needs a sandbox", async () => {
    const { output, warnings } = await runScripted(selectNode, { inputs: { candidates: makeCandidates(["a"]), tests: [{ id: "n", text: "is nice", kind: "natural" }] }, sandbox: passesNamed });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0"]);
    expect(warnings).toHaveLength(2);
    await expect(runScripted(selectNode, { nodeId: "sel", inputs: { candidates: makeCandidates(["a"]), tests: [test("t", "assert t")] } })).rejects.toThrow('node "sel": the CodeT selection runs code in the sandbox');
  });
  it("estimates no calls", () => {
    expect(selectNode.estimate(selectNode.defaults, { inputCounts: { candidates: 6, tests: 10 }, queryTokens: 10, itemTokens: 10 })).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: { candidates: 6 } });
  });
});

const codet = JSON.parse(readFixture("nodes/codet/humaneval0-codet-expected.json")) as { weights: [string, number][] };

describe.skipIf(skipNotice(!hasPython3(), "select on CodeGen-generated tests in CPython", "no python3 on PATH"))("select on CodeGen-generated tests in CPython", () => {
  it("picks the correct has_close_elements over buggy, wrong and hanging ones", async () => {
    const texts = ["solution-le.py", "solution-correct.py", "solution-false.py", "solution-correct.py", "solution-hang.py"].map((f) => `\`\`\`python\n${readFixture(`nodes/codet/${f}`)}\`\`\``);
    const candidates = makeCandidates(texts);
    const tests = codet.weights.map(([text, weight], i) => test(`utg#${i}`, text, weight));
    const sandbox = processSandbox();
    const { output } = await runScripted(selectNode, { nodeId: "sel", params: { timeout_ms: 2000 }, inputs: { candidates, tests }, sandbox });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#3"]);
    // The correct solution ran once for both copies.
    expect(sandbox.requests.length).toBeLessThan(8);
  });
});
