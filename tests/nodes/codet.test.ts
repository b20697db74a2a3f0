import { describe, expect, it } from "vitest";
import { compileForm, dualAgreement, entryPointOf, mergeWithMultiplicity, splitAssertions } from "../../core/nodes/codet";
import { readFixture } from "../helpers/fixtures";

const samples = JSON.parse(readFixture("nodes/codet/humaneval0-codegen-samples.json")) as { prompt: string; entry_point: string; samples: string[] };

describe("entryPointOf", () => {
  it("takes the first def name( of the task", () => {
    expect(entryPointOf(samples.prompt)).toBe("has_close_elements");
    expect(entryPointOf("def helper(x):\n    ...\ndef main(y):")).toBe("helper");
    expect(entryPointOf("Write a function that adds two numbers.")).toBeNull();
  });
});

describe("splitAssertions (CodeT's split)", () => {
  it("prefixes the text with assert, splits on 'assert ', keeps parts naming the entry point, cuts at stop tokens", () => {
    expect(splitAssertions("\thas_close_elements([1], 0) == True\nassert has_close_elements([], 3) == False\n\nimport unittest\nassert len(x) == 1", "has_close_elements")).toEqual([
      "assert \thas_close_elements([1], 0) == True",
      "assert has_close_elements([], 3) == False\n\nimport unittest",
    ]);
    expect(splitAssertions("f(1) == 2\n# done\nprint(f(1))\ndef g(): pass", "f")).toEqual(["assert f(1) == 2"]);
  });
  it("also stops at a closing code fence and at list markers (chat replies)", () => {
    expect(splitAssertions(readFixture("nodes/codet/chat-numbered.txt"), "has_close_elements")).toEqual([
      "assert Here are 5 unit tests for has_close_elements:",
      "assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False",
      "assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True",
      "assert has_close_elements([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True",
      "assert has_close_elements([], 1.0) == False",
      "assert has_close_elements([1.1, 2.2, 3.1, 4.1, 5.1], 1.0) == True",
    ]);
    expect(splitAssertions(readFixture("nodes/codet/chat-fenced.txt"), "has_close_elements").at(-1)).toBe("assert has_close_elements([1.0, 1.0], 0.1) == True");
  });
  it("keeps every non-empty part when there is no entry point", () => {
    expect(splitAssertions("add(1, 2) == 3\nassert len([]) == 0\nassert ", null)).toEqual(["assert add(1, 2) == 3", "assert len([]) == 0"]);
  });
  it("wraps a test for the compile check as CodeT does", () => {
    expect(compileForm("assert f(1) == 2, \\\n    'x'")).toBe("try:\n    assert f(1) == 2, \\\n        'x'\nexcept:\n    pass\n");
  });
});

describe("mergeWithMultiplicity", () => {
  it("counts a test once per appearance, in order of first appearance", () => {
    expect(mergeWithMultiplicity([["a", "b"], ["b", "c"], [], ["b", "a"]])).toEqual([
      { text: "a", weight: 2 },
      { text: "b", weight: 3 },
      { text: "c", weight: 1 },
    ]);
  });
});

describe("dualAgreement", () => {
  const tests = (weights: Record<string, number>) => Object.entries(weights).map(([id, weight]) => ({ id, weight }));
  // Each row: the tests each candidate passes, the weights, then the expected groups best first (members, score).
  const table: { name: string; passed: string[][]; weights: Record<string, number>; groups: [number[], number][] }[] = [
    { name: "a bigger group beats more tests: 2 x sqrt(4) = 4 > 3 x sqrt(1)", passed: [["a", "b", "c"], ["a", "b"], ["a", "b"], ["b", "a"], ["a", "b"]], weights: { a: 1, b: 1, c: 1 }, groups: [[[1, 2, 3, 4], 4], [[0], 3]] },
    { name: "weights count: a test generated 3 times outweighs two generated once", passed: [["a"], ["b", "c"]], weights: { a: 3, b: 1, c: 1 }, groups: [[[0], 3], [[1], 2]] },
    { name: "an exact tie (2 x sqrt(4) = 4 x sqrt(1)) goes to the group with the earlier candidate", passed: [["d"], ["a", "b"], ["a", "b"], ["a", "b"], ["a", "b"]], weights: { a: 1, b: 1, d: 4 }, groups: [[[0], 4], [[1, 2, 3, 4], 4]] },
    { name: "the same tie the other way round", passed: [["a", "b"], ["d"], ["a", "b"], ["a", "b"], ["a", "b"]], weights: { a: 1, b: 1, d: 4 }, groups: [[[0, 2, 3, 4], 4], [[1], 4]] },
    { name: "candidates passing nothing are in no group", passed: [[], ["a"], []], weights: { a: 2 }, groups: [[[1], 2]] },
    { name: "ids that are not tests are ignored, duplicates count once", passed: [["a", "a", "zzz"], ["a"]], weights: { a: 1 }, groups: [[[0, 1], Math.SQRT2]] },
    { name: "nobody passes anything", passed: [[], []], weights: { a: 1 }, groups: [] },
  ];
  it.each(table)("$name", ({ passed, weights, groups }) => {
    const result = dualAgreement(passed, tests(weights));
    expect(result.groups.map((g) => [g.members, g.score])).toEqual(groups);
    for (const [position, group] of result.groups.entries()) for (const member of group.members) expect(result.groupOf[member]).toBe(position);
    expect(result.groupOf.filter((g) => g === -1)).toHaveLength(passed.length - result.groups.reduce((n, g) => n + g.members.length, 0));
  });
  it("lists each group's tests in test order with their summed weight", () => {
    const { groups } = dualAgreement([["c", "a"]], tests({ a: 2, b: 1, c: 5 }));
    expect(groups[0]).toEqual({ members: [0], tests: ["a", "c"], weight: 7, score: 7 });
  });
});
