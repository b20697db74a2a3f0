/**
 * Code datasets. HumanEval: `prompt` (signature + docstring), `test` (a `check(candidate)`
 * function), `entry_point`, `canonical_solution` (the body). MBPP sanitized as CodeT ships it
 * (the file in ../shared) has the same fields.
 */
import { baseItem, rawText } from "./common";
import type { FormatDef } from "./types";

/** A prompt's trailing docstring (the last `'''...'''` or `"""..."""` block), with its line. */
const TRAILING_DOCSTRING = /\n[ \t]*('''|""")[\s\S]*?\1[ \t]*\n?\s*$/;

/**
 * MBPP's canonical solution as a whole program. CodeT's MBPP prompts end in a docstring
 * indented by four spaces while the solution bodies keep MBPP's own indentation (two spaces,
 * tabs), so `prompt + solution` is often an IndentationError; the prompt's lines before the
 * docstring (imports, the `def` line) plus the body always parse.
 */
export function mbppSolution(prompt: string, body: string): string {
  const match = TRAILING_DOCSTRING.exec(prompt);
  const head = match === null ? prompt : prompt.slice(0, match.index + 1);
  return head + body;
}

/** Modules MBPP's tests use without importing them (the original set lists them in `test_imports`). */
const TEST_MODULES = ["math"];

/** The tests with the imports they use but lack. */
export function withTestImports(tests: string): string {
  const missing = TEST_MODULES.filter((m) => new RegExp(`\\b${m}\\.`).test(tests) && !new RegExp(`^\\s*(?:import\\s+${m}\\b|from\\s+${m}\\s+import)`, "m").test(tests));
  return missing.length === 0 ? tests : `${missing.map((m) => `import ${m}`).join("\n")}\n${tests}`;
}

const CODE_FIELDS = {
  input: { names: ["prompt"], required: true },
  tests: { names: ["test"], required: true },
  entryPoint: { names: ["entry_point"], required: true },
  id: { names: ["task_id", "id"], required: false },
} as const;

function humanEvalStyle(fields: Record<string, unknown>): boolean {
  return typeof fields["prompt"] === "string" && typeof fields["test"] === "string" && typeof fields["entry_point"] === "string";
}

export const humanEvalFormat: FormatDef = {
  format: "humaneval",
  description: "HumanEval: prompt, test (check(candidate)), entry_point, canonical_solution",
  container: "jsonl",
  fields: CODE_FIELDS,
  fits: (fields) => humanEvalStyle(fields) && !/mbpp/i.test(String(fields["task_id"] ?? "")),
  toItem(record, resolved, ctx) {
    const item = baseItem(record, resolved, ctx, ["canonical_solution"]);
    item.codePrefix = item.input;
    const solution = rawText(record, "canonical_solution");
    if (solution !== undefined) item.solution = solution;
    return item;
  },
  defaultScorer: () => "code",
};

export const mbppFormat: FormatDef = {
  format: "mbpp",
  description: "MBPP (sanitized, HumanEval style): prompt, test, entry_point, canonical_solution",
  container: "jsonl",
  fields: CODE_FIELDS,
  fits: (fields) => humanEvalStyle(fields) && /mbpp/i.test(String(fields["task_id"] ?? "")),
  toItem(record, resolved, ctx) {
    const item = baseItem(record, resolved, ctx, ["canonical_solution"]);
    item.codePrefix = item.input;
    if (item.tests !== undefined) item.tests = withTestImports(item.tests);
    const body = rawText(record, "canonical_solution");
    if (body !== undefined) item.solution = mbppSolution(item.input, body);
    return item;
  },
  defaultScorer: () => "code",
};
