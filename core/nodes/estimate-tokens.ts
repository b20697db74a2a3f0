/**
 * A provider-free token heuristic for cost estimates: about four characters per token for
 * English text. Good enough to compare architectures; real counts come from providers.
 */
import type { EstimateContext, NodeEstimate } from "./define";
import type { LlmParams } from "./llm-params";

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** A prompt's tokens before a call is made (the engine's budget check uses it). */
export function estimateMessagesTokens(messages: readonly { content: string }[]): number {
  // A few tokens of framing per message, as chat templates add role markers.
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}

/** Items arriving on a list input (0 when the estimator does not know). */
export function countOf(context: EstimateContext, input: string): number {
  return context.inputCounts[input] ?? 0;
}

/**
 * The estimate of `calls` LLM calls whose prompts each carry the template, the system prompt,
 * the query and `itemsPerCall` candidates or tests. Output is the `max_tokens` ceiling, since
 * budgets must hold in the worst case.
 */
export function llmEstimate(
  params: LlmParams,
  context: EstimateContext,
  calls: number,
  itemsPerCall: number,
  outputCounts: Record<string, number>,
): NodeEstimate {
  const promptTokens = estimateTokens(params.prompt_template) + estimateTokens(params.system_prompt) + context.queryTokens + itemsPerCall * context.itemTokens;
  return { calls, inputTokens: calls * promptTokens, outputTokens: calls * params.max_tokens, outputCounts };
}
