/** Attaches a strengths/weaknesses critique to each candidate, for fuse or a human to use. */
import { z } from "zod";
import { defineNode } from "./define";
import { countOf, llmEstimate } from "./estimate-tokens";
import { annotate, formatNumberedCandidates } from "./format";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { parseBatchCritiques, parseCritique } from "./parse";
import type { ParsedCritique } from "./parse";
import { CRITIQUE_BATCH_TEMPLATE, CRITIQUE_BATCH_VARIABLES, CRITIQUE_EACH_TEMPLATE, CRITIQUE_EACH_VARIABLES } from "./prompts";
import { templateParam } from "./template";

export const critiqueNode = defineNode({
  type: "critique",
  title: "Critique",
  category: "critique",
  description:
    'Adds a "critique" annotation (strengths, weaknesses) to every candidate, keeping their order. Mode "each" makes one call per candidate ({{candidate}}); "batch" one call for all ({{candidates}}, {{count}}) using batch_prompt_template. Both may use {{query}}, {{context}}, {{context_block}}. A reply that cannot be read gives that candidate a warning annotation instead.',
  inputs: {
    query: { type: "query", description: "The task the candidates answer." },
    candidates: { type: "candidates", description: "The responses to critique." },
  },
  outputs: {
    candidates: { type: "candidates", description: "The same candidates, same order, each with a critique (or a warning)." },
  },
  params: z.object({
    ...llmParamFields({ temperature: 0, template: CRITIQUE_EACH_TEMPLATE, variables: CRITIQUE_EACH_VARIABLES, templateDescription: 'The user message for one candidate (mode "each").' }),
    /** One call per candidate, or one call for all. @default "each" */
    mode: z.enum(["each", "batch"]).default("each").describe('"each": one call per candidate; "batch": one call critiquing all candidates.'),
    /** The user message in batch mode. @default CRITIQUE_BATCH_TEMPLATE */
    batch_prompt_template: templateParam(CRITIQUE_BATCH_TEMPLATE, CRITIQUE_BATCH_VARIABLES, 'The user message critiquing all candidates at once (mode "batch").'),
  }),
  models: (p) => [p.model],
  estimate: (p, context) => {
    const n = countOf(context, "candidates");
    if (p.mode === "each") return llmEstimate(p, context, n, 1, { candidates: n });
    return llmEstimate({ ...p, prompt_template: p.batch_prompt_template }, context, n > 0 ? 1 : 0, n, { candidates: n });
  },
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const { query, candidates } = ctx.inputs;
    if (candidates.length === 0) return { candidates: [] };
    const vars = queryVariables(query);

    let critiques: (ParsedCritique | null)[];
    if (params.mode === "each") {
      critiques = await Promise.all(
        candidates.map(async (candidate) => {
          const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, { ...vars, candidate: candidate.text });
          const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: `critique ${candidate.id}` }));
          return parseCritique(reply.text);
        }),
      );
    } else {
      const user = renderPrompt(nodeId, "batch_prompt_template", params.batch_prompt_template, {
        ...vars,
        candidates: formatNumberedCandidates(candidates),
        count: String(candidates.length),
      });
      const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: "critique all" }));
      critiques = parseBatchCritiques(reply.text, candidates.length);
    }

    const unread: string[] = [];
    const critiqued = candidates.map((candidate, i) => {
      const critique = critiques[i];
      if (critique != null) return annotate(candidate, { kind: "critique", node: nodeId, strengths: critique.strengths, weaknesses: critique.weaknesses });
      unread.push(candidate.id);
      return annotate(candidate, { kind: "warning", node: nodeId, message: "the model's critique could not be read (no Strengths/Weaknesses sections found); no critique attached" });
    });
    if (unread.length > 0) ctx.warn(`node "${nodeId}": could not read the critique of ${unread.length} of ${candidates.length} candidates (${unread.join(", ")}); they carry a warning instead`);
    return { candidates: critiqued };
  },
});
