import { describe, expect, it } from "vitest";
import { formatReplayRecord, normalizePrompt, parseReplayJsonl } from "../../core/providers/replay-format";
import { readFixture } from "../helpers/fixtures";

describe("replay file format", () => {
  it("parses every record with its line, skipping blank lines", () => {
    const { records, errors } = parseReplayJsonl(readFixture("replay/small.jsonl"), "small.jsonl");
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.record.id, r.record.model, r.line])).toEqual([
      ["sum-1", "model-a", 1],
      ["sum-1", "model-b", 2],
      ["colour-1", "model-a", 4],
    ]);
  });

  it("reports bad JSON, schema problems and duplicates as <file>:<line>: <path>: <message>", () => {
    const { records, errors } = parseReplayJsonl(readFixture("replay/malformed.jsonl"), "m.jsonl");
    expect(records.map((r) => r.record.id)).toEqual(["ok-1"]);
    expect(errors).toEqual([
      'm.jsonl:2: samples.0.text: Invalid input: expected string, received undefined',
      'm.jsonl:2: samples.0: Unrecognized key: "txt"',
      expect.stringMatching(/^m\.jsonl:3: \(record\): not valid JSON \(.+\)$/),
      "m.jsonl:4: samples: Too small: expected array to have >=1 items",
      'm.jsonl:6: id: record "ok-1" of model "m" already appears on line 1',
    ]);
  });

  it("an empty file is an error, and a wholly wrong file stops after 20 problems", () => {
    expect(parseReplayJsonl("\n\n", "e.jsonl").errors).toEqual(["e.jsonl:1: (record): the file holds no records"]);
    const { errors } = parseReplayJsonl("nope\n".repeat(100), "w.jsonl");
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toBe("w.jsonl: stopped after 20 problems");
  });

  it("formats a record on one line with keys in schema order, and parses it back", () => {
    const line = formatReplayRecord({ meta: { z: 1 }, samples: [{ label: { correct: true }, outputTokens: 2, text: "a\nb" }], prompt: "p", model: "m", id: "i" });
    expect(line).toBe('{"id":"i","model":"m","prompt":"p","samples":[{"text":"a\\nb","outputTokens":2,"label":{"correct":true}}],"meta":{"z":1}}');
    expect(parseReplayJsonl(line, "f").records[0]?.record).toEqual(JSON.parse(line));
  });

  it("normalises prompts by trimming and collapsing whitespace", () => {
    expect(normalizePrompt("  What is\n\t2 +  2? ")).toBe("What is 2 + 2?");
  });
});
