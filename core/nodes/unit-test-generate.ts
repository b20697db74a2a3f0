/** Asks the model for unit tests a correct answer must pass (CodeT-style selection). */
import { z } from "zod";
import type { UnitTest } from "../graph/ports";
import type { NodeRunContext } from "./define";
import { defineNode } from "./define";
import { checkCompiles } from "./code-tests";
import { compileForm, entryPointOf, mergeWithMultiplicity, splitAssertions } from "./codet";
import { llmEstimate } from "./estimate-tokens";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { parseTestLines } from "./parse";
import type { ParsedTest } from "./parse";
import { UNIT_TEST_GENERATE_TEMPLATE, UNIT_TEST_GENERATE_VARIABLES } from "./prompts";

const generateTestsParams = z.object({
  ...llmParamFields({ temperature: 0.7, template: UNIT_TEST_GENERATE_TEMPLATE, variables: UNIT_TEST_GENERATE_VARIABLES, templateDescription: "The user message asking for tests." }),
  /** Tests asked for per call, and kept per sample. @default 5 */
  count: z.number().int().min(1).max(32).default(5).describe('Tests asked for per call, and the most kept from each sample (CodeT keeps 5) (1 to 32).'),
  /** Calls made (sample i uses seed + i); identical tests are merged, weighted by how often they were generated. @default 1 */
  samples: z.number().int().min(1).max(100).default(1).describe("Number of samples of tests (calls); identical tests from several samples are merged into one, weighted by how often they were generated."),
  /** How tests are read from a reply. @default "lines" */
  extraction: z
    .enum(["lines", "codet"])
    .default("lines")
    .describe('"lines": numbered or bulleted lines and bare assert lines; "codet": CodeT\'s rule: split on "assert ", keep the parts that name the entry point and compile (checked in the sandbox).'),
  /** The function the tests must call (extraction "codet"); empty: the first `def name(` in the query. @default "" */
  entry_point: z.string().default("").describe('Function name a test must mention (extraction "codet"). Empty: the first "def name(" in the query text.'),
});

const generateTestsInputs = {
  query: { type: "query", description: "The task the tests are for." },
} as const;

type GenerateTestsContext = NodeRunContext<z.infer<typeof generateTestsParams>, typeof generateTestsInputs>;

/** Every sample's tests, read by CodeT's rule and cut to `count` compiling ones per sample. */
async function codetTests(ctx: GenerateTestsContext, replies: readonly string[]): Promise<ParsedTest[][]> {
  const { nodeId, params } = ctx;
  const entryPoint = params.entry_point.trim() !== "" ? params.entry_point.trim() : entryPointOf(ctx.inputs.query.text);
  if (entryPoint === null) ctx.warn(`node "${nodeId}": no entry point (params.entry_point is empty and the query has no "def name("); kept the asserts without filtering on the function name`);
  const split = replies.map((text) => splitAssertions(text, entryPoint));
  const distinct = [...new Set(split.flat())];
  let compiles: ReadonlyMap<string, boolean>;
  if (ctx.sandbox === undefined) {
    ctx.warn(`node "${nodeId}": this host has no code sandbox, so the tests could not be compile-checked; kept every assert that names the entry point`);
    compiles = new Map(distinct.map((t) => [t, true]));
  } else {
    const ok = await checkCompiles(ctx.sandbox, distinct.map(compileForm), {}, ctx.signal);
    compiles = new Map(distinct.map((t, i) => [t, ok[i] === true]));
  }
  return split.map((tests) => tests.filter((t) => compiles.get(t) === true).slice(0, params.count).map((text) => ({ text, kind: "assert" as const })));
}

export const unitTestGenerateNode = defineNode({
  type: "unit-test-generate",
  title: "Unit-test generate",
  category: "testing",
  description:
    'Asks for `count` tests per call, `samples` calls. extraction "lines": lines starting with "assert" become code tests, other numbered lines natural-language checks. extraction "codet": CodeT\'s rule (split on "assert ", keep the parts naming the entry point that compile in the sandbox, at most `count` per sample). Identical tests are merged into one whose weight counts how often they were generated (the weights of the select node\'s CodeT rule). Fewer tests than asked is a warning, never an error. Template variables: {{query}}, {{context}}, {{context_block}}, {{count}}.',
  inputs: generateTestsInputs,
  outputs: {
    tests: { type: "tests", description: "The distinct tests, in order of first appearance, with their multiplicity as weight." },
  },
  params: generateTestsParams,
  models: (p) => [p.model],
  estimate: (p, context) => llmEstimate(p, context, p.samples, 0, { tests: p.count * p.samples }),
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const query = ctx.inputs.query;
    const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, { ...queryVariables(query), count: String(params.count) });
    const replies = await Promise.all(
      Array.from({ length: params.samples }, async (_, sample) => {
        const purpose = params.samples === 1 ? "unit tests" : `unit tests ${sample + 1}`;
        return (await ctx.chat(chatRequest({ nodeId, params, query, user, sample, purpose }))).text;
      }),
    );
    const perSample = params.extraction === "codet" ? await codetTests(ctx, replies) : replies.map((text) => parseTestLines(text).slice(0, params.count));

    const what = params.samples === 1 ? "the model's reply" : `${params.samples} samples`;
    const read = perSample.reduce((n, tests) => n + tests.length, 0);
    const asked = params.count * params.samples;
    if (read === 0) ctx.warn(`node "${nodeId}": no tests could be read from ${what} (asked for ${asked}); outputting an empty test list`);
    else if (read < asked) ctx.warn(`node "${nodeId}": asked for ${asked} tests but could read only ${read}`);

    const kinds = new Map<string, ParsedTest["kind"]>();
    for (const test of perSample.flat()) if (!kinds.has(test.text)) kinds.set(test.text, test.kind);
    const merged = mergeWithMultiplicity(perSample.map((tests) => tests.map((t) => t.text)));
    const tests: UnitTest[] = merged.map((test, i) => ({
      id: `${nodeId}#${i}`,
      text: test.text,
      kind: kinds.get(test.text) ?? "assert",
      ...(test.weight > 1 ? { weight: test.weight } : {}),
    }));
    return { tests };
  },
});
