import { describe, expect, it } from "vitest";
import { inputNode } from "../../core/nodes/input";
import { outputNode } from "../../core/nodes/output";
import { makeCandidates, runScripted } from "../helpers/scripted-context";

describe("input", () => {
  it("publishes the run's query and makes no calls", async () => {
    const query = { text: "Name a prime.", system: "Be terse.", context: "Primes: 2, 3, 5" };
    const { output, requests } = await runScripted(inputNode, { inputs: {}, query });
    expect(output.query).toEqual(query);
    expect(requests).toEqual([]);
  });
});

describe("output", () => {
  it("prefers the answer input", async () => {
    const answer = { text: "4", candidateId: "gen#1", votes: { "4": 2 } };
    const { output } = await runScripted(outputNode, { inputs: { answer, candidates: makeCandidates(["x"]) } });
    expect(output.answer).toEqual(answer);
  });
  it("otherwise takes the first candidate", async () => {
    const { output } = await runScripted(outputNode, { inputs: { answer: undefined, candidates: makeCandidates(["best", "second"]) } });
    expect(output.answer).toEqual({ text: "best", candidateId: "gen#0" });
  });
  it("throws, naming the node, on an empty candidate list", async () => {
    await expect(runScripted(outputNode, { nodeId: "out", inputs: { answer: undefined, candidates: [] } })).rejects.toThrow('node "out" received no candidates');
  });
  it("validates that one of its inputs is connected", () => {
    expect(outputNode.validate?.(outputNode.defaults, new Set())).toEqual([expect.objectContaining({ code: "required-input-unconnected" })]);
    expect(outputNode.validate?.(outputNode.defaults, new Set(["candidates"]))).toEqual([]);
    expect(outputNode.validate?.(outputNode.defaults, new Set(["answer"]))).toEqual([]);
  });
});
