/** Scores candidates by the unit tests they pass, judged by the model or executed in the sandbox. */
import { z } from "zod";
import type { Annotation, Candidate } from "../graph/ports";
import type { NodeRunContext } from "./define";
import { defineNode } from "./define";
import { countOf, llmEstimate } from "./estimate-tokens";
import { annotate, formatTests } from "./format";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { DEFAULT_TEST_TIMEOUT_MS, runCodeTests } from "./code-tests";
import { mapLimit, SANDBOX_CONCURRENCY } from "./concurrency";
import { extractCode, parseTestResults } from "./parse";
import { UNIT_TEST_EVALUATE_TEMPLATE, UNIT_TEST_EVALUATE_VARIABLES } from "./prompts";
import { SANDBOX_LANGUAGES } from "./sandbox-types";

const evaluateParams = z.object({
  ...llmParamFields({ temperature: 0, template: UNIT_TEST_EVALUATE_TEMPLATE, variables: UNIT_TEST_EVALUATE_VARIABLES, templateDescription: 'The user message judging one candidate against all tests (mode "llm").' }),
  /** Who decides whether a test passes. @default "llm" */
  mode: z.enum(["llm", "execute"]).default("llm").describe('"llm": the model judges each test; "execute": the code runs in the sandbox.'),
  /** Keep only the best k candidates. @default undefined (keep all) */
  top_k: z.number().int().min(1).max(64).optional().describe("Keep only this many candidates, best first. Empty: keep all."),
  /** Language of the candidates' code and the tests (mode "execute"). @default "python" */
  language: z.enum(SANDBOX_LANGUAGES).default("python").describe('Language the code and tests run in (mode "execute").'),
  /** Wall-time limit of one candidate's test run (mode "execute"). @default 10000 */
  timeout_ms: z.number().int().min(100).max(300_000).default(DEFAULT_TEST_TIMEOUT_MS).describe('Time limit in ms for running one candidate against all tests (mode "execute"); a test still running then fails with "timeout".'),
});

const evaluateInputs = {
  query: { type: "query", description: "The task the candidates answer." },
  candidates: { type: "candidates", description: "The responses to test." },
  tests: { type: "tests", description: "The unit tests to apply." },
} as const;

type EvaluateContext = NodeRunContext<z.infer<typeof evaluateParams>, typeof evaluateInputs>;

/** The weight of the tests this node recorded as passed on a candidate (a test's weight is 1 unless it says otherwise). */
function passedBy(candidate: Candidate, nodeId: string, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const a of candidate.annotations) if (a.kind === "test-result" && a.node === nodeId && a.pass) sum += weights.get(a.testId) ?? 1;
  return sum;
}

/** "llm": one call per candidate judging every test; unreadable lines count as fails. */
async function judgeTests(ctx: EvaluateContext): Promise<Candidate[]> {
  const { nodeId, params } = ctx;
  const { query, candidates, tests } = ctx.inputs;
  const vars = { ...queryVariables(query), tests: formatTests(tests), count: String(tests.length) };
  let unread = 0;
  const judged = await Promise.all(
    candidates.map(async (candidate) => {
      const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, { ...vars, candidate: candidate.text });
      const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: `tests ${candidate.id}` }));
      const results = parseTestResults(reply.text, tests.length);
      const missing: number[] = [];
      const annotations: Annotation[] = tests.map((test, i) => {
        const result = results[i];
        if (result != null) return { kind: "test-result", node: nodeId, testId: test.id, pass: result.pass, reason: result.reason };
        missing.push(i + 1);
        return { kind: "test-result", node: nodeId, testId: test.id, pass: false, reason: "unparseable test result" };
      });
      if (missing.length > 0) {
        unread += missing.length;
        annotations.push({ kind: "warning", node: nodeId, message: `no PASS/FAIL could be read for test ${missing.join(", ")}; counted as failed` });
      }
      return annotate(candidate, ...annotations);
    }),
  );
  if (unread > 0) ctx.warn(`node "${nodeId}": ${unread} of ${tests.length * candidates.length} test results could not be read from the judge's replies; counted as failed`);
  return judged;
}

/**
 * "execute": runs each candidate's code (its first fenced block, else its text) against the
 * assert tests in the sandbox, one execution per candidate (a few candidates at a time).
 * Natural-language tests cannot run and count as failed.
 */
async function executeTests(ctx: EvaluateContext): Promise<Candidate[]> {
  const { nodeId, sandbox, params } = ctx;
  const { candidates, tests } = ctx.inputs;
  if (sandbox === undefined) throw new Error(`node "${nodeId}": executed unit tests need the code sandbox, which this host does not provide; set mode to "llm"`);
  const runnable = tests.filter((t) => t.kind === "assert");
  if (runnable.length < tests.length) ctx.warn(`node "${nodeId}": ${tests.length - runnable.length} of ${tests.length} tests are natural language and cannot be executed; counted as failed`);
  const options = { language: params.language, timeoutMs: params.timeout_ms };
  return mapLimit(candidates, SANDBOX_CONCURRENCY, async (candidate) => {
    const results = runnable.length === 0 ? [] : await runCodeTests(sandbox, extractCode(candidate.text), runnable, options, ctx.signal);
    const byId = new Map(results.map((r) => [r.testId, r]));
    const annotations: Annotation[] = tests.map((test) => {
      if (test.kind !== "assert") return { kind: "test-result", node: nodeId, testId: test.id, pass: false, reason: "natural-language test; cannot be executed" };
      const result = byId.get(test.id);
      return result === undefined
        ? { kind: "test-result", node: nodeId, testId: test.id, pass: false, reason: "the sandbox returned no result for this test" }
        : { kind: "test-result", node: nodeId, testId: test.id, pass: result.pass, reason: result.reason };
    });
    return annotate(candidate, ...annotations);
  });
}

export const unitTestEvaluateNode = defineNode({
  type: "unit-test-evaluate",
  title: "Unit-test evaluate",
  category: "testing",
  description:
    'Adds a "test-result" annotation per test to every candidate and sorts the candidates by tests passed, each counted with its weight (ties keep input order), keeping top_k when set. "llm": one call per candidate judging all tests; "execute": runs each candidate\'s code (its first fenced block, else its text) with all assert tests in one sandbox execution (no model calls): a failing test\'s reason is the assertion or the exception line, code that does not load fails every test, a test that hangs fails with "timeout" and the ones after it still run; natural-language tests count as failed. Template variables: {{query}}, {{context}}, {{context_block}}, {{candidate}}, {{tests}}, {{count}}.',
  inputs: evaluateInputs,
  outputs: {
    candidates: { type: "candidates", description: "The candidates, most tests passed first." },
  },
  params: evaluateParams,
  models: (p) => (p.mode === "llm" ? [p.model] : []),
  estimate: (p, context) => {
    const n = countOf(context, "candidates");
    const tests = countOf(context, "tests");
    const outputCounts = { candidates: p.top_k === undefined ? n : Math.min(n, p.top_k) };
    if (p.mode === "execute" || tests === 0) return { calls: 0, inputTokens: 0, outputTokens: 0, outputCounts };
    return llmEstimate(p, context, n, 1 + tests, outputCounts);
  },
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const { candidates, tests } = ctx.inputs;
    if (params.mode === "execute" && ctx.sandbox === undefined) {
      throw new Error(`node "${nodeId}": executed unit tests need the code sandbox, which this host does not provide; set mode to "llm"`);
    }
    const keep = (list: Candidate[]): Candidate[] => (params.top_k === undefined ? list : list.slice(0, params.top_k));
    if (tests.length === 0) {
      ctx.warn(`node "${nodeId}" received no tests, so it cannot tell the candidates apart; keeping the input order`);
      return { candidates: keep(candidates) };
    }

    const tested = params.mode === "execute" ? await executeTests(ctx) : await judgeTests(ctx);
    // Array.prototype.sort is stable: equal pass counts keep the input order.
    const weights = new Map(tests.map((t) => [t.id, t.weight ?? 1] as const));
    const sorted = [...tested].sort((a, b) => passedBy(b, nodeId, weights) - passedBy(a, nodeId, weights));
    return { candidates: keep(sorted) };
  },
});
