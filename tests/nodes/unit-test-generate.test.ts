import { describe, expect, it } from "vitest";
import { unitTestGenerateNode } from "../../core/nodes/unit-test-generate";
import { readFixture } from "../helpers/fixtures";
import { replies, runScripted, userMessage } from "../helpers/scripted-context";

const query = { text: "Write add(a, b) returning the sum." };

describe("unit-test-generate", () => {
  it("asks for count tests in one call and parses them with ids and kinds", async () => {
    const { output, requests, warnings } = await runScripted(unitTestGenerateNode, {
      nodeId: "utg",
      inputs: { query },
      script: replies(readFixture("nodes/unit-test-generate/numbered-asserts.txt")),
    });
    expect(requests).toHaveLength(1);
    expect(userMessage(requests[0])).toContain("Write 5 unit tests");
    expect(output.tests.map((t) => t.id)).toEqual(["utg#0", "utg#1", "utg#2", "utg#3", "utg#4"]);
    expect(output.tests.map((t) => t.kind)).toEqual(["assert", "assert", "assert", "assert", "natural"]);
    expect(warnings).toEqual([]);
  });
  it("keeps only count tests when the model writes more", async () => {
    const { output } = await runScripted(unitTestGenerateNode, { params: { count: 2 }, inputs: { query }, script: replies(readFixture("nodes/unit-test-generate/numbered-asserts.txt")) });
    expect(output.tests.map((t) => t.text)).toEqual(["assert add(2, 2) == 4", "assert add(-1, 1) == 0"]);
  });
  it("keeps what parsed and warns when there are fewer", async () => {
    const { output, warnings } = await runScripted(unitTestGenerateNode, { inputs: { query }, script: replies(readFixture("nodes/unit-test-generate/fenced-asserts.txt")) });
    expect(output.tests).toHaveLength(2);
    expect(warnings).toEqual([expect.stringContaining("asked for 5 tests but could read only 2")]);
  });
  it("outputs an empty list with a warning, never throwing, when nothing parses", async () => {
    const { output, warnings } = await runScripted(unitTestGenerateNode, { inputs: { query }, script: replies("Once upon a time.") });
    expect(output.tests).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
  it("propagates a rejected call", async () => {
    await expect(runScripted(unitTestGenerateNode, { inputs: { query }, script: () => Promise.reject(new Error("aborted")) })).rejects.toThrow("aborted");
  });
});
