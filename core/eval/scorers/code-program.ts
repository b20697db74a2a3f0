/**
 * The test program of a code item: the candidate's code, then the dataset's tests, then the
 * call that runs them. Shared by the code scorer and the sandbox benchmark (the usual
 * HumanEval harness: `code + "\n" + tests + "\ncheck(<entry_point>)\n"`).
 */
import { extractCode } from "../../nodes/parse";
import type { EvalItem } from "../datasets/types";
import { ScorerSetupError } from "./need";

/**
 * What HumanEval-style tests' `check` function is renamed to, so a candidate that defines or
 * calls a function named `check` itself (MBPP's problem 56 asks for one) is not shadowed by it.
 */
export const TEST_FUNCTION = "__itasca_check__";

/** The candidate's code: its first fenced code block when it has one, else the whole text. */
export function candidateCode(answer: string): string {
  return extractCode(answer);
}

/** Whether the code defines the function at the top level. */
export function definesFunction(code: string, name: string): boolean {
  return new RegExp(`^(?:async\\s+)?def\\s+${name.replace(/[^\w]/g, "")}\\s*\\(`, "m").test(code);
}

/**
 * The whole program that tests `code` against the item's tests. With a code prefix (the
 * HumanEval/MBPP prompt: imports, helpers and the signature with its docstring):
 * - code without `def <entry point>` is a body, and continues the prefix;
 * - code with it follows the prefix, whose stub it redefines (the prefix still brings the
 *   prompt's imports and helper functions, which candidates often leave out).
 * HumanEval-style tests (`def check(candidate)`) are then called on the entry point; plain
 * asserts (MBPP's original layout) just run.
 * @throws ScorerSetupError when the item has no tests, or `check` tests without an entry point.
 */
export function buildTestProgram(item: EvalItem, code: string): string {
  if (item.tests === undefined || item.tests.trim() === "") {
    throw new ScorerSetupError(`item "${item.id}" has no tests to run; map them with --tests-field <name>`);
  }
  let program = code;
  if (item.codePrefix !== undefined && item.codePrefix !== "") {
    const body = item.entryPoint === undefined || !definesFunction(code, item.entryPoint);
    const prefix = item.codePrefix.endsWith("\n") ? item.codePrefix : `${item.codePrefix}\n`;
    program = body ? prefix + code : `${prefix}\n${code}`;
  }
  const checks = /^def\s+check\s*\(/m.test(item.tests);
  if (!checks) return `${program}\n${item.tests}\n`;
  if (item.entryPoint === undefined) {
    throw new ScorerSetupError(`item "${item.id}" has check(candidate) tests but no entry point; map it with --entry-point-field <name>`);
  }
  const tests = item.tests.replace(/^def\s+check\s*\(/m, `def ${TEST_FUNCTION}(`);
  return `${program}\n${tests}\n${TEST_FUNCTION}(${item.entryPoint})\n`;
}
