import { describe, expect, it } from "vitest";
import { critiqueNode } from "../../core/nodes/critique";
import { readFixture } from "../helpers/fixtures";
import { makeCandidates, replies, runScripted, userMessage } from "../helpers/scripted-context";

const query = { text: "What is 2 + 2?" };
const candidates = makeCandidates(["It is 4.", "It is 5.", "4"]);

describe("critique (each)", () => {
  it("attaches one critique per candidate, same order, without mutating the input", async () => {
    const { output, requests, warnings } = await runScripted(critiqueNode, {
      nodeId: "crit",
      inputs: { query, candidates },
      script: (request) => `Strengths: clear\nWeaknesses: about ${userMessage(request).includes("It is 5.") ? "5" : "4"}`,
    });
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.sampling.temperature === 0 && r.sample === 0)).toBe(true);
    expect(output.candidates.map((c) => c.id)).toEqual(["gen#0", "gen#1", "gen#2"]);
    expect(output.candidates[1]?.annotations).toEqual([{ kind: "critique", node: "crit", strengths: "clear", weaknesses: "about 5" }]);
    expect(candidates[0]?.annotations).toEqual([]);
    expect(warnings).toEqual([]);
  });
  it("never throws on malformed replies: a warning annotation replaces the critique", async () => {
    const malformed = readFixture("nodes/critique/malformed.txt");
    const { output, warnings } = await runScripted(critiqueNode, {
      nodeId: "crit",
      inputs: { query, candidates },
      script: replies(readFixture("nodes/critique/each-ok.txt"), malformed, ""),
    });
    expect(output.candidates[0]?.annotations[0]?.kind).toBe("critique");
    for (const c of output.candidates.slice(1)) expect(c.annotations).toEqual([expect.objectContaining({ kind: "warning", node: "crit" })]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("gen#1, gen#2");
  });
  it("makes no call for no candidates", async () => {
    const { output, requests } = await runScripted(critiqueNode, { inputs: { query, candidates: [] } });
    expect(output.candidates).toEqual([]);
    expect(requests).toEqual([]);
  });
  it("propagates a rejected call", async () => {
    const abort = new DOMException("The operation was aborted.", "AbortError");
    await expect(runScripted(critiqueNode, { inputs: { query, candidates }, script: () => Promise.reject(abort) })).rejects.toBe(abort);
  });
});

describe("critique (batch)", () => {
  it("makes one call listing all candidates and splits the sections", async () => {
    const { output, requests } = await runScripted(critiqueNode, {
      params: { mode: "batch" },
      inputs: { query, candidates },
      script: replies(readFixture("nodes/critique/batch-ok.txt")),
    });
    expect(requests).toHaveLength(1);
    expect(userMessage(requests[0])).toContain("[1]\nIt is 4.\n\n[2]\nIt is 5.\n\n[3]\n4");
    expect(output.candidates.map((c) => c.annotations[0]?.kind)).toEqual(["critique", "critique", "critique"]);
  });
  it("warns for the candidates whose section is missing or unreadable", async () => {
    const { output, warnings } = await runScripted(critiqueNode, {
      params: { mode: "batch" },
      inputs: { query, candidates },
      script: replies(readFixture("nodes/critique/batch-partial.txt")),
    });
    expect(output.candidates.map((c) => c.annotations[0]?.kind)).toEqual(["critique", "warning", "warning"]);
    expect(warnings).toHaveLength(1);
  });
  it("falls back to warnings for a wholly malformed reply", async () => {
    const { output } = await runScripted(critiqueNode, { params: { mode: "batch" }, inputs: { query, candidates }, script: replies("Max the dog ran.") });
    expect(output.candidates.every((c) => c.annotations.length === 1 && c.annotations[0]?.kind === "warning")).toBe(true);
  });
});
