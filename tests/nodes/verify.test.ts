import { describe, expect, it } from "vitest";
import { verifyNode } from "../../core/nodes/verify";
import { readFixture } from "../helpers/fixtures";
import { makeCandidates, replies, runScripted } from "../helpers/scripted-context";

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
