import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, loadDataset, parseDataset, type LoadOptions } from "../../../core/eval/datasets/index";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "datasets");
const fixture = (name: string) => join(FIXTURES, name);

/** Loads and expects a DatasetError; returns it. */
async function failure(name: string, options: LoadOptions = {}): Promise<DatasetError> {
  const error = await loadDataset(fixture(name), options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("generic formats", () => {
  it("reads JSON Lines with the default field names, blank lines skipped, extra fields as meta", async () => {
    const dataset = await loadDataset(fixture("generic.jsonl"));
    expect(dataset.format).toBe("jsonl");
    expect(dataset.items).toEqual([
      { id: "capital-fr", input: "What is the capital of France?", reference: "Paris", meta: { topic: "geography" } },
      { id: "sum", input: "What is 2 + 2?", reference: "4", meta: { topic: "arithmetic" } },
      { id: "letter", input: "Which is a prime? (A) 4 (B) 6 (C) 7", reference: "C", meta: { topic: "arithmetic" } },
    ]);
    expect(dataset.defaultScorer).toBe("exact");
  });

  it("reads a JSON array; items without an id are <file stem>-<index>", async () => {
    const dataset = await loadDataset(fixture("generic.json"));
    expect(dataset.format).toBe("json");
    expect(dataset.items.map((i) => [i.id, i.input, i.reference])).toEqual([
      ["generic-0", "Name the largest planet.", "Jupiter"],
      ["generic-1", "Name the smallest planet.", "Mercury"],
      ["generic-2", "Name the red planet.", "Mars"],
    ]);
  });

  it("reads CSV with quoted commas, doubled quotes, a newline inside a field, CRLF and a blank line", async () => {
    const dataset = await loadDataset(fixture("quoted.csv"));
    expect(dataset.format).toBe("csv");
    expect(dataset.items).toEqual([
      { id: "q1", input: "What is 3, plus 4?", reference: "7" },
      { id: "q2", input: 'A "quoted" word, and\na second line', reference: "yes" },
      { id: "q3", input: "plain", reference: "1,000" },
    ]);
  });

  it("maps fields by name; unmapped fields stay as meta; numeric references suggest the numeric scorer", async () => {
    const dataset = await loadDataset(fixture("mapped.jsonl"), { mapping: { input: "q", reference: "gold", id: "key" } });
    expect(dataset.items[0]).toEqual({ id: "a-1", input: "How many legs has a spider?", reference: "8", meta: { note: "kept as meta" } });
    expect(dataset.defaultScorer).toBe("numeric");
  });

  it("hashes the file's bytes with SHA-256", async () => {
    const bytes = readFileSync(fixture("generic.jsonl"));
    const dataset = await loadDataset(fixture("generic.jsonl"));
    expect(dataset.hash).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(dataset.name).toBe(fixture("generic.jsonl"));
    expect((await loadDataset(fixture("generic.jsonl"), { name: "mine" })).name).toBe("mine");
  });

  it("detects a built-in format by the fields of the first record, and by the file name", () => {
    const gsm8k = new TextEncoder().encode(`{"question": "q", "answer": "work\\n#### 1,234"}\n`);
    expect(parseDataset(gsm8k, "anything.jsonl").format).toBe("gsm8k");
    expect(parseDataset(gsm8k, "anything.jsonl").items[0]?.reference).toBe("1234");
    const math = new TextEncoder().encode(`{"problem": "p", "answer": "\\\\frac12"}\n`);
    expect(parseDataset(math, "mine.jsonl").format).toBe("jsonl");
    expect(parseDataset(math, "math-mine.jsonl").format).toBe("math");
    // An explicit format wins.
    expect(parseDataset(gsm8k, "anything.jsonl", { format: "jsonl" }).items[0]?.reference).toBe("work\n#### 1,234");
  });
});

describe("errors name the file, the line, the field and the fix", () => {
  it("a missing field, on the line where it is missing", async () => {
    const error = await failure("missing-question.jsonl");
    expect(error.code).toBe("missing-field");
    expect(error.line).toBe(3);
    expect(error.message).toBe(`${fixture("missing-question.jsonl")}:3: no "question" field (the first record has one); give every record a "question" or map the input with --input-field <name>`);
  });

  it("a field the mapping names but the first record lacks", async () => {
    const error = await failure("mapped.jsonl", { mapping: { input: "question" } });
    expect(error.message).toBe(`${fixture("mapped.jsonl")}:1: no "question" field; map the input with --input-field <name>`);
  });

  it("no input field at all lists the names tried", async () => {
    const error = await failure("mapped.jsonl");
    expect(error.message).toContain(`mapped.jsonl:1: no "input" field (nor "question", "prompt", "problem"); map the input with --input-field <name>`);
  });

  it("bad JSON on line 4 of a JSONL file", async () => {
    const error = await failure("bad-json.jsonl");
    expect(error.code).toBe("bad-json");
    expect(error.message).toMatch(/bad-json\.jsonl:4: not valid JSON \(.* at column 36\); each line must be one JSON object$/);
  });

  it("bad JSON inside a JSON array, by line", async () => {
    const error = await failure("bad-array.json");
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/bad-array\.json:5: not valid JSON/);
  });

  it("a CSV quote that is never closed, at the line it opens", async () => {
    const error = await failure("unclosed-quote.csv");
    expect(error.code).toBe("bad-csv");
    expect(error.message).toMatch(/unclosed-quote\.csv:3: a quoted field is never closed/);
  });

  it("a CSV row with too many fields", async () => {
    const error = await failure("ragged.csv");
    expect(error.message).toMatch(/ragged\.csv:4: 4 fields where the header has 3; quote fields that contain commas$/);
  });

  it("a repeated id names both lines", async () => {
    const error = await failure("duplicate-ids.jsonl");
    expect(error.code).toBe("duplicate-id");
    expect(error.message).toMatch(/duplicate-ids\.jsonl:3: id "x" is also on line 1/);
  });

  it("a GSM8K answer without its #### line", async () => {
    const error = await failure("gsm8k-no-final.jsonl", { format: "gsm8k" });
    expect(error.message).toMatch(/gsm8k-no-final\.jsonl:2: the "answer" field has no "#### N" final line/);
  });

  it("a Game-of-24 row without four numbers", async () => {
    const error = await failure("game24-bad.csv");
    expect(error.message).toMatch(/game24-bad\.csv:3: "1 1 11" is not a Game-of-24 puzzle/);
  });

  it("an empty dataset, an unknown extension, a missing file", async () => {
    expect((await failure("header-only.csv")).code).toBe("empty");
    const unknown = await failure("data.txt");
    expect(unknown.code).toBe("unknown-format");
    expect(unknown.message).toContain("pass --format gsm8k|math|humaneval|mbpp|game24|jsonl|json|csv");
    expect((await failure("does-not-exist.jsonl")).code).toBe("not-found");
  });

  it("an unknown extension is fine with an explicit format", async () => {
    const dataset = await loadDataset(fixture("data.txt"), { format: "csv", mapping: { input: "q" } }).catch((e: unknown) => e);
    // data.txt is a header with no rows.
    expect((dataset as DatasetError).code).toBe("empty");
  });
});
