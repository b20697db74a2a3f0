import { describe, expect, it } from "vitest";
import { extractAnswer, extractBoxed, extractLastNumber, extractOptionLetter, extractRegex, normalizeAnswer, normalizeNumber } from "../../core/nodes/extract";

describe("normalizeNumber", () => {
  it.each([
    ["1,000", "1000"],
    ["1,234,567.50", "1234567.5"],
    ["3.0", "3"],
    ["2.50", "2.5"],
    ["007", "7"],
    [".5", "0.5"],
    ["-0", "0"],
    ["-0.0", "0"],
    ["\u221242", "-42"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
  });
});

describe("extractLastNumber", () => {
  it("takes the last number in the text", () => {
    expect(extractLastNumber("First 3 apples, then 5 more: 8 in total.")).toBe("8");
  });
  it("reads thousands separators", () => {
    expect(extractLastNumber("The farm earns $1,234 a week.")).toBe("1234");
  });
  it("keeps a minus sign", () => {
    expect(extractLastNumber("The temperature fell to -12 degrees")).toBe("-12");
  });
  it("does not read a range's hyphen as a minus sign", () => {
    expect(extractLastNumber("pages 10-12")).toBe("12");
  });
  it("reads decimals and drops trailing zeros", () => {
    expect(extractLastNumber("It costs 3.50 dollars")).toBe("3.5");
    expect(extractLastNumber("x = 3.0.")).toBe("3");
  });
  it("reads the GSM8K answer line", () => {
    expect(extractLastNumber("She has 16 - 3 - 4 = 9 eggs left.\n#### 18")).toBe("18");
  });
  it("ignores digits glued to words", () => {
    expect(extractLastNumber("Use H2O and CO2")).toBeNull();
  });
  it("returns null without a number", () => {
    expect(extractLastNumber("no digits here")).toBeNull();
  });
});

describe("extractBoxed", () => {
  it("keeps nested braces", () => {
    expect(extractBoxed("so the answer is $\\boxed{\\frac{1}{2}}$.")).toBe("\\frac{1}{2}");
  });
  it("takes the last box", () => {
    expect(extractBoxed("\\boxed{3} ... no, \\boxed{4}")).toBe("4");
  });
  it("normalises a boxed number", () => {
    expect(extractBoxed("\\boxed{1,000}")).toBe("1000");
    expect(extractBoxed("\\boxed{3.0}")).toBe("3");
  });
  it("handles deep nesting and escaped braces", () => {
    expect(extractBoxed("\\boxed{\\sqrt{\\frac{a}{b^{2}}}}")).toBe("\\sqrt{\\frac{a}{b^{2}}}");
    expect(extractBoxed("\\boxed{\\{1, 2\\}}")).toBe("\\{1, 2\\}");
  });
  it("reads \\fbox and a brace-less box", () => {
    expect(extractBoxed("\\fbox{7}")).toBe("7");
    expect(extractBoxed("\\boxed 5")).toBe("5");
  });
  it("returns null when missing or unclosed", () => {
    expect(extractBoxed("the answer is 5")).toBeNull();
    expect(extractBoxed("\\boxed{\\frac{1}{2}")).toBeNull();
  });
});

describe("extractOptionLetter", () => {
  it.each([
    ["The answer is (C).", "C"],
    ["Answer: B", "B"],
    ["answer is option D", "D"],
    ["E", "E"],
    ["(A)", "A"],
    ["Between (A) and (B), I pick (B)", "B"],
    ["After weighing both, I choose D.", "D"],
  ])("%s -> %s", (text, expected) => {
    expect(extractOptionLetter(text)).toBe(expected);
  });
  it("does not read the article 'A' as an option", () => {
    expect(extractOptionLetter("A train leaves the station at noon.")).toBeNull();
  });
  it("ignores letters outside A-E", () => {
    expect(extractOptionLetter("Answer: F")).toBeNull();
  });
});

describe("extractRegex", () => {
  it("returns the first capture group of the last match", () => {
    expect(extractRegex("Result: 3\nResult: 1,500", "Result: ([\\d,]+)")).toBe("1500");
  });
  it("returns the whole match without a group", () => {
    expect(extractRegex("colour: red, then blue", "blue|red")).toBe("blue");
  });
  it("returns null without a match", () => {
    expect(extractRegex("nothing", "Answer: (\\w+)")).toBeNull();
  });
  it("throws on an invalid pattern, naming it", () => {
    expect(() => extractRegex("x", "(")).toThrow(/invalid answer pattern \/\(\//);
  });
});

describe("extractAnswer and normalizeAnswer", () => {
  it("dispatches on the method", () => {
    expect(extractAnswer("\\boxed{2} or 9", "boxed")).toBe("2");
    expect(extractAnswer("\\boxed{2} or 9", "last-number")).toBe("9");
    expect(extractAnswer("Answer: C", "option-letter")).toBe("C");
    expect(extractAnswer("final=12", "regex", "final=(\\d+)")).toBe("12");
  });
  it("tidies answers", () => {
    expect(normalizeAnswer(" $1,000$ ")).toBe("1000");
    expect(normalizeAnswer("Paris.")).toBe("Paris");
    expect(normalizeAnswer("50\\%")).toBe("50");
  });
});
