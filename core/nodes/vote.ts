/** Self-consistency: the majority over the candidates' extracted answers. */
import { z } from "zod";
import type { Candidate } from "../graph/ports";
import { defineNode } from "./define";
import { countOf } from "./estimate-tokens";
import { extractAnswer, EXTRACTORS } from "./extract";
import { regexPatternIssues } from "./extractor-params";
import { annotate } from "./format";

export const voteNode = defineNode({
  type: "vote",
  title: "Vote",
  category: "selection",
  description:
    'Extracts an answer from every candidate (an "answer" annotation) and outputs the most frequent one; a tie goes to the value the earliest candidate holds. Also outputs the candidates that hold the winning answer. Makes no model calls.',
  inputs: {
    candidates: { type: "candidates", description: "The responses to vote over." },
  },
  outputs: {
    answer: { type: "answer", description: "The winning extracted answer, with the vote counts." },
    candidates: { type: "candidates", description: "The candidates whose extracted answer won." },
  },
  params: z.object({
    /** How an answer is pulled out of a response. @default "last-number" */
    extractor: z.enum(EXTRACTORS).default("last-number").describe('How to extract the answer: the last number, the last \\boxed{}, an option letter A-E, or a custom regex.'),
    /** Regex for the "regex" extractor; its first capture group is the answer. @default "" */
    pattern: z.string().default("").describe('Regular expression for the "regex" extractor; the first capture group (else the whole match) of the last match is the answer.'),
  }),
  validate: (p) => (p.extractor === "regex" ? regexPatternIssues(p.pattern) : []),
  estimate: (_p, context) => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: { candidates: countOf(context, "candidates") } }),
  run: async (ctx) => {
    const { extractor, pattern } = ctx.params;
    if (extractor === "regex" && pattern === "") throw new Error(`node "${ctx.nodeId}": the "regex" extractor needs a non-empty pattern`);
    const first = ctx.inputs.candidates[0];
    if (first === undefined) throw new Error(`node "${ctx.nodeId}" received no candidates to vote over`);

    const annotated = ctx.inputs.candidates.map((c) => annotate(c, { kind: "answer", node: ctx.nodeId, value: extractAnswer(c.text, extractor, pattern), method: extractor }));
    const valueOf = (c: Candidate): string | null => {
      const a = c.annotations.at(-1);
      return a?.kind === "answer" ? a.value : null;
    };

    // Map iteration follows insertion order, i.e. the first candidate holding each value.
    const votes = new Map<string, number>();
    for (const c of annotated) {
      const value = valueOf(c);
      if (value !== null) votes.set(value, (votes.get(value) ?? 0) + 1);
    }
    let winner: string | undefined;
    let best = 0;
    for (const [value, count] of votes) {
      // Strictly greater: on a tie the value seen first (earliest candidate) stays.
      if (count > best) {
        winner = value;
        best = count;
      }
    }

    if (winner === undefined) {
      ctx.warn(`node "${ctx.nodeId}": no answer could be extracted (${extractor}) from any of ${annotated.length} candidates; using the first candidate's text`);
      return { answer: { text: first.text, candidateId: first.id, votes: {} }, candidates: annotated };
    }
    const winners = annotated.filter((c) => valueOf(c) === winner);
    return {
      answer: { text: winner, candidateId: winners[0]?.id ?? first.id, votes: Object.fromEntries(votes) },
      candidates: winners,
    };
  },
});
