import { describe, expect, it } from "vitest";
import type { Candidate } from "../../core/graph/ports";
import { fuseNode } from "../../core/nodes/fuse";
import { makeCandidates, runScripted, userMessage } from "../helpers/scripted-context";

const query = { text: "What is 2 + 2?" };
const critiqued: Candidate[] = makeCandidates(["4", "5"]).map((c, i) => ({
  ...c,
  annotations: [{ kind: "critique", node: "crit", strengths: `good ${i}`, weaknesses: `bad ${i}` }, { kind: "rank", node: "rank", rank: i + 1 }],
}));

describe("fuse", () => {
  it("writes one new candidate per fuser, with no annotations", async () => {
    const { output, requests } = await runScripted(fuseNode, {
      nodeId: "fuse",
      params: { fusers: 2, seed: 100, model: "m/fuser" },
      inputs: { query, candidates: critiqued },
      script: (r) => `fused ${r.sample}`,
    });
    expect(output.candidates).toEqual([0, 1].map((i) => ({ id: `fuse#${i}`, text: `fused ${i}`, origin: { node: "fuse", model: "m/fuser", sample: i }, annotations: [] })));
    expect(requests.map((r) => r.sampling.seed)).toEqual([100, 101]);
  });
  it("shows critiques when use_critiques is on, and not when off", async () => {
    const on = await runScripted(fuseNode, { inputs: { query, candidates: critiqued }, script: () => "x" });
    expect(userMessage(on.requests[0])).toContain("[1]\n4\nReviewer's strengths: good 0\nReviewer's weaknesses: bad 0\n\n[2]\n5");
    const off = await runScripted(fuseNode, { params: { use_critiques: false }, inputs: { query, candidates: critiqued }, script: () => "x" });
    expect(userMessage(off.requests[0])).toContain("[1]\n4\n\n[2]\n5");
    expect(userMessage(off.requests[0])).not.toContain("Reviewer");
  });
  it("outputs nothing, with a warning, for no candidates", async () => {
    const { output, requests, warnings } = await runScripted(fuseNode, { inputs: { query, candidates: [] } });
    expect(output.candidates).toEqual([]);
    expect(requests).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
  it("propagates a rejected call", async () => {
    await expect(runScripted(fuseNode, { inputs: { query, candidates: critiqued }, script: () => Promise.reject(new Error("aborted")) })).rejects.toThrow("aborted");
  });
});
