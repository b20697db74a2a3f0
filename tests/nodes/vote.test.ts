import { describe, expect, it } from "vitest";
import { voteNode } from "../../core/nodes/vote";
import { makeCandidates, runScripted } from "../helpers/scripted-context";

describe("vote", () => {
  it("takes the majority of extracted answers and outputs its holders", async () => {
    const candidates = makeCandidates(["So 2 + 2 = 4", "I get 5", "The total is 4.0", "answer: 1,000"]);
    const { output, requests } = await runScripted(voteNode, { nodeId: "vote", inputs: { candidates } });
    expect(requests).toEqual([]);
    expect(output.answer).toEqual({ text: "4", candidateId: "gen#0", votes: { "4": 2, "5": 1, "1000": 1 } });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#2"]);
    expect(output.candidates[1]?.annotations).toEqual([{ kind: "answer", node: "vote", value: "4", method: "last-number" }]);
  });
  it("breaks ties by the earliest candidate holding a tied value, whatever the order of the counts", async () => {
    const candidates = makeCandidates(["7", "3", "3", "7", "9"]);
    const first = await runScripted(voteNode, { inputs: { candidates } });
    expect(first.output.answer.text).toBe("7");
    const reversed = await runScripted(voteNode, { inputs: { candidates: makeCandidates(["3", "7", "7", "3"]) } });
    expect(reversed.output.answer).toMatchObject({ text: "3", candidateId: "gen#0" });
  });
  it("skips candidates without an answer", async () => {
    const { output } = await runScripted(voteNode, { inputs: { candidates: makeCandidates(["no idea", "\\boxed{\\frac{1}{2}}", "x \\boxed{\\frac{1}{2}}", "\\boxed{3}"]) }, params: { extractor: "boxed" } });
    expect(output.answer).toMatchObject({ text: "\\frac{1}{2}", candidateId: "gen#1", votes: { "\\frac{1}{2}": 2, "3": 1 } });
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#1", "gen#2"]);
  });
  it("falls back to the first candidate's text, with a warning, when nothing is extractable", async () => {
    const candidates = makeCandidates(["no digits", "none here"]);
    const { output, warnings } = await runScripted(voteNode, { inputs: { candidates } });
    expect(output.answer).toEqual({ text: "no digits", candidateId: "gen#0", votes: {} });
    expect(output.candidates.map((c) => c.annotations[0])).toEqual([0, 1].map(() => ({ kind: "answer", node: "node-1", value: null, method: "last-number" })));
    expect(warnings).toHaveLength(1);
  });
  it("uses option letters and custom regexes", async () => {
    const letters = await runScripted(voteNode, { params: { extractor: "option-letter" }, inputs: { candidates: makeCandidates(["Answer: B", "(C)", "The answer is B."]) } });
    expect(letters.output.answer.text).toBe("B");
    const regex = await runScripted(voteNode, { params: { extractor: "regex", pattern: "FINAL=(\\w+)" }, inputs: { candidates: makeCandidates(["FINAL=cat", "FINAL=dog", "FINAL=dog"]) } });
    expect(regex.output.answer.text).toBe("dog");
  });
  it("throws, naming the node, for no candidates", async () => {
    await expect(runScripted(voteNode, { nodeId: "v", inputs: { candidates: [] } })).rejects.toThrow('node "v" received no candidates');
  });
  it("validates the regex pattern", () => {
    const validate = (params: unknown) => voteNode.validate?.(voteNode.params.parse(params), new Set(["candidates"]));
    expect(validate({})).toEqual([]);
    expect(validate({ extractor: "regex" })).toEqual([expect.objectContaining({ code: "param-invalid", path: "params.pattern" })]);
    expect(validate({ extractor: "regex", pattern: "(" })).toEqual([expect.objectContaining({ code: "param-invalid", path: "params.pattern", message: expect.stringContaining("not a valid regular expression") })]);
    expect(validate({ extractor: "regex", pattern: "A: (\\d+)" })).toEqual([]);
  });
  it("rejects an unknown extractor at param level", () => {
    expect(voteNode.params.safeParse({ extractor: "first-word" }).success).toBe(false);
  });
});
