/**
 * A finished run as what the client gets: the answer and the run's usage in OpenAI's terms, or
 * the refusal for a run that did not give one (redacted, with a status a client can act on).
 */
import type { ErrorCode, RunResult } from "../../api/run-types";
import { redactor } from "../../providers/redact";
import { HttpError } from "./http";
import type { ItascaExtension, WireUsage } from "./openai-wire";

/** The run's totals over all its model calls (cache hits cost nothing, so they add no tokens). */
export function wireUsage(result: RunResult): WireUsage {
  const { inputTokens, outputTokens } = result.usage;
  return { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
}

export function itascaExtension(result: RunResult): ItascaExtension {
  const u = result.usage;
  return { run_id: result.runId, calls: u.calls, cached_calls: u.cachedCalls, cost_usd: u.costUsd, usage_estimated: u.estimated };
}

/** Upstream failures are 502 (the models failed, not this server); the rest of a failed run is 500. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = { "provider-error": 502, "unknown-model": 502, cancelled: 503 };

/**
 * The answer text of a completed run; for any other run, throws the `HttpError` to reply with. Failures carry
 * `x-should-retry: false` (which the openai SDKs honour): the engine already retried each
 * provider call, and a budget or a failing node stops the same way on a retry.
 */
export function answerText(result: RunResult): string {
  if (result.status === "completed" && result.answer) return result.answer.text;
  const code: ErrorCode = result.error?.code ?? (result.status === "completed" ? "invalid-output" : "internal");
  const reason = result.error?.message ?? (result.status === "completed" ? `the architecture "${result.name}" finished without an answer (nothing reached its output node)` : result.status);
  const status = STATUS_BY_CODE[code] ?? 500;
  const message = redactor.redact(`run ${result.runId} ${result.status}: ${reason}`);
  throw new HttpError(status, message, code.replace(/-/g, "_"), status === 503 ? {} : { headers: { "x-should-retry": "false" } });
}
