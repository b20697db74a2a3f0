/**
 * `anthropic`: the Messages API through the official `@anthropic-ai/sdk`. The API draws one
 * sample per request, so `n` samples are `n` parallel requests whose usage is summed.
 * Differences from other providers (see anthropic-params.ts): system messages become the
 * top-level system prompt, temperature is clamped to Anthropic's 0..1, and `seed` is ignored
 * since the API has none, so samples are not reproducible.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { Message, RawMessageStreamEvent, StopReason } from "@anthropic-ai/sdk/resources/messages";
import { estimateMessagesTokens, estimateTokens } from "../nodes/estimate-tokens";
import { toProviderError, type AnthropicErrorContext } from "./anthropic-errors";
import { toAnthropicParams, type AnthropicParams } from "./anthropic-params";
import { ProviderError } from "./errors";
import { redactor } from "./redact";
import type { Provider, ProviderChatRequest, ProviderChatResponse, ProviderChoice, ProviderUsage } from "./types";

export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

export interface AnthropicOptions {
  /** The API's base URL, without `/v1`. @default https://api.anthropic.com */
  baseUrl?: string;
  /** The API key (see `resolveApiKey`). Without one every call fails with an "auth" error and no request is made. @default none */
  apiKey?: string;
  /** The variable the key is read from, named in auth errors. @default ANTHROPIC_API_KEY */
  keyEnv?: string;
  /**
   * The SDK's timeout for one request to answer (until its headers). The engine's per-attempt
   * timeout, passed in as the request's signal, bounds the whole call including a long stream.
   * @default 600000 (10 minutes)
   */
  timeoutMs?: number;
}

interface Sample {
  choice: ProviderChoice;
  /** Undefined when the server did not report usage (some proxies omit it). */
  usage: ProviderUsage | undefined;
}

export class AnthropicProvider implements Provider {
  readonly kind = "anthropic";
  readonly endpoint: string;
  private readonly client: Anthropic | undefined;
  private readonly keyEnv: string;
  private readonly timeoutMs: number;

  constructor(options: AnthropicOptions = {}) {
    this.endpoint = (options.baseUrl ?? ANTHROPIC_BASE_URL).replace(/\/+$/, "");
    this.keyEnv = options.keyEnv ?? "ANTHROPIC_API_KEY";
    this.timeoutMs = options.timeoutMs ?? 600_000;
    // Registered even when the caller did not use resolveApiKey: no error may ever print it.
    redactor.add(options.apiKey);
    // No client without a key: the SDK would otherwise look for credentials in the environment and profile files.
    this.client = options.apiKey
      ? new Anthropic({
          apiKey: options.apiKey,
          baseURL: this.endpoint,
          // The engine retries (ProviderError.retryable) with the budget and rate limiter in view.
          maxRetries: 0,
          timeout: this.timeoutMs,
        })
      : undefined;
  }

  async chat(request: ProviderChatRequest): Promise<ProviderChatResponse> {
    const context: AnthropicErrorContext = { model: request.model, endpoint: this.endpoint, keyEnv: this.keyEnv, signal: request.signal };
    if (!this.client) throw new ProviderError("auth", `model "${request.model}" needs an Anthropic API key: set ${this.keyEnv}`);
    if (request.signal?.aborted) throw toProviderError(request.signal.reason, context);
    const params = toAnthropicParams(request);

    // One failed sample fails the call, so its siblings are stopped rather than left to spend tokens.
    const siblings = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, siblings.signal]) : siblings.signal;
    const client = this.client;
    const n = request.n ?? 1;
    try {
      const samples = await Promise.all(
        Array.from({ length: n }, (_, index) =>
          this.sample(client, params, index, request.onText, signal).catch((error: unknown) => {
            siblings.abort();
            throw error;
          }),
        ),
      );
      const estimated = samples.some((s) => s.usage === undefined);
      const usage = samples.map((s) => s.usage ?? estimateUsage(request, s.choice.text));
      return {
        choices: samples.map((s) => s.choice),
        usage: { inputTokens: sum(usage, (u) => u.inputTokens), outputTokens: sum(usage, (u) => u.outputTokens), ...(estimated ? { estimated } : {}) },
      };
    } catch (error) {
      throw toProviderError(error, context);
    }
  }

  private async sample(client: Anthropic, params: AnthropicParams, index: number, onText: ProviderChatRequest["onText"], signal: AbortSignal): Promise<Sample> {
    const options = { signal, timeout: this.timeoutMs };
    if (!onText) {
      const message = await client.messages.create({ ...params, stream: false }, options);
      return fromMessage(message);
    }
    const stream = await client.messages.create({ ...params, stream: true }, options);
    const state = new StreamState();
    for await (const event of stream) {
      const delta = state.apply(event);
      if (delta) onText(index, delta);
    }
    // An aborted stream ends quietly rather than throwing: report it as the abort it was.
    signal.throwIfAborted();
    if (!state.stopped) throw new ProviderError("malformed", `${this.endpoint} ended the stream of model "${params.model}" before message_stop`);
    return state.result();
  }
}

/** Accumulates a Messages API event stream: text of every text block, stop reason and usage. */
class StreamState {
  private text = "";
  private stopReason: StopReason | null = null;
  private usage: ProviderUsage | undefined;
  stopped = false;

  /** Applies one event; returns the new text it carries, if any. */
  apply(event: RawMessageStreamEvent): string {
    switch (event.type) {
      case "message_start":
        this.usage = usageOf(event.message.usage);
        return "";
      case "content_block_start":
        return event.content_block.type === "text" ? this.add(event.content_block.text) : "";
      case "content_block_delta":
        return event.delta.type === "text_delta" ? this.add(event.delta.text) : "";
      case "message_delta": {
        this.stopReason = event.delta.stop_reason ?? this.stopReason;
        // The delta's counts are cumulative totals; its input counts may be null (then message_start's stand).
        const { input_tokens, output_tokens } = event.usage;
        const inputTokens = input_tokens == null ? this.usage?.inputTokens : usageOf({ ...event.usage, input_tokens })?.inputTokens;
        if (inputTokens !== undefined && typeof output_tokens === "number") this.usage = { inputTokens, outputTokens: output_tokens };
        return "";
      }
      case "message_stop":
        this.stopped = true;
        return "";
      default:
        return "";
    }
  }

  result(): Sample {
    return { choice: { text: this.text, finishReason: finishOf(this.stopReason) }, usage: this.usage };
  }

  private add(text: string): string {
    this.text += text;
    return text;
  }
}

function fromMessage(message: Message): Sample {
  if (!Array.isArray(message.content)) throw new ProviderError("malformed", `model "${message.model}" answered without content`);
  const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  return { choice: { text, finishReason: finishOf(message.stop_reason) }, usage: usageOf(message.usage) };
}

interface UsageFields {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Input counts include cache writes and reads: together they are the prompt's full size. */
function usageOf(usage: UsageFields | null | undefined): ProviderUsage | undefined {
  if (!usage || typeof usage.input_tokens !== "number" || typeof usage.output_tokens !== "number") return undefined;
  return {
    inputTokens: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
    outputTokens: usage.output_tokens,
  };
}

function estimateUsage(request: ProviderChatRequest, text: string): ProviderUsage {
  return { inputTokens: estimateMessagesTokens(request.messages), outputTokens: estimateTokens(text) };
}

function finishOf(reason: StopReason | null | undefined): ProviderChoice["finishReason"] {
  if (reason === "end_turn" || reason === "stop_sequence") return "stop";
  if (reason === "max_tokens" || reason === "model_context_window_exceeded") return "length";
  return "unknown";
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
