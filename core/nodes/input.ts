/** The run's query enters the graph here. */
import { z } from "zod";
import { defineNode } from "./define";

export const inputNode = defineNode({
  type: "input",
  title: "Input",
  category: "io",
  description: "Publishes the run's query (task text, optional system prompt and reference context) to the nodes wired to it. Makes no model calls.",
  inputs: {},
  outputs: {
    query: { type: "query", description: "The query the run was started with." },
  },
  params: z.object({}),
  estimate: () => ({ calls: 0, inputTokens: 0, outputTokens: 0, outputCounts: {} }),
  run: async (ctx) => ({ query: ctx.query }),
});
