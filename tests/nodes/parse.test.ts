import { describe, expect, it } from "vitest";
import { extractCode, parseBatchCritiques, parseCritique, parsePairwise, parseRanking, parseTestLines, parseTestResults, parseVerdict } from "../../core/nodes/parse";
import { readFixture } from "../helpers/fixtures";

describe("parseCritique", () => {
  it("reads inline bold labels", () => {
    expect(parseCritique(readFixture("nodes/critique/each-ok.txt"))).toEqual({
      strengths: "Shows the arithmetic step by step and reaches 4.",
      weaknesses: "Repeats the question before answering; could be shorter.",
    });
  });
  it("reads markdown headings with bullet lists", () => {
    expect(parseCritique(readFixture("nodes/critique/headings.txt"))).toEqual({
      strengths: "Correct final answer\n- Clear layout",
      weaknesses: "No check of the result",
    });
  });
  it("accepts a critique with only one section", () => {
    expect(parseCritique("Weaknesses: wrong total")).toEqual({ strengths: "", weaknesses: "wrong total" });
  });
  it("returns null for prose without sections", () => {
    expect(parseCritique(readFixture("nodes/critique/malformed.txt"))).toBeNull();
  });
});

describe("parseBatchCritiques", () => {
  it("splits Candidate N sections in any markdown dress", () => {
    const parsed = parseBatchCritiques(readFixture("nodes/critique/batch-ok.txt"), 3);
    expect(parsed.map((c) => c?.weaknesses)).toEqual(["Does not state the units.", "The final answer, 5, is wrong.", "Gives no reasoning at all."]);
  });
  it("leaves unreadable, missing and out-of-range sections null", () => {
    const parsed = parseBatchCritiques(readFixture("nodes/critique/batch-partial.txt"), 3);
    expect(parsed[0]).toEqual({ strengths: "Correct.", weaknesses: "Terse." });
    expect(parsed[1]).toBeNull();
    expect(parsed[2]).toBeNull();
  });
});

describe("parseRanking", () => {
  it("prefers the final chain line over earlier mentions", () => {
    expect(parseRanking(readFixture("nodes/rank/listwise-ok.txt"), 3)).toEqual({ order: [1, 0, 2], missing: [], ignored: 0 });
  });
  it("ignores duplicates and out-of-range numbers, appending the missing ones", () => {
    expect(parseRanking(readFixture("nodes/rank/listwise-duplicates.txt"), 3)).toEqual({ order: [2, 0, 1], missing: [1], ignored: 3 });
  });
  it("reads unbracketed forms", () => {
    expect(parseRanking("Ranking: 3, 1, 2", 3)?.order).toEqual([2, 0, 1]);
    expect(parseRanking("2 > 3 > 1", 3)?.order).toEqual([1, 2, 0]);
  });
  it("returns null when no valid candidate is named", () => {
    expect(parseRanking(readFixture("nodes/rank/malformed.txt"), 3)).toBeNull();
    expect(parseRanking("[7] > [8]", 3)).toBeNull();
  });
});

describe("parsePairwise", () => {
  it.each([
    ["Both are fine but A is terse.\nWINNER: B", "B"],
    ["winner: [1]", "A"],
    ["The better response is B.", "B"],
    ["Response 2 is clearly better.", "B"],
    ["A", "A"],
    ["[2]", "B"],
  ])("%j -> %s", (text, expected) => {
    expect(parsePairwise(text)).toBe(expected);
  });
  it.each(["The dog ran to the park.", "The better answer is a long one.", "Both A and B are good."])("%j -> null", (text) => {
    expect(parsePairwise(text)).toBeNull();
  });
});

describe("parseVerdict", () => {
  it("reads VERDICT lines with the REASON line", () => {
    expect(parseVerdict(readFixture("nodes/verify/pass.txt"))).toEqual({ pass: true, reason: "The arithmetic is correct and the answer is stated clearly." });
    expect(parseVerdict(readFixture("nodes/verify/fail.txt"))?.pass).toBe(false);
  });
  it.each([
    ["Yes.", true],
    ["No", false],
    ["The answer is correct.", true],
    ["This is not correct.", false],
    ["It is incorrect", false],
    ["It passes every check", true],
    ["Verdict - fail", false],
  ])("%j -> pass %s", (text, pass) => {
    expect(parseVerdict(text)?.pass).toBe(pass);
  });
  it("does not read 'no' inside a sentence as a verdict", () => {
    expect(parseVerdict("There are no mistakes here, so it is correct")?.pass).toBe(true);
  });
  it("returns null without a decisive word", () => {
    expect(parseVerdict(readFixture("nodes/verify/malformed.txt"))).toBeNull();
  });
});

describe("parseTestLines", () => {
  it("reads numbered, bulleted and backticked lines", () => {
    expect(parseTestLines(readFixture("nodes/unit-test-generate/numbered-asserts.txt"))).toEqual([
      { text: "assert add(2, 2) == 4", kind: "assert" },
      { text: "assert add(-1, 1) == 0", kind: "assert" },
      { text: "assert add(0, 0) == 0", kind: "assert" },
      { text: "assert add(10, 5) == 15", kind: "assert" },
      { text: "The function returns an int for int inputs", kind: "natural" },
    ]);
  });
  it("reads bare asserts in a code block and skips comments", () => {
    expect(parseTestLines(readFixture("nodes/unit-test-generate/fenced-asserts.txt")).map((t) => t.text)).toEqual(["assert add(1, 2) == 3", "assert add(5, 5) == 10"]);
  });
  it("returns nothing for prose", () => {
    expect(parseTestLines("I cannot think of any tests.")).toEqual([]);
  });
});

describe("parseTestResults", () => {
  it("reads results by number and leaves unreadable ones null", () => {
    expect(parseTestResults(readFixture("nodes/unit-test-evaluate/judge-partial.txt"), 3)).toEqual([
      { pass: true, reason: "returns 4 for (2, 2)" },
      null,
      { pass: false, reason: "crashes on zero" },
    ]);
  });
  it("accepts '2. passed' and ignores out-of-range numbers", () => {
    expect(parseTestResults("2. passed\n9. FAIL", 2)).toEqual([null, { pass: true, reason: "" }]);
  });
});

describe("extractCode", () => {
  it("takes the first fenced block, else the whole text", () => {
    expect(extractCode("Here:\n```python\ndef f():\n    return 1\n```\nDone")).toBe("def f():\n    return 1\n");
    expect(extractCode("def f(): return 1")).toBe("def f(): return 1");
  });
});
