/** The architecture's final answer leaves the graph here. */
import { z } from "zod";
import { defineNode } from "./define";

export const outputNode = defineNode({
  type: "output",
  title: "Output",
  category: "io",
  description: "The run's final answer: the answer input when connected, otherwise the first candidate. Connect one of the two inputs. Makes no model calls.",
  inputs: {
    answer: { type: "answer", required: false, description: "A final answer, e.g. from a vote." },
    candidates: { type: "candidates", required: false, description: "Candidates, best first; the first becomes the answer." },
  },
  outputs: {
    answer: { type: "answer", description: "The final answer." },
  },
  params: z.object({}),
  validate: (_p, connected) =>
    connected.has("answer") || connected.has("candidates")
      ? []
      : [{ code: "required-input-unconnected", path: "inputs", message: 'output node has neither its "answer" nor its "candidates" input connected', hint: "Connect a vote's answer or a list of candidates (e.g. from rank) to the output node." }],
  estimate: () => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: {} }),
  run: async (ctx) => {
    if (ctx.inputs.answer !== undefined) return { answer: ctx.inputs.answer };
    const first = ctx.inputs.candidates?.[0];
    if (first === undefined) throw new Error(`node "${ctx.nodeId}" received no candidates and no answer, so there is no final answer`);
    return { answer: { text: first.text, candidateId: first.id } };
  },
});
