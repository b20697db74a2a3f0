/** Draws `samples` independent responses to the query: the source of candidates. */
import { z } from "zod";
import type { Candidate } from "../graph/ports";
import { defineNode } from "./define";
import { llmEstimate } from "./estimate-tokens";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { GENERATE_TEMPLATE, GENERATE_VARIABLES } from "./prompts";

export const generateNode = defineNode({
  type: "generate",
  title: "Generate",
  category: "generation",
  description:
    "Samples `samples` responses to the query, concurrently. Sample i is a distinct call (and cache entry) and uses seed + i when a seed is set. Template variables: {{query}}, {{context}}, {{context_block}}.",
  inputs: {
    query: { type: "query", description: "The task to answer." },
  },
  outputs: {
    candidates: { type: "candidates", description: "One candidate per sample, in sample order." },
  },
  params: z.object({
    ...llmParamFields({ temperature: 0.7, template: GENERATE_TEMPLATE, variables: GENERATE_VARIABLES, templateDescription: "The user message sent for each sample." }),
    /** Number of responses to draw. @default 1 */
    samples: z.number().int().min(1).max(256).default(1).describe("Number of responses to draw (1 to 256)."),
  }),
  models: (p) => [p.model],
  estimate: (p, context) => llmEstimate(p, context, p.samples, 0, { candidates: p.samples }),
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const query = ctx.inputs.query;
    const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, queryVariables(query));
    // All samples share one prompt; the sample index keeps them distinct calls and cache entries.
    const candidates = await Promise.all(
      Array.from({ length: params.samples }, async (_, i): Promise<Candidate> => {
        const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: i, purpose: `sample ${i}` }));
        return { id: `${nodeId}#${i}`, text: reply.text, origin: { node: nodeId, model: params.model, sample: i }, annotations: [] };
      }),
    );
    return { candidates };
  },
});
