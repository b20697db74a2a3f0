/** Keeps the best `top_k` candidates, best first, as judged by the model. */
import { z } from "zod";
import type { Annotation } from "../graph/ports";
import type { NodeRunContext } from "./define";
import { defineNode } from "./define";
import { countOf, llmEstimate } from "./estimate-tokens";
import { annotate, formatNumberedCandidates } from "./format";
import { chatRequest, llmParamFields, queryVariables, renderPrompt } from "./llm-params";
import { parsePairwise, parseRanking } from "./parse";
import { RANK_LISTWISE_TEMPLATE, RANK_LISTWISE_VARIABLES, RANK_PAIRWISE_TEMPLATE, RANK_PAIRWISE_VARIABLES } from "./prompts";
import { templateParam } from "./template";

const rankParams = z.object({
  ...llmParamFields({ temperature: 0, template: RANK_LISTWISE_TEMPLATE, variables: RANK_LISTWISE_VARIABLES, templateDescription: 'The user message showing all candidates (mode "listwise").' }),
  /** How many candidates to keep. @default 3 */
  top_k: z.number().int().min(1).max(64).default(3).describe("Number of candidates kept, best first (1 to 64)."),
  /** One call for the whole list, or one per pair. @default "listwise" */
  mode: z.enum(["listwise", "pairwise"]).default("listwise").describe('"listwise": one call orders all candidates; "pairwise": one call per pair, ranked by wins.'),
  /** The user message comparing two candidates. @default RANK_PAIRWISE_TEMPLATE */
  pairwise_prompt_template: templateParam(RANK_PAIRWISE_TEMPLATE, RANK_PAIRWISE_VARIABLES, 'The user message comparing two candidates (mode "pairwise").'),
});

const rankInputs = {
  query: { type: "query", description: "The task the candidates answer." },
  candidates: { type: "candidates", description: "The responses to rank." },
} as const;

type RankContext = NodeRunContext<z.infer<typeof rankParams>, typeof rankInputs>;

interface RankOutcome {
  /** All candidate indices, best first. */
  order: number[];
  /** Pairwise wins per candidate index (pairwise mode only). */
  scores?: number[];
  /** Warning annotations to attach, by candidate index. */
  warnings: Map<number, string[]>;
}

function addWarning(warnings: Map<number, string[]>, index: number, message: string): void {
  warnings.set(index, [...(warnings.get(index) ?? []), message]);
}

function inputOrder(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** One call showing [1]..[n]; the reply's order is read leniently. */
async function rankListwise(ctx: RankContext): Promise<RankOutcome> {
  const { nodeId, params } = ctx;
  const { query, candidates } = ctx.inputs;
  const warnings = new Map<number, string[]>();
  // Nothing to compare: no call, no cost.
  if (candidates.length <= 1) return { order: inputOrder(candidates.length), warnings };
  const user = renderPrompt(nodeId, "prompt_template", params.prompt_template, {
    ...queryVariables(query),
    candidates: formatNumberedCandidates(candidates),
    count: String(candidates.length),
  });
  const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: "rank" }));
  const ranking = parseRanking(reply.text, candidates.length);
  if (ranking === null) {
    ctx.warn(`node "${nodeId}": could not read a ranking of ${candidates.length} candidates from the model's reply; kept the input order`);
    for (const i of inputOrder(candidates.length)) addWarning(warnings, i, "the ranking reply could not be read; this rank is the input order");
    return { order: inputOrder(candidates.length), warnings };
  }
  if (ranking.missing.length > 0) {
    ctx.warn(`node "${nodeId}": the ranking left out ${ranking.missing.length} of ${candidates.length} candidates; they were placed last in input order`);
    for (const i of ranking.missing) addWarning(warnings, i, "the ranking reply left this candidate out; placed after the ranked ones in input order");
  }
  return { order: ranking.order, warnings };
}

/** One call per unordered pair; a candidate's score is its number of wins. */
async function rankPairwise(ctx: RankContext): Promise<RankOutcome> {
  const { nodeId, params } = ctx;
  const { query, candidates } = ctx.inputs;
  const warnings = new Map<number, string[]>();
  const vars = queryVariables(query);
  const pairs: [number, number][] = [];
  for (let i = 0; i < candidates.length; i++) for (let j = i + 1; j < candidates.length; j++) pairs.push([i, j]);

  const winners = await Promise.all(
    pairs.map(async ([i, j]) => {
      const user = renderPrompt(nodeId, "pairwise_prompt_template", params.pairwise_prompt_template, {
        ...vars,
        candidate_a: candidates[i]?.text ?? "",
        candidate_b: candidates[j]?.text ?? "",
      });
      const reply = await ctx.chat(chatRequest({ nodeId, params, query, user, sample: 0, purpose: `rank [${i + 1}] vs [${j + 1}]` }));
      return parsePairwise(reply.text);
    }),
  );

  const wins = candidates.map(() => 0);
  let unread = 0;
  winners.forEach((winner, p) => {
    const [i, j] = pairs[p] ?? [0, 0];
    if (winner === "A") wins[i] = (wins[i] ?? 0) + 1;
    else if (winner === "B") wins[j] = (wins[j] ?? 0) + 1;
    else {
      unread++;
      const message = `the comparison of [${i + 1}] and [${j + 1}] could not be read; no win to either`;
      addWarning(warnings, i, message);
      addWarning(warnings, j, message);
    }
  });
  if (unread > 0) ctx.warn(`node "${nodeId}": could not read ${unread} of ${pairs.length} pairwise comparisons; they gave no win to either candidate`);
  // Array.prototype.sort is stable, so equal scores keep the input order.
  const order = inputOrder(candidates.length).sort((a, b) => (wins[b] ?? 0) - (wins[a] ?? 0));
  return { order, scores: wins, warnings };
}

export const rankNode = defineNode({
  type: "rank",
  title: "Rank",
  category: "selection",
  description:
    'Orders the candidates and keeps the top_k, best first, each with a "rank" annotation. "listwise": one call showing all candidates as [1]..[n] ({{candidates}}, {{count}}). "pairwise": one call per pair using pairwise_prompt_template ({{candidate_a}}, {{candidate_b}}); score = wins, ties keep input order. Both may use {{query}}, {{context}}, {{context_block}}. Unreadable replies fall back to input order with a warning annotation.',
  inputs: rankInputs,
  outputs: {
    candidates: { type: "candidates", description: "The best top_k candidates, best first." },
  },
  params: rankParams,
  models: (p) => [p.model],
  estimate: (p, context) => {
    const n = countOf(context, "candidates");
    const outputCounts = { candidates: Math.min(n, p.top_k) };
    if (p.mode === "pairwise") return llmEstimate({ ...p, prompt_template: p.pairwise_prompt_template }, context, (n * (n - 1)) / 2, 2, outputCounts);
    // A single candidate needs no judge.
    return llmEstimate(p, context, n > 1 ? 1 : 0, n, outputCounts);
  },
  run: async (ctx) => {
    const { nodeId, params } = ctx;
    const { candidates } = ctx.inputs;
    const outcome = params.mode === "pairwise" ? await rankPairwise(ctx) : await rankListwise(ctx);
    const kept = outcome.order.slice(0, params.top_k).map((index, position) => {
      const candidate = candidates[index];
      if (candidate === undefined) throw new Error(`node "${nodeId}": internal error, rank index ${index} out of ${candidates.length}`);
      const warnings: Annotation[] = (outcome.warnings.get(index) ?? []).map((message) => ({ kind: "warning", node: nodeId, message }));
      const score = outcome.scores?.[index];
      const rank: Annotation = score === undefined ? { kind: "rank", node: nodeId, rank: position + 1 } : { kind: "rank", node: nodeId, rank: position + 1, score };
      return annotate(candidate, ...warnings, rank);
    });
    return { candidates: kept };
  },
});
