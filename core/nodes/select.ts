/**
 * Program-based selection: CodeT's "dual execution agreement". Every candidate's code runs
 * against the generated tests in the sandbox; candidates that pass exactly the same tests form
 * a group; the group with the highest (sum of its tests' weights) x sqrt(group size) wins.
 */
import { z } from "zod";
import type { Annotation, Candidate, UnitTest } from "../graph/ports";
import { defineNode } from "./define";
import { DEFAULT_TEST_TIMEOUT_MS, runCodeTests } from "./code-tests";
import type { CodeTestResult } from "./code-tests";
import { dualAgreement } from "./codet";
import { mapLimit, SANDBOX_CONCURRENCY } from "./concurrency";
import { countOf } from "./estimate-tokens";
import { annotate } from "./format";
import { extractCode } from "./parse";
import { SANDBOX_LANGUAGES } from "./sandbox-types";

/** The selection rules. @default "codet" */
export const SELECT_METHODS = ["codet"] as const;

/** Merges tests with identical text (several generators, or a list with repeats), summing weights; natural-language checks are dropped. */
export function distinctAssertTests(tests: readonly UnitTest[]): { id: string; text: string; weight: number }[] {
  const byText = new Map<string, { id: string; text: string; weight: number }>();
  for (const test of tests) {
    if (test.kind !== "assert") continue;
    const weight = test.weight ?? 1;
    const seen = byText.get(test.text);
    if (seen === undefined) byText.set(test.text, { id: test.id, text: test.text, weight });
    else seen.weight += weight;
  }
  return [...byText.values()];
}

export const selectNode = defineNode({
  type: "select",
  title: "Select",
  category: "selection",
  description:
    'Keeps the candidates the generated tests agree on, by CodeT\'s dual execution agreement: each candidate\'s code (its first fenced block, else its text) runs against the assert tests in the sandbox; candidates passing exactly the same set of tests form a group, scored (sum of the passed tests\' weights, i.e. how often each was generated) x sqrt(group size). Outputs the best group in input order (a tie goes to the group with the earliest candidate). Every candidate gets a "test-result" per test and a "rank" annotation (its group\'s place, with the score). If no candidate passes any test, all are kept with a warning. Makes no model calls.',
  inputs: {
    candidates: { type: "candidates", description: "The code solutions to choose among." },
    tests: { type: "tests", description: "Generated tests (assert statements), weighted by how often they were generated." },
  },
  outputs: {
    candidates: { type: "candidates", description: "The best-agreeing group's candidates, in input order." },
  },
  params: z.object({
    /** The selection rule. @default "codet" */
    method: z.enum(SELECT_METHODS).default("codet").describe('"codet": dual execution agreement over the generated tests.'),
    /** Language of the code and the tests. @default "python" */
    language: z.enum(SANDBOX_LANGUAGES).default("python").describe("Language the code and tests run in."),
    /** Wall-time limit of one candidate's test run. @default 10000 */
    timeout_ms: z.number().int().min(100).max(300_000).default(DEFAULT_TEST_TIMEOUT_MS).describe('Time limit in ms for running one candidate against all tests; a test still running then fails with "timeout".'),
  }),
  estimate: (_p, context) => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: { candidates: countOf(context, "candidates") } }),
  run: async (ctx) => {
    const { nodeId, params, sandbox } = ctx;
    const { candidates } = ctx.inputs;
    if (sandbox === undefined) throw new Error(`node "${nodeId}": the CodeT selection runs code in the sandbox, which this host does not provide`);
    const tests = distinctAssertTests(ctx.inputs.tests);
    const dropped = ctx.inputs.tests.filter((t) => t.kind !== "assert").length;
    if (dropped > 0) ctx.warn(`node "${nodeId}": ignored ${dropped} natural-language tests; only assert tests can be executed`);
    if (tests.length === 0 || candidates.length === 0) {
      if (candidates.length > 0) ctx.warn(`node "${nodeId}" received no assert tests, so it cannot tell the candidates apart; keeping all ${candidates.length}`);
      return { candidates: [...candidates] };
    }

    // Identical code runs once; each copy still counts in its group's size, as in CodeT.
    const codes = candidates.map((c) => extractCode(c.text));
    const distinct = [...new Set(codes)];
    const options = { language: params.language, timeoutMs: params.timeout_ms };
    const outcomes = await mapLimit(distinct, SANDBOX_CONCURRENCY, (code) => runCodeTests(sandbox, code, tests, options, ctx.signal));
    const resultsOf = new Map<string, CodeTestResult[]>(distinct.map((code, i) => [code, outcomes[i] ?? []]));
    const perCandidate = codes.map((code) => resultsOf.get(code) ?? []);

    const agreement = dualAgreement(
      perCandidate.map((results) => results.filter((r) => r.pass).map((r) => r.testId)),
      tests,
    );
    const unranked = agreement.groups.length + 1;
    const annotated = candidates.map((candidate, i) => {
      const position = agreement.groupOf[i] ?? -1;
      const group = agreement.groups[position];
      const results: Annotation[] = (perCandidate[i] ?? []).map((r) => ({ kind: "test-result", node: nodeId, testId: r.testId, pass: r.pass, reason: r.reason }));
      const rank: Annotation = { kind: "rank", node: nodeId, rank: group === undefined ? unranked : position + 1, score: group?.score ?? 0 };
      return annotate(candidate, ...results, rank);
    });

    const best = agreement.groups[0];
    if (best === undefined) {
      ctx.warn(`node "${nodeId}": none of the ${candidates.length} candidates passed any of the ${tests.length} tests; keeping all of them`);
      return { candidates: annotated };
    }
    return { candidates: best.members.map((i) => annotated[i]).filter((c): c is Candidate => c !== undefined) };
  },
});
