import { describe, expect, it } from "vitest";
import type { Candidate } from "../../core/graph/ports";
import { rankNode } from "../../core/nodes/rank";
import { readFixture } from "../helpers/fixtures";
import { makeCandidates, replies, runScripted, userMessage } from "../helpers/scripted-context";

const query = { text: "What is 2 + 2?" };
const three = makeCandidates(["four", "It is 4 because 2 + 2 = 4.", "five"]);

const ids = (candidates: Candidate[]) => candidates.map((c) => c.id);
const ranks = (candidates: Candidate[]) => candidates.map((c) => c.annotations.find((a) => a.kind === "rank"));
const warningCount = (c: Candidate | undefined) => c?.annotations.filter((a) => a.kind === "warning").length ?? 0;

describe("rank (listwise)", () => {
  it("orders by the reply's final ranking line and annotates ranks 1..k", async () => {
    const { output, requests, warnings } = await runScripted(rankNode, {
      nodeId: "rank",
      inputs: { query, candidates: three },
      script: replies(readFixture("nodes/rank/listwise-ok.txt")),
    });
    expect(requests).toHaveLength(1);
    expect(userMessage(requests[0])).toContain("[1]\nfour\n\n[2]\nIt is 4 because 2 + 2 = 4.\n\n[3]\nfive");
    expect(ids(output.candidates)).toEqual(["gen#1", "gen#0", "gen#2"]);
    expect(ranks(output.candidates)).toEqual([1, 2, 3].map((rank) => ({ kind: "rank", node: "rank", rank })));
    expect(warnings).toEqual([]);
  });
  it("keeps only top_k", async () => {
    const { output } = await runScripted(rankNode, { params: { top_k: 1 }, inputs: { query, candidates: three }, script: replies("[3] > [1] > [2]") });
    expect(ids(output.candidates)).toEqual(["gen#2"]);
  });
  it("ignores duplicates and out-of-range numbers and appends the missing candidates with a warning", async () => {
    const { output, warnings } = await runScripted(rankNode, { inputs: { query, candidates: three }, script: replies(readFixture("nodes/rank/listwise-duplicates.txt")) });
    expect(ids(output.candidates)).toEqual(["gen#2", "gen#0", "gen#1"]);
    expect(output.candidates.map(warningCount)).toEqual([0, 0, 1]);
    expect(warnings).toHaveLength(1);
  });
  it("never throws on a malformed reply: input order, each with a warning annotation", async () => {
    const { output, warnings } = await runScripted(rankNode, { inputs: { query, candidates: three }, script: replies(readFixture("nodes/rank/malformed.txt")) });
    expect(ids(output.candidates)).toEqual(["gen#0", "gen#1", "gen#2"]);
    expect(output.candidates.map(warningCount)).toEqual([1, 1, 1]);
    expect(ranks(output.candidates).map((r) => r?.rank)).toEqual([1, 2, 3]);
    expect(warnings).toHaveLength(1);
  });
  it("keeps all when there are fewer candidates than top_k, and skips the call for one", async () => {
    const { output, requests } = await runScripted(rankNode, { params: { top_k: 5 }, inputs: { query, candidates: makeCandidates(["only"]) } });
    expect(ids(output.candidates)).toEqual(["gen#0"]);
    expect(requests).toEqual([]);
    const empty = await runScripted(rankNode, { inputs: { query, candidates: [] } });
    expect(empty.output.candidates).toEqual([]);
  });
  it("propagates a budget rejection", async () => {
    await expect(
      runScripted(rankNode, {
        inputs: { query, candidates: three },
        script: () => {
          throw new Error('budget exceeded before call "rank"');
        },
      }),
    ).rejects.toThrow("budget exceeded");
  });
});

describe("rank (pairwise)", () => {
  const four = makeCandidates(["w", "x", "y", "z"]);
  /** The judge prefers the candidate whose text comes later in the alphabet. */
  const alphabetical = (request: Parameters<typeof userMessage>[0]) => {
    const text = userMessage(request);
    const a = /Response A:\n(.*)\n/.exec(text)?.[1] ?? "";
    const b = /Response B:\n(.*)\n/.exec(text)?.[1] ?? "";
    return `Reasoning...\nWINNER: ${a > b ? "A" : "B"}`;
  };

  it("compares every unordered pair once and ranks by wins", async () => {
    const { output, requests } = await runScripted(rankNode, {
      nodeId: "rank",
      params: { mode: "pairwise", top_k: 4 },
      inputs: { query, candidates: four },
      script: alphabetical,
    });
    expect(requests).toHaveLength(6);
    expect(requests.map((r) => r.purpose)).toEqual(["rank [1] vs [2]", "rank [1] vs [3]", "rank [1] vs [4]", "rank [2] vs [3]", "rank [2] vs [4]", "rank [3] vs [4]"]);
    expect(ids(output.candidates)).toEqual(["gen#3", "gen#2", "gen#1", "gen#0"]);
    expect(ranks(output.candidates)).toEqual([
      { kind: "rank", node: "rank", rank: 1, score: 3 },
      { kind: "rank", node: "rank", rank: 2, score: 2 },
      { kind: "rank", node: "rank", rank: 3, score: 1 },
      { kind: "rank", node: "rank", rank: 4, score: 0 },
    ]);
  });
  it("breaks ties by input order", async () => {
    // Three candidates in a cycle: 1 beats 2, 2 beats 3, 3 beats 1: one win each.
    const { output } = await runScripted(rankNode, { params: { mode: "pairwise" }, inputs: { query, candidates: three }, script: replies("WINNER: A", "B", "Response [1] is better.") });
    expect(ids(output.candidates)).toEqual(["gen#0", "gen#1", "gen#2"]);
    expect(ranks(output.candidates).map((r) => r?.score)).toEqual([1, 1, 1]);
  });
  it("gives no win for an unreadable comparison and warns on both candidates", async () => {
    const { output, warnings } = await runScripted(rankNode, {
      params: { mode: "pairwise" },
      inputs: { query, candidates: three },
      // [1] vs [2]: unreadable; [1] vs [3]: B; [2] vs [3]: A.
      script: replies("Tim went to the zoo.", "WINNER: B", "WINNER: A"),
    });
    expect(ids(output.candidates)).toEqual(["gen#1", "gen#2", "gen#0"]);
    expect(ranks(output.candidates).map((r) => r?.score)).toEqual([1, 1, 0]);
    expect(output.candidates.map(warningCount)).toEqual([1, 0, 1]);
    expect(warnings).toHaveLength(1);
  });
});
