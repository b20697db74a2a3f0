/** An LLM judge that filters out candidates it finds incorrect. */
import { z } from "zod";
import { defineNode } from "./define";
import { countOf, llmEstimate } from "./estimate-tokens";
import { annotate } from "./format";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { parseVerdict } from "./parse";
import { VERIFY_TEMPLATE, VERIFY_VARIABLES } from "./prompts";

export const verifyNode = defineNode({
  type: "verify",
  title: "Verify",
  category: "critique",
  description:
    'Judges each candidate (one call each) and adds a "verdict" annotation. Outputs the passing candidates in input order; if none pass, all are kept with a warning. An unreadable verdict counts as a fail with a warning annotation. Template variables: {{query}}, {{context}}, {{context_block}}, {{candidate}}.',
  inputs: {
    query: { type: "query", description: "The task the candidates answer." },
    candidates: { type: "candidates", description: "The responses to check." },
  },
  outputs: {
    candidates: { type: "candidates", description: "The candidates judged correct (all of them if none were)." },
  },
  params: z.object({
    ...llmParamFields({ temperature: 0, template: VERIFY_TEMPLATE, variables: VERIFY_VARIABLES, templateDescription: "The user message judging one candidate." }),
  }),
  models: (p) => [p.model],
  estimate: (p, context) => {
    const n = countOf(context, "candidates");
    return llmEstimate(p, context, n, 1, { candidates: n });
  },
  run: async (ctx) => {
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

    const passing = judged.filter((c) => c.annotations.some((a) => a.kind === "verdict" && a.node === nodeId && a.pass));
    if (passing.length === 0 && judged.length > 0) {
      // Emptying the list would starve everything downstream; better to pass all on, flagged.
      ctx.warn(`node "${nodeId}": none of the ${judged.length} candidates passed verification; keeping all of them`);
      return { candidates: judged };
    }
    return { candidates: passing };
  },
});
