/**
 * `itasca models test`: one real round trip to a model, timed, plus whether the server honours
 * `n` in one request (the cheap way to draw many samples).
 */
import type { ModelTestReport } from "../api/outputs";
import type { ModelEntry } from "../api/schemas";
import { OpenAICompatibleProvider } from "./openai-compatible";
import type { Provider } from "./types";

/** The report is the `models.test` channel's output, defined once in the host contract. */
export type RoundTripReport = ModelTestReport;

const PROMPT = "Reply with one short sentence about the sea.";

export async function roundTrip(entry: ModelEntry, provider: Provider, signal?: AbortSignal): Promise<RoundTripReport> {
  // A replay answers only what it recorded, so it is tested with one of its own prompts.
  const prompt = (await provider.testPrompt?.(entry.model)) ?? PROMPT;
  const began = performance.now();
  let firstTokenMs: number | null = null;
  const response = await provider.chat({
    model: entry.model,
    messages: [{ role: "user", content: prompt }],
    temperature: 0,
    maxTokens: 32,
    ...(signal ? { signal } : {}),
    onText: () => {
      firstTokenMs ??= Math.round(performance.now() - began);
    },
  });
  const latencyMs = Math.round(performance.now() - began);
  let nSupported: boolean | null = null;
  if (provider instanceof OpenAICompatibleProvider) {
    await provider.chat({ model: entry.model, messages: [{ role: "user", content: PROMPT }], temperature: 0.7, maxTokens: 4, n: 2, ...(signal ? { signal } : {}) });
    nSupported = provider.supportsN ?? null;
  }
  const { inputTokens, outputTokens } = response.usage;
  return {
    id: entry.id,
    provider: entry.provider,
    endpoint: provider.endpoint,
    latencyMs,
    firstTokenMs,
    inputTokens,
    outputTokens,
    tokensPerSecond: latencyMs > 0 ? Math.round((outputTokens / latencyMs) * 10_000) / 10 : 0,
    usageEstimated: response.usage.estimated === true,
    nSupported,
    text: response.choices[0]?.text ?? "",
  };
}
