/**
 * Filters out the candidates that fail a check: an LLM judge (mode "llm"), or an exact program
 * check (mode "program": the Game-of-24 checker, or a Python predicate run in the sandbox).
 */
import { z } from "zod";
import type { Annotation, Candidate } from "../graph/ports";
import type { NodeIssue, NodeRunContext } from "./define";
import { defineNode } from "./define";
import { DEFAULT_TEST_TIMEOUT_MS, runCodeTests } from "./code-tests";
import { countOf, llmEstimate } from "./estimate-tokens";
import { extractAnswer, EXTRACTORS } from "./extract";
import type { ExtractorKind } from "./extract";
import { regexPatternIssues } from "./extractor-params";
import { annotate } from "./format";
import { checkGame24, extractGame24Expression, parsePuzzleNumbers } from "./game24-check";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { parseVerdict } from "./parse";
import { VERIFY_TEMPLATE, VERIFY_VARIABLES } from "./prompts";

/** The built-in program checkers. */
export const VERIFY_CHECKERS = ["game24", "python"] as const;

/** The answer extractors of vote, plus "full-text" (the whole response). */
export const VERIFY_EXTRACTORS = [...EXTRACTORS, "full-text"] as const;

/** The predicate a fresh node gets: a skeleton to edit. */
export const DEFAULT_PREDICATE = `def check(answer, query):
    # answer: the extracted answer (a str, or None when none was found); query: the task text.
    # Return True/False, or (passed, reason).
    return answer is not None
`;

const verifyParams = z.object({
  ...llmParamFields({ temperature: 0, template: VERIFY_TEMPLATE, variables: VERIFY_VARIABLES, templateDescription: 'The user message judging one candidate (mode "llm").' }),
  /** Who decides: the model, or a program. @default "llm" */
  mode: z.enum(["llm", "program"]).default("llm").describe('"llm": a model judges each candidate (one call each); "program": an exact check, no model calls.'),
  /** The program check (mode "program"). @default "game24" */
  checker: z
    .enum(VERIFY_CHECKERS)
    .default("game24")
    .describe('Mode "program": "game24" checks that the answer expression uses the query\'s four numbers once each and equals 24 exactly; "python" runs the predicate in the sandbox.'),
  /** Python source defining `check(answer, query)` (checker "python"). @default DEFAULT_PREDICATE */
  predicate: z
    .string()
    .default(DEFAULT_PREDICATE)
    .describe('Checker "python": Python code defining check(answer, query) -> bool or (bool, reason); answer is the extracted answer (None when none was found), query the task text.'),
  /** How the answer passed to the predicate is extracted (checker "python"). @default "last-number" */
  extractor: z.enum(VERIFY_EXTRACTORS).default("last-number").describe('Checker "python": how the answer is extracted, as in vote (the last number, \\boxed{}, an option letter A-E, a regex), or the full response text.'),
  /** Regex for the "regex" extractor. @default "" */
  pattern: z.string().default("").describe('Regular expression for the "regex" extractor; the first capture group (else the whole match) of the last match is the answer.'),
  /** Wall-time limit of the predicate run over all candidates (checker "python"). @default 10000 */
  timeout_ms: z.number().int().min(100).max(300_000).default(DEFAULT_TEST_TIMEOUT_MS).describe('Checker "python": time limit in ms of one sandbox run checking all candidates.'),
});

const verifyInputs = {
  query: { type: "query", description: "The task the candidates answer." },
  candidates: { type: "candidates", description: "The responses to check." },
} as const;

type VerifyParams = z.infer<typeof verifyParams>;
type VerifyContext = NodeRunContext<VerifyParams, typeof verifyInputs>;

function validateVerify(p: VerifyParams): NodeIssue[] {
  if (p.mode !== "program" || p.checker !== "python") return [];
  const issues: NodeIssue[] = [];
  if (!/\bdef\s+check\s*\(/.test(p.predicate)) {
    issues.push({ code: "param-invalid", path: "params.predicate", message: "the predicate defines no check(answer, query) function", hint: "Write Python code with def check(answer, query): returning True/False or (passed, reason)." });
  }
  if (p.extractor === "regex") issues.push(...regexPatternIssues(p.pattern));
  return issues;
}

/** Mode "llm": one judge call per candidate; an unreadable verdict is a fail with a warning annotation. */
async function judge(ctx: VerifyContext): Promise<Candidate[]> {
  const { nodeId, params } = ctx;
  const { query, candidates } = ctx.inputs;
  const vars = queryVariables(query);
  const unread: string[] = [];
  const judged = await Promise.all(
    candidates.map(async (candidate) => {
      const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, { ...vars, candidate: candidate.text });
      const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: `verify ${candidate.id}` }));
      const verdict = parseVerdict(reply.text);
      if (verdict !== null) return annotate(candidate, { kind: "verdict", node: nodeId, pass: verdict.pass, reason: verdict.reason });
      unread.push(candidate.id);
      // An unreadable judgement must not let a candidate through as verified.
      return annotate(
        candidate,
        { kind: "verdict", node: nodeId, pass: false, reason: "unparseable verdict" },
        { kind: "warning", node: nodeId, message: "the judge's reply named no verdict (PASS/FAIL, yes/no, correct/incorrect); counted as a fail" },
      );
    }),
  );
  if (unread.length > 0) ctx.warn(`node "${nodeId}": could not read the verdict on ${unread.length} of ${candidates.length} candidates (${unread.join(", ")}); counted as fails`);
  return judged;
}

/** Checker "game24": the response's answer expression against the query's four numbers. */
function checkGame24Candidates(ctx: VerifyContext): Candidate[] {
  const { nodeId } = ctx;
  const { query, candidates } = ctx.inputs;
  const numbers = parsePuzzleNumbers(query.text);
  if (numbers === null) throw new Error(`node "${nodeId}": the game24 checker needs the puzzle's four numbers in the query (e.g. "4 5 6 10"), and the query has none`);
  return candidates.map((candidate) => {
    const expression = extractGame24Expression(candidate.text);
    const answer: Annotation = { kind: "answer", node: nodeId, value: expression, method: "game24" };
    const result = expression === null ? { ok: false as const, reason: "not an expression: the response has no answer" } : checkGame24(expression, numbers);
    const reason = result.ok ? `${expression ?? ""} = 24, using ${numbers.join(" ")} once each` : result.reason;
    return annotate(candidate, answer, { kind: "verdict", node: nodeId, pass: result.ok, reason });
  });
}

/** The statement that calls the predicate on one answer: a pass or an assertion failure, with the predicate's reason. */
function predicateCall(answer: string | null, query: string): string {
  const literal = (s: string) => JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return [
    `__itasca_r = check(${answer === null ? "None" : literal(answer)}, ${literal(query)})`,
    "if isinstance(__itasca_r, tuple):",
    '    __itasca_ok, __itasca_why = bool(__itasca_r[0]), (str(__itasca_r[1]) if len(__itasca_r) > 1 else "")',
    "else:",
    '    __itasca_ok, __itasca_why = bool(__itasca_r), ""',
    '__itasca_note__ = __itasca_why or "check() returned True"',
    'assert __itasca_ok, __itasca_why or "check() returned False"',
  ].join("\n");
}

/** Checker "python": one sandbox run of the predicate over every distinct extracted answer. */
async function checkWithPredicate(ctx: VerifyContext): Promise<Candidate[]> {
  const { nodeId, params, sandbox } = ctx;
  const { query, candidates } = ctx.inputs;
  if (sandbox === undefined) throw new Error(`node "${nodeId}": the python checker runs in the code sandbox, which this host does not provide; use the game24 checker or mode "llm"`);
  if (params.extractor === "regex" && params.pattern === "") throw new Error(`node "${nodeId}": the "regex" extractor needs a non-empty pattern`);
  const extractor = params.extractor;
  const answers = candidates.map((c) => (extractor === "full-text" ? c.text : extractAnswer(c.text, extractor satisfies ExtractorKind, params.pattern)));
  const distinct = [...new Set(answers)];
  const tests = distinct.map((answer, i) => ({ id: String(i), text: predicateCall(answer, query.text) }));
  const results = candidates.length === 0 ? [] : await runCodeTests(sandbox, params.predicate, tests, { language: "python", timeoutMs: params.timeout_ms }, ctx.signal);
  const byAnswer = new Map(distinct.map((answer, i) => [answer, results[i]]));
  return candidates.map((candidate, i) => {
    const answer = answers[i] ?? null;
    const result = byAnswer.get(answer);
    const reason = (result?.reason ?? "the sandbox returned no result").replace(/^assertion failed: /, "");
    return annotate(candidate, { kind: "answer", node: nodeId, value: answer, method: extractor }, { kind: "verdict", node: nodeId, pass: result?.pass === true, reason });
  });
}

export const verifyNode = defineNode({
  type: "verify",
  title: "Verify",
  category: "critique",
  description:
    'Checks each candidate and adds a "verdict" annotation (the reason says why). Outputs the passing candidates in input order; if none pass, all are kept with a warning. mode "llm": a model judges each candidate (one call each); an unreadable verdict counts as a fail with a warning annotation; template variables: {{query}}, {{context}}, {{context_block}}, {{candidate}}. mode "program" (no model calls): checker "game24" reads the answer expression (the last "Answer:" line, "= 24" dropped) and checks it uses the four numbers of the query once each and equals 24 in exact arithmetic; checker "python" extracts each answer as vote does (plus "full-text") and runs check(answer, query) from `predicate` in the sandbox. Program checks also add an "answer" annotation.',
  inputs: verifyInputs,
  outputs: {
    candidates: { type: "candidates", description: "The candidates judged correct (all of them if none were)." },
  },
  params: verifyParams,
  models: (p) => (p.mode === "llm" ? [p.model] : []),
  validate: (p) => validateVerify(p),
  estimate: (p, context) => {
    const n = countOf(context, "candidates");
    if (p.mode === "program") return { calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: { candidates: n } };
    return llmEstimate(p, context, n, 1, { candidates: n });
  },
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const judged = params.mode === "llm" ? await judge(ctx) : params.checker === "game24" ? checkGame24Candidates(ctx) : await checkWithPredicate(ctx);
    const passing = judged.filter((c) => c.annotations.some((a) => a.kind === "verdict" && a.node === nodeId && a.pass));
    if (passing.length === 0 && judged.length > 0) {
      // Emptying the list would starve everything downstream; better to pass all on, flagged.
      ctx.warn(`node "${nodeId}": none of the ${judged.length} candidates passed verification; keeping all of them`);
      return { candidates: judged };
    }
    return { candidates: passing };
  },
});
