/**
 * Default prompt templates of the LLM nodes, and the variables each template may use.
 * The wording is Itasca's own. Every template may use the query variables; the UI lists
 * `NODE_TEMPLATE_VARIABLES` next to the template editor.
 *
 * Query variables:
 * - `{{query}}`: the task text.
 * - `{{context}}`: the query's reference context, or "" when there is none.
 * - `{{context_block}}`: "Reference material:\n<context>\n\n", or "" when there is none, so a
 *   default template reads well with and without context.
 */

export const QUERY_VARIABLES = ["query", "context", "context_block"] as const;

export const GENERATE_VARIABLES = [...QUERY_VARIABLES] as const;
export const GENERATE_TEMPLATE = "{{context_block}}{{query}}";

/** `{{candidate}}`: the text of the candidate under review. */
export const CRITIQUE_EACH_VARIABLES = [...QUERY_VARIABLES, "candidate"] as const;
export const CRITIQUE_EACH_TEMPLATE = `You are reviewing one proposed response to a task.

{{context_block}}Task:
{{query}}

Proposed response:
{{candidate}}

Assess the response using exactly this layout:
Strengths: <what the response gets right>
Weaknesses: <errors, omissions or unclear parts>`;

/** `{{candidates}}`: all candidates as numbered blocks `[1] ...`; `{{count}}`: how many. */
export const CRITIQUE_BATCH_VARIABLES = [...QUERY_VARIABLES, "candidates", "count"] as const;
export const CRITIQUE_BATCH_TEMPLATE = `You are reviewing {{count}} proposed responses to the same task.

{{context_block}}Task:
{{query}}

{{candidates}}

For every response write a section headed "Candidate N", where N is its number, containing two lines:
Strengths: <what it gets right>
Weaknesses: <errors, omissions or unclear parts>`;

export const RANK_LISTWISE_VARIABLES = [...QUERY_VARIABLES, "candidates", "count"] as const;
export const RANK_LISTWISE_TEMPLATE = `Order the {{count}} responses below from best to worst for the task.

{{context_block}}Task:
{{query}}

{{candidates}}

Judge correctness first, then completeness, then clarity. On the final line give the complete order using the bracketed numbers, best first, for example: [2] > [1] > [3]`;

/** `{{candidate_a}}`, `{{candidate_b}}`: the two candidates being compared. */
export const RANK_PAIRWISE_VARIABLES = [...QUERY_VARIABLES, "candidate_a", "candidate_b"] as const;
export const RANK_PAIRWISE_TEMPLATE = `Two responses to the same task follow. Decide which one is better.

{{context_block}}Task:
{{query}}

Response A:
{{candidate_a}}

Response B:
{{candidate_b}}

Judge correctness first, then completeness, then clarity. End with a line reading either "WINNER: A" or "WINNER: B".`;

/** `{{candidates}}` includes each candidate's critiques when `use_critiques` is on. */
export const FUSE_VARIABLES = [...QUERY_VARIABLES, "candidates", "count"] as const;
export const FUSE_TEMPLATE = `{{count}} responses to the task below were written independently; any of them may contain mistakes.

{{context_block}}Task:
{{query}}

Responses to draw on:
{{candidates}}

Write a single improved response to the task. Keep what the responses get right, correct what they get wrong, and do not refer to the responses themselves.`;

export const VERIFY_VARIABLES = [...QUERY_VARIABLES, "candidate"] as const;
export const VERIFY_TEMPLATE = `Check whether the response below solves the task correctly and completely.

{{context_block}}Task:
{{query}}

Response:
{{candidate}}

Reason briefly, then finish with these two lines:
REASON: <one sentence>
VERDICT: PASS or VERDICT: FAIL`;

/** `{{count}}`: how many tests to ask for. */
export const UNIT_TEST_GENERATE_VARIABLES = [...QUERY_VARIABLES, "count"] as const;
export const UNIT_TEST_GENERATE_TEMPLATE = `Write {{count}} unit tests that any correct solution to the task below must pass.

{{context_block}}Task:
{{query}}

If the task asks for code, write every test as a one-line assert statement, such as: assert f(2) == 4
Otherwise, write every test as one short statement that can be checked against a response.
Give exactly one test per line, numbered 1 to {{count}}, and nothing else.`;

/** `{{tests}}`: the tests as lines `Test N: ...`; `{{count}}`: how many tests. */
export const UNIT_TEST_EVALUATE_VARIABLES = [...QUERY_VARIABLES, "candidate", "tests", "count"] as const;
export const UNIT_TEST_EVALUATE_TEMPLATE = `Decide whether the response below passes each of the {{count}} tests.

{{context_block}}Task:
{{query}}

Response:
{{candidate}}

Tests:
{{tests}}

Reply with one line per test, in order, in the form "Test N: PASS - reason" or "Test N: FAIL - reason".`;

/** Template variables per node type and template param, for the inspector. */
export const NODE_TEMPLATE_VARIABLES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  generate: { prompt_template: GENERATE_VARIABLES },
  critique: { prompt_template: CRITIQUE_EACH_VARIABLES, batch_prompt_template: CRITIQUE_BATCH_VARIABLES },
  rank: { prompt_template: RANK_LISTWISE_VARIABLES, pairwise_prompt_template: RANK_PAIRWISE_VARIABLES },
  fuse: { prompt_template: FUSE_VARIABLES },
  verify: { prompt_template: VERIFY_VARIABLES },
  "unit-test-generate": { prompt_template: UNIT_TEST_GENERATE_VARIABLES },
  "unit-test-evaluate": { prompt_template: UNIT_TEST_EVALUATE_VARIABLES },
};
