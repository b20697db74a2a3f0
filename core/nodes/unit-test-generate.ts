/** Asks the model for unit tests a correct answer must pass (CodeT-style selection). */
import { z } from "zod";
import type { UnitTest } from "../graph/ports";
import { defineNode } from "./define";
import { llmEstimate } from "./estimate-tokens";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { parseTestLines } from "./parse";
import { UNIT_TEST_GENERATE_TEMPLATE, UNIT_TEST_GENERATE_VARIABLES } from "./prompts";

export const unitTestGenerateNode = defineNode({
  type: "unit-test-generate",
  title: "Unit-test generate",
  category: "testing",
  description:
    'One call asking for `count` tests, one per line. Lines starting with "assert" become code tests, others natural-language checks. Fewer tests than asked is a warning, never an error. Template variables: {{query}}, {{context}}, {{context_block}}, {{count}}.',
  inputs: {
    query: { type: "query", description: "The task the tests are for." },
  },
  outputs: {
    tests: { type: "tests", description: "The parsed tests, in the order written." },
  },
  params: z.object({
    ...llmParamFields({ temperature: 0.7, template: UNIT_TEST_GENERATE_TEMPLATE, variables: UNIT_TEST_GENERATE_VARIABLES, templateDescription: "The user message asking for tests." }),
    /** Number of tests to ask for. @default 5 */
    count: z.number().int().min(1).max(32).default(5).describe("Number of tests to ask for (1 to 32)."),
  }),
  models: (p) => [p.model],
  estimate: (p, context) => llmEstimate(p, context, 1, 0, { tests: p.count }),
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const query = ctx.inputs.query;
    const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, { ...queryVariables(query), count: String(params.count) });
    const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: "unit tests" }));
    const parsed = parseTestLines(reply.text).slice(0, params.count);
    if (parsed.length === 0) ctx.warn(`node "${nodeId}": no tests could be read from the model's reply (asked for ${params.count}); outputting an empty test list`);
    else if (parsed.length < params.count) ctx.warn(`node "${nodeId}": asked for ${params.count} tests but could read only ${parsed.length}`);
    const tests: UnitTest[] = parsed.map((test, i) => ({ id: `${nodeId}#${i}`, text: test.text, kind: test.kind }));
    return { tests };
  },
});
