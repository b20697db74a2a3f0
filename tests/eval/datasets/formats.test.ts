/** The built-in formats on real rows of the full sets: the shipped slices and the full HumanEval fixture. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gsm8kReference, loadDataset, mbppSolution, resolveDataset, withTestImports } from "../../../core/eval/datasets/index";

const HUMANEVAL_FULL = join(import.meta.dirname, "..", "..", "fixtures", "datasets", "humaneval.jsonl");

describe("GSM8K", () => {
  it("the reference is the number after ####, commas removed", async () => {
    const dataset = await resolveDataset("gsm8k");
    const first = dataset.items[0];
    expect(first?.id).toBe("gsm8k-0");
    expect(first?.input.startsWith("Janet\u2019s ducks lay 16 eggs per day.")).toBe(true);
    expect(first?.reference).toBe("18");
    expect(String(first?.meta?.["solution"])).toMatch(/#### 18$/);
    expect(dataset.defaultScorer).toBe("numeric");
    expect(dataset.items.every((i) => /^-?\d+(\.\d+)?$/.test(i.reference ?? ""))).toBe(true);
  });

  it.each([
    ["She makes $18.\n#### 18", "18"],
    ["#### 1,000", "1000"],
    ["so -5 in all\n#### -5", "-5"],
    ["42", "42"],
    ["no final line", null],
  ])("gsm8kReference(%j) = %j", (answer, expected) => {
    expect(gsm8kReference(answer)).toBe(expected);
  });
});

describe("MATH500", () => {
  it("problem, LaTeX answer, unique_id as the id, the rest as meta", async () => {
    const dataset = await resolveDataset("math500");
    const first = dataset.items[0];
    expect(first?.id).toBe("test/precalculus/807.json");
    expect(first?.reference).toBe("\\left( 3, \\frac{\\pi}{2} \\right)");
    expect(first?.meta).toMatchObject({ subject: "Precalculus", level: 2 });
    expect(dataset.defaultScorer).toBe("math");
  });
});

describe("HumanEval", () => {
  it("prompt as input and code prefix, test, entry point, canonical solution", async () => {
    const dataset = await loadDataset(HUMANEVAL_FULL);
    expect(dataset.format).toBe("humaneval");
    expect(dataset.items).toHaveLength(164);
    const first = dataset.items[0];
    expect(first?.id).toBe("HumanEval/0");
    expect(first?.entryPoint).toBe("has_close_elements");
    expect(first?.codePrefix).toBe(first?.input);
    expect(first?.tests).toContain("def check(candidate)");
    expect(first?.solution).toMatch(/^ {4}for idx, elem in enumerate\(numbers\):/);
    expect(dataset.defaultScorer).toBe("code");
  });
});

describe("MBPP sanitized", () => {
  it("is detected by its task ids; the solution is a whole function", async () => {
    const dataset = await resolveDataset("mbpp");
    expect(dataset.format).toBe("mbpp");
    const first = dataset.items[0];
    expect(first?.id).toBe("MbppEval/2");
    expect(first?.entryPoint).toBe("similar_elements");
    expect(first?.solution).toBe("def similar_elements(test_tup1, test_tup2):\n  res = tuple(set(test_tup1) & set(test_tup2))\n  return (res) \n");
  });

  it("keeps the prompt's imports in the solution and drops only its docstring", () => {
    expect(mbppSolution("import math\ndef f(n):\n    '''\n    Doc.\n    '''\n", "  return n\n")).toBe("import math\ndef f(n):\n  return n\n");
  });

  it("tests that use math without importing it get the import", () => {
    expect(withTestImports("def check(candidate):\n    assert math.isclose(f(1), 2)\n")).toBe("import math\ndef check(candidate):\n    assert math.isclose(f(1), 2)\n");
    expect(withTestImports("import math\nassert math.isclose(f(1), 2)\n")).toBe("import math\nassert math.isclose(f(1), 2)\n");
    expect(withTestImports("assert f(1) == 2\n")).toBe("assert f(1) == 2\n");
  });
});

describe("Game of 24", () => {
  it("the four numbers as input, ids game24-<Rank - 1>, no reference", async () => {
    const dataset = await resolveDataset("game24");
    expect(dataset.items[0]).toMatchObject({ id: "game24-900", input: "4 5 6 10" });
    expect(dataset.items[0]?.reference).toBeUndefined();
    expect(dataset.items.at(-1)?.id).toBe("game24-949");
    expect(dataset.defaultScorer).toBe("game24");
  });
});
