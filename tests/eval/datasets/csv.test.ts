import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "../../../core/eval/datasets/index";

describe("parseCsvRecords", () => {
  it.each([
    ["a,b\n1,2\n", [["a", "b"], ["1", "2"]]],
    ["a,b\r\n1,2", [["a", "b"], ["1", "2"]]],
    ['"x, y",z\n', [["x, y", "z"]]],
    ['"say ""hi""",2\n', [['say "hi"', "2"]]],
    ['"two\nlines",3\n', [["two\nlines", "3"]]],
    ["a,,c\n", [["a", "", "c"]]],
    ['a,""\n', [["a", ""]]],
    ["\uFEFFa,b\n", [["a", "b"]]],
    ["a\n\n\nb\n", [["a"], ["b"]]],
    ['5" screen,x\n', [['5" screen', "x"]]],
  ])("%j", (text, expected) => {
    expect(parseCsvRecords(text, "t.csv").map((r) => r.values)).toEqual(expected);
  });

  it("numbers records by the line they start on", () => {
    expect(parseCsvRecords('h\n"a\nb"\nc\n', "t.csv").map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("rejects text after a closing quote", () => {
    expect(() => parseCsvRecords('a\n"b"c\n', "t.csv")).toThrow(/^t\.csv:2: unexpected "c" after a closing quote/);
  });

  it("rejects a header naming a column twice", () => {
    expect(() => parseCsv("a,b,a\n1,2,3\n", "t.csv")).toThrow(/^t\.csv:1: the header names column "a" twice \(columns 1 and 3\)/);
  });
});
