import { describe, expect, it } from "vitest";
import type { Annotation } from "../../core/graph/ports";
import { verifyNode } from "../../core/nodes/verify";
import { readFixture } from "../helpers/fixtures";
import { makeCandidates, replies, runScripted } from "../helpers/scripted-context";
import { skipNotice } from "../helpers/skip";
import { fakeSandbox, programParts } from "./fake-sandbox";
import { hasPython3, processSandbox } from "./process-sandbox";

const query = { text: "What is 2 + 2?" };
const candidates = makeCandidates(["4", "5", "four"]);

describe("verify", () => {
  it("keeps the passing candidates in input order, each with a verdict", async () => {
    const { output, requests } = await runScripted(verifyNode, {
      nodeId: "ver",
      inputs: { query, candidates },
      script: replies(readFixture("nodes/verify/pass.txt"), readFixture("nodes/verify/fail.txt"), "Yes."),
    });
    expect(requests).toHaveLength(3);
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#2"]);
    expect(output.candidates[0]?.annotations).toEqual([{ kind: "verdict", node: "ver", pass: true, reason: "The arithmetic is correct and the answer is stated clearly." }]);
  });
  it("never throws on a malformed verdict: fail, 'unparseable verdict' and a warning annotation", async () => {
    const { output, warnings } = await runScripted(verifyNode, {
      nodeId: "ver",
      inputs: { query, candidates },
      script: replies(readFixture("nodes/verify/pass.txt"), readFixture("nodes/verify/malformed.txt"), "VERDICT: PASS"),
    });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#2"]);
    expect(warnings).toEqual([expect.stringContaining("gen#1")]);
  });
  it("keeps all candidates, with a warning, when none pass", async () => {
    const { output, warnings } = await runScripted(verifyNode, {
      nodeId: "ver",
      inputs: { query, candidates },
      script: replies("VERDICT: FAIL", readFixture("nodes/verify/malformed.txt"), "No"),
    });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#1", "gen#2"]);
    expect(output.candidates[1]?.annotations).toEqual([
      { kind: "verdict", node: "ver", pass: false, reason: "unparseable verdict" },
      expect.objectContaining({ kind: "warning", node: "ver" }),
    ]);
    expect(warnings.some((w) => w.includes("none of the 3 candidates passed"))).toBe(true);
  });
  it("ignores verdicts left by another verify node", async () => {
    const judged = makeCandidates(["4"]).map((c) => ({ ...c, annotations: [{ kind: "verdict" as const, node: "other", pass: true, reason: "" }] }));
    const { output, warnings } = await runScripted(verifyNode, { nodeId: "ver", inputs: { query, candidates: [...judged, ...makeCandidates(["x", "y"], "g2")] }, script: replies("VERDICT: FAIL", "VERDICT: PASS", "VERDICT: FAIL") });
    expect(output.candidates.map((c) => c.id)).toEqual(["g2#0"]);
    expect(warnings).toEqual([]);
  });
  it("propagates a rejected call", async () => {
    await expect(runScripted(verifyNode, { inputs: { query, candidates }, script: () => Promise.reject(new Error("run cancelled")) })).rejects.toThrow("run cancelled");
  });
});

const puzzle = { text: "Use numbers and basic arithmetic operations (+ - * /) to obtain 24.\nInput: 4 5 6 10" };
const verdictOf = (c: { annotations: Annotation[] } | undefined) => c?.annotations.find((a) => a.kind === "verdict");

describe("verify (program: game24)", () => {
  const texts = JSON.parse(readFixture("nodes/verify/game24-candidates.json")) as string[];
  it("keeps the exact solutions, makes no model call, and gives the checker's reasons", async () => {
    const { output, requests } = await runScripted(verifyNode, { nodeId: "ver", params: { mode: "program" }, inputs: { query: puzzle, candidates: makeCandidates(texts) } });
    expect(requests).toEqual([]);
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#4"]);
    expect(output.candidates[0]?.annotations).toEqual([
      { kind: "answer", node: "ver", value: "(10 - 4) * 5 - 6", method: "game24" },
      { kind: "verdict", node: "ver", pass: true, reason: "(10 - 4) * 5 - 6 = 24, using 4 5 6 10 once each" },
    ]);
  });
  it("annotates the failures with the reason", async () => {
    const { output, warnings } = await runScripted(verifyNode, { params: { mode: "program", checker: "game24" }, inputs: { query: puzzle, candidates: makeCandidates(texts.slice(1, 4)) } });
    expect(output.candidates.map((c) => verdictOf(c))).toEqual([
      { kind: "verdict", node: "node-1", pass: false, reason: "uses 10 twice" },
      { kind: "verdict", node: "node-1", pass: false, reason: "evaluates to 36" },
      { kind: "verdict", node: "node-1", pass: false, reason: 'not an expression: unexpected "N"' },
    ]);
    expect(warnings).toEqual([expect.stringContaining("none of the 3 candidates passed verification; keeping all of them")]);
  });
  it("needs the puzzle's numbers in the query", async () => {
    await expect(runScripted(verifyNode, { nodeId: "ver", params: { mode: "program" }, inputs: { query, candidates } })).rejects.toThrow('node "ver": the game24 checker needs the puzzle\'s four numbers in the query');
  });
  it("estimates no calls and names no model", () => {
    const p = verifyNode.params.parse({ mode: "program" });
    expect(verifyNode.estimate(p, { inputCounts: { candidates: 5 }, queryTokens: 10, itemTokens: 10 })).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: { candidates: 5 } });
    expect(verifyNode.models?.(p)).toEqual([]);
    expect(verifyNode.models?.(verifyNode.defaults)).toEqual(["local/stories260k"]);
  });
});

describe("verify (program: python)", () => {
  const predicate = readFixture("nodes/verify/even-predicate.py");
  it("runs check(answer, query) once for all distinct answers and keeps the passing candidates", async () => {
    const sandbox = fakeSandbox({
      test: (_code, text) => {
        const answer = /check\((None|"[^"]*")/.exec(text)?.[1] ?? "None";
        if (answer === "None") return { fail: "assertion failed: no number in the response" };
        return Number(JSON.parse(answer)) % 2 === 0 ? true : { fail: `assertion failed: ${JSON.parse(answer) as string} is odd` };
      },
    });
    const { output, requests } = await runScripted(verifyNode, {
      nodeId: "ver",
      params: { mode: "program", checker: "python", predicate },
      inputs: { query, candidates: makeCandidates(["The answer is 4.", "5", "so 4", "no idea"]) },
      sandbox,
    });
    expect(requests).toEqual([]);
    expect(sandbox.requests).toHaveLength(1);
    expect(programParts(sandbox.requests[0]).code).toBe(predicate);
    expect(programParts(sandbox.requests[0]).tests).toHaveLength(3);
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#2"]);
    expect(output.candidates[0]?.annotations[0]).toEqual({ kind: "answer", node: "ver", value: "4", method: "last-number" });
  });
  it("validates the predicate and the pattern", () => {
    const issues = (params: unknown) => verifyNode.validate?.(verifyNode.params.parse(params), new Set()) ?? [];
    expect(issues({ mode: "program", checker: "python", predicate: "x = 1" })).toEqual([expect.objectContaining({ code: "param-invalid", path: "params.predicate" })]);
    expect(issues({ mode: "program", checker: "python", extractor: "regex", pattern: "(" })).toEqual([expect.objectContaining({ path: "params.pattern" })]);
    expect(issues({ mode: "program", checker: "python" })).toEqual([]);
    expect(issues({ mode: "llm", predicate: "x = 1" })).toEqual([]);
  });
  it("needs a sandbox", async () => {
    await expect(runScripted(verifyNode, { nodeId: "ver", params: { mode: "program", checker: "python" }, inputs: { query, candidates } })).rejects.toThrow('node "ver": the python checker runs in the code sandbox');
  });
});

describe.skipIf(skipNotice(!hasPython3(), "verify python predicate in CPython", "no python3 on PATH"))("verify python predicate in CPython", () => {
  it("passes and fails with the predicate's own reasons; a raising predicate fails that candidate only", async () => {
    const predicate = readFixture("nodes/verify/even-predicate.py");
    const { output } = await runScripted(verifyNode, {
      params: { mode: "program", checker: "python", predicate, extractor: "full-text" },
      inputs: { query, candidates: makeCandidates(["4", "7", "four"]) },
      sandbox: processSandbox(),
    });
    expect(output.candidates.map((c) => verdictOf(c))).toEqual([{ kind: "verdict", node: "node-1", pass: true, reason: "4 is even (14 characters of query)" }]);
    const all = await runScripted(verifyNode, {
      params: { mode: "program", checker: "python", extractor: "full-text", predicate: "def check(answer, query):\n    return answer == 'x'\n" },
      inputs: { query, candidates: makeCandidates(["4", "x"]) },
      sandbox: processSandbox(),
    });
    expect(all.output.candidates.map((c) => verdictOf(c))).toEqual([{ kind: "verdict", node: "node-1", pass: true, reason: "check() returned True" }]);
    const raising = await runScripted(verifyNode, {
      params: { mode: "program", checker: "python", predicate, extractor: "full-text" },
      inputs: { query, candidates: makeCandidates(["none", "7", "4"]) },
      sandbox: processSandbox(),
    });
    expect(raising.output.candidates.map((c) => c.id)).toEqual(["gen#2"]);
    const failed = await runScripted(verifyNode, { params: { mode: "program", checker: "python", predicate, extractor: "full-text" }, inputs: { query, candidates: makeCandidates(["none", "7"]) }, sandbox: processSandbox() });
    expect(failed.output.candidates.map((c) => verdictOf(c)?.reason)).toEqual(["ValueError: invalid literal for int() with base 10: 'none'", "7 is odd"]);
  });
});
