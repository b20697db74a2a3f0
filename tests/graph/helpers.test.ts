import { describe, expect, it } from "vitest";
import { formatJsonPath, joinJsonPath, valueAtPath } from "../../core/graph/json-path";
import { lineAndColumn } from "../../core/graph/json-text";
import { closestMatch, didYouMean } from "../../core/graph/suggest";

describe("json paths", () => {
  it("formats indices, identifiers and odd keys", () => {
    expect(formatJsonPath(["nodes", 2, "position", "x"])).toBe("nodes[2].position.x");
    expect(formatJsonPath([])).toBe("$");
    expect(formatJsonPath(["nodes", 0, "params", "my key"])).toBe('nodes[0].params["my key"]');
    expect(joinJsonPath("nodes[1].params", ["models", 3])).toBe("nodes[1].params.models[3]");
    expect(valueAtPath({ a: [{ b: 7 }] }, ["a", 0, "b"])).toBe(7);
    expect(valueAtPath({ a: 1 }, ["a", "b"])).toBeUndefined();
  });
});

describe("suggestions", () => {
  it("matches plausible typos only", () => {
    expect(closestMatch("rnak", ["input", "rank", "fuse"])).toBe("rank");
    expect(closestMatch("Generate", ["generate"])).toBe("generate");
    expect(closestMatch("temprature", ["temperature", "top_p"])).toBe("temperature");
    expect(closestMatch("banana", ["rank", "fuse"])).toBeUndefined();
    expect(didYouMean("xyz", [])).toBe("");
  });
});

describe("lineAndColumn", () => {
  it("counts from 1 and treats CRLF as one break", () => {
    expect(lineAndColumn("ab\r\ncd", 4)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn("abc", 0)).toEqual({ line: 1, column: 1 });
  });
});
