/** Writes new candidates that combine the strengths of the input candidates (Archon's fuser). */
import { z } from "zod";
import type { Candidate } from "../graph/ports";
import { defineNode } from "./define";
import { countOf, llmEstimate } from "./estimate-tokens";
import { formatNumberedCandidates } from "./format";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { FUSE_TEMPLATE, FUSE_VARIABLES } from "./prompts";

export const fuseNode = defineNode({
  type: "fuse",
  title: "Fuse",
  category: "synthesis",
  description:
    "Makes `fusers` calls, each writing one new candidate from all input candidates (and their critiques when use_critiques is on). Fused candidates carry no annotations. Fuser i is sample i and uses seed + i. Template variables: {{query}}, {{context}}, {{context_block}}, {{candidates}}, {{count}}.",
  inputs: {
    query: { type: "query", description: "The task to answer." },
    candidates: { type: "candidates", description: "The responses to fuse." },
  },
  outputs: {
    candidates: { type: "candidates", description: "One new candidate per fuser." },
  },
  params: z.object({
    ...llmParamFields({ temperature: 0.7, template: FUSE_TEMPLATE, variables: FUSE_VARIABLES, templateDescription: "The user message of each fuser." }),
    /** Number of fused candidates (one call each). @default 1 */
    fusers: z.number().int().min(1).max(16).default(1).describe("Number of fused candidates, one call each (1 to 16)."),
    /** Show critique annotations to the fuser. @default true */
    use_critiques: z.boolean().default(true).describe("Include the candidates' critiques in the prompt when they have any."),
  }),
  models: (p) => [p.model],
  estimate: (p, context) => {
    const n = countOf(context, "candidates");
    const calls = n > 0 ? p.fusers : 0;
    return llmEstimate(p, context, calls, n, { candidates: calls });
  },
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const { query, candidates } = ctx.inputs;
    if (candidates.length === 0) {
      ctx.warn(`node "${nodeId}" received no candidates to fuse, so it outputs none`);
      return { candidates: [] };
    }
    const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, {
      ...queryVariables(query),
      candidates: formatNumberedCandidates(candidates, params.use_critiques),
      count: String(candidates.length),
    });
    // Every fuser sees the same prompt; fuser i is sample i (seed + i), so fusers differ.
    const fused = await Promise.all(
      Array.from({ length: params.fusers }, async (_, i): Promise<Candidate> => {
        const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: i, purpose: `fuser ${i}` }));
        return { id: `${nodeId}#${i}`, text: reply.text, origin: { node: nodeId, model: params.model, sample: i }, annotations: [] };
      }),
    );
    return { candidates: fused };
  },
});
