/**
 * The LLM judge's model calls, made through the engine like any architecture's: a one-node
 * architecture (input -> generate -> output) per call, so the judge gets the cache, the
 * limiters, retries and the trace, and its usage is counted in the evaluation's.
 */
import type { Usage } from "../../api/run-types";
import type { Engine } from "../../engine/executor";
import type { ChatCallRequest, ChatCallResult } from "../../nodes/define";

/** A judge call's reply and the usage of the run that made it. */
export interface JudgedCall {
  result: ChatCallResult;
  usage: Usage;
}

function judgeArchitecture(request: ChatCallRequest) {
  return {
    version: 1,
    name: `judge ${request.model}`,
    nodes: [
      { id: "input", type: "input", params: {}, position: { x: 0, y: 0 } },
      {
        id: "judge",
        type: "generate",
        params: {
          model: request.model,
          prompt_template: "{{query}}",
          temperature: request.sampling.temperature,
          max_tokens: request.sampling.maxTokens,
          ...(request.sampling.seed === undefined ? {} : { seed: request.sampling.seed }),
        },
        position: { x: 200, y: 0 },
      },
      { id: "output", type: "output", params: {}, position: { x: 400, y: 0 } },
    ],
    edges: [
      { from: ["input", "query"], to: ["judge", "query"] },
      { from: ["judge", "candidates"], to: ["output", "candidates"] },
    ],
  };
}

/** Makes one judge call; rejects with the run's error when the call fails. */
export async function judgeChat(engine: Engine, request: ChatCallRequest, signal: AbortSignal): Promise<JudgedCall> {
  const system = request.messages.find((m) => m.role === "system")?.content;
  const user = request.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n\n");
  const checked = engine.check(judgeArchitecture(request));
  const run = await engine.start(checked, { text: user, ...(system === undefined ? {} : { system }) }, { signal }).result;
  const call = run.trace[0];
  if (run.status !== "completed" || call === undefined) throw new Error(`the judge (${request.model}) failed: ${run.error?.message ?? run.status}`);
  return {
    result: { text: call.response, callId: call.id, cached: call.cached, finishReason: call.finishReason, inputTokens: call.inputTokens, outputTokens: call.outputTokens },
    usage: run.usage,
  };
}
