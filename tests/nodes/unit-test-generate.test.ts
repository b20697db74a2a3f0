import { describe, expect, it } from "vitest";
import { unitTestGenerateNode } from "../../core/nodes/unit-test-generate";
import { readFixture } from "../helpers/fixtures";
import { replies, runScripted, userMessage } from "../helpers/scripted-context";
import { skipNotice } from "../helpers/skip";
import { fakeSandbox } from "./fake-sandbox";
import { hasPython3, processSandbox } from "./process-sandbox";

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

const codet = JSON.parse(readFixture("nodes/codet/humaneval0-codegen-samples.json")) as { prompt: string; samples: string[] };
const expected = JSON.parse(readFixture("nodes/codet/humaneval0-codet-expected.json")) as { per_sample: string[][]; weights: [string, number][] };
const codetQuery = { text: codet.prompt };

describe("unit-test-generate (samples and CodeT extraction)", () => {
  it("makes one call per sample with distinct sample indices and merges identical tests into a weight", async () => {
    const { output, requests } = await runScripted(unitTestGenerateNode, {
      nodeId: "utg",
      params: { samples: 3, count: 2, seed: 7 },
      inputs: { query },
      script: replies("1. assert add(1, 1) == 2\n2. assert add(0, 0) == 0", "1. assert add(0, 0) == 0\n2. returns an int", "1. assert add(0, 0) == 0\n2. assert add(1, 1) == 2\n3. assert add(5, 5) == 10"),
    });
    expect(requests.map((r) => [r.sample, r.sampling.seed, r.purpose])).toEqual([
      [0, 7, "unit tests 1"],
      [1, 8, "unit tests 2"],
      [2, 9, "unit tests 3"],
    ]);
    expect(output.tests).toEqual([
      { id: "utg#0", text: "assert add(1, 1) == 2", kind: "assert", weight: 2 },
      { id: "utg#1", text: "assert add(0, 0) == 0", kind: "assert", weight: 3 },
      { id: "utg#2", text: "returns an int", kind: "natural" },
    ]);
  });
  it("codet: keeps the asserts that name the entry point and compile, at most count per sample, counted with multiplicity", async () => {
    const sandbox = fakeSandbox({ compiles: (source) => !source.includes("0.5 == False") && !source.includes("Here are") });
    const { output, warnings } = await runScripted(unitTestGenerateNode, {
      nodeId: "utg",
      params: { extraction: "codet", samples: 2, count: 5 },
      inputs: { query: { text: `def has_close_elements(numbers, threshold):\n    """..."""` } },
      script: replies(readFixture("nodes/codet/chat-fenced.txt"), readFixture("nodes/codet/chat-numbered.txt")),
      sandbox,
    });
    expect(warnings).toEqual([]);
    // One compile check for every distinct part, in CodeT's try-block form.
    expect(sandbox.requests).toHaveLength(1);
    expect(output.tests.map((t) => [t.text, t.weight ?? 1])).toEqual([
      ["assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False", 2],
      ["assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True", 2],
      ["assert has_close_elements([1.0, 2.0, 3.0, 4.0, 5.0, 2.2], 0.05) == False", 1],
      ["assert has_close_elements([1.0, 2.0, 3.0, 4.0, 5.0, 2.2], 0.1) == True", 1],
      ["assert has_close_elements([1.0, 1.0], 0.1) == True", 1],
      ["assert has_close_elements([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True", 1],
      ["assert has_close_elements([], 1.0) == False", 1],
      ["assert has_close_elements([1.1, 2.2, 3.1, 4.1, 5.1], 1.0) == True", 1],
    ]);
    expect(output.tests.every((t) => t.kind === "assert")).toBe(true);
  });
  it("codet: the cap of count applies per sample, after the compile check", async () => {
    const { output } = await runScripted(unitTestGenerateNode, {
      params: { extraction: "codet", samples: 1, count: 2 },
      inputs: { query: { text: "def has_close_elements(numbers, threshold):" } },
      script: replies(readFixture("nodes/codet/chat-fenced.txt")),
      sandbox: fakeSandbox({ compiles: (source) => !source.includes("[1.0, 2.0, 3.0], 0.5) == False") }),
    });
    expect(output.tests.map((t) => t.text)).toEqual(["assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True", "assert has_close_elements([1.0, 2.0, 3.0, 4.0, 5.0, 2.2], 0.05) == False"]);
  });
  it("codet: entry_point overrides the query's first def; without one or without a sandbox it warns and goes on", async () => {
    const named = await runScripted(unitTestGenerateNode, {
      params: { extraction: "codet", entry_point: "len" },
      inputs: { query: { text: "def has_close_elements(numbers, threshold):" } },
      script: replies(readFixture("nodes/codet/chat-fenced.txt")),
      sandbox: fakeSandbox(),
    });
    expect(named.output.tests.map((t) => t.text)).toEqual(["assert len([1, 2]) == 2"]);
    const bare = await runScripted(unitTestGenerateNode, { params: { extraction: "codet" }, inputs: { query }, script: replies("add(1, 2) == 3\nassert add(0, 0) == 0") });
    expect(bare.output.tests.map((t) => t.text)).toEqual(["assert add(1, 2) == 3", "assert add(0, 0) == 0"]);
    expect(bare.warnings).toEqual([expect.stringContaining("no entry point"), expect.stringContaining("no code sandbox"), expect.stringContaining("asked for 5 tests but could read only 2")]);
  });
});

describe.skipIf(skipNotice(!hasPython3(), "unit-test-generate codet vs CodeT's own code", "no python3 on PATH"))("unit-test-generate codet vs CodeT's own code", () => {
  it("extracts exactly what CodeT extracts from 13 real CodeGen samples, with the same multiplicities", async () => {
    const { output } = await runScripted(unitTestGenerateNode, {
      params: { extraction: "codet", samples: codet.samples.length, count: 5 },
      inputs: { query: codetQuery },
      script: (request) => codet.samples[request.sample] ?? "",
      sandbox: processSandbox(),
    });
    expect(output.tests.map((t) => [t.text, t.weight ?? 1])).toEqual(expected.weights);
  });
});
