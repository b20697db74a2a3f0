/**
 * `openai-compatible`: chat completions over HTTP with the official `openai` SDK and a base URL:
 * vLLM, SGLang, llama.cpp's llama-server, Ollama, LM Studio, TGI, and hosted OpenAI, Together,
 * Groq, Fireworks, OpenRouter, DeepSeek, Gemini's compatible endpoint.
 */
import OpenAI from "openai";
import type { ChatCompletionCreateParams } from "openai/resources/chat/completions";
import { estimateTokens } from "../nodes/estimate-tokens";
import { ProviderError } from "./errors";
import { toProviderError } from "./openai-errors";
import type { Provider, ProviderChatRequest, ProviderChatResponse, ProviderChoice, ProviderUsage } from "./types";

export interface OpenAICompatibleOptions {
  /** e.g. `http://127.0.0.1:8000/v1` */
  baseUrl: string;
  /** @default none: local servers need no key (a placeholder is sent, as the SDK requires one) */
  apiKey?: string;
  /** The variable the key came from, named in errors. */
  keyEnv?: string;
  /** Whether to ask for `n` samples in one request: "auto" tries and falls back for good when the server returns fewer. @default "auto" */
  nInOneRequest?: "auto" | boolean;
  /** Custom fetch, for tests. @default global fetch */
  fetch?: typeof fetch;
}

interface RawResult {
  choices: ProviderChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  /** llama.cpp's llama-server adds `timings`; its usage then counts only choice 0 of `n`. */
  fromLlamaServer?: boolean;
}

export class OpenAICompatibleProvider implements Provider {
  readonly kind = "openai-compatible";
  readonly endpoint: string;
  private readonly client: OpenAI;
  private nSupported: boolean | undefined;

  constructor(private readonly options: OpenAICompatibleOptions) {
    this.endpoint = options.baseUrl.replace(/\/+$/, "");
    this.nSupported = options.nInOneRequest === "auto" || options.nInOneRequest === undefined ? undefined : options.nInOneRequest;
    this.client = new OpenAI({
      baseURL: this.endpoint,
      apiKey: options.apiKey ?? "no-key",
      // The engine retries and times out calls itself, with the budget and limiter in view.
      maxRetries: 0,
      timeout: 24 * 60 * 60 * 1000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Coalesced samples go as one `n` request until the server shows it ignores `n`. */
  get maxSamplesPerRequest(): number {
    return this.nSupported === false ? 1 : 64;
  }

  /** Whether the server honoured `n` in one request (undefined until an n > 1 request was made). */
  get supportsN(): boolean | undefined {
    return this.nSupported;
  }

  async chat(request: ProviderChatRequest): Promise<ProviderChatResponse> {
    const n = request.n ?? 1;
    if (n === 1 || this.nSupported === false) return this.parallel(request, n);
    const raw = await this.request(request, n, 0);
    if (raw.choices.length >= n) {
      this.nSupported = true;
      return { choices: raw.choices.slice(0, n), usage: usageOf(raw, request, n) };
    }
    // The server ignored `n` (Ollama and some gateways do): draw the rest one by one.
    this.nSupported = false;
    const rest = await this.parallel({ ...request, sampleIndex: (request.sampleIndex ?? 0) + raw.choices.length }, n - raw.choices.length, raw.choices.length);
    return { choices: [...raw.choices, ...rest.choices], usage: addUsage(usageOf(raw, request, raw.choices.length), rest.usage) };
  }

  private async parallel(request: ProviderChatRequest, n: number, indexOffset = 0): Promise<ProviderChatResponse> {
    const results = await Promise.all(
      Array.from({ length: n }, (_, j) => {
        // Distinct samples of one request must not share a seed.
        const seed = request.seed === undefined ? undefined : request.seed + indexOffset + j;
        return this.request({ ...request, seed }, 1, indexOffset + j);
      }),
    );
    return {
      choices: results.flatMap((r) => r.choices.slice(0, 1)),
      usage: results.map((r) => usageOf(r, request, 1)).reduce(addUsage, { inputTokens: 0, outputTokens: 0 }),
    };
  }

  /** One HTTP request; `indexOffset` maps its choices onto the caller's choice indexes for streaming. */
  private async request(request: ProviderChatRequest, n: number, indexOffset: number): Promise<RawResult> {
    const body: ChatCompletionCreateParams = {
      model: request.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(n > 1 ? { n } : {}),
      ...(request.topP === undefined ? {} : { top_p: request.topP }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.stop?.length ? { stop: request.stop } : {}),
    };
    const context = { model: request.model, baseUrl: this.endpoint, ...(this.options.keyEnv ? { keyEnv: this.options.keyEnv } : {}) };
    try {
      if (request.onText) return await this.streamed(body, request, indexOffset);
      const response = await this.client.chat.completions.create({ ...body, stream: false }, { signal: request.signal });
      if (!Array.isArray(response.choices)) throw new ProviderError("malformed", `${this.endpoint} answered without choices`);
      return {
        choices: response.choices.map((c) => ({ text: c.message?.content ?? "", finishReason: finishOf(c.finish_reason) })),
        usage: response.usage ?? null,
        fromLlamaServer: "timings" in response,
      };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      throw toProviderError(error, context);
    }
  }

  private async streamed(body: ChatCompletionCreateParams, request: ProviderChatRequest, indexOffset: number): Promise<RawResult> {
    const stream = await this.client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: request.signal });
    const texts: string[] = [];
    const finishes: (string | null)[] = [];
    let usage: RawResult["usage"] = null;
    let fromLlamaServer = false;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      if ("timings" in chunk) fromLlamaServer = true;
      for (const choice of chunk.choices ?? []) {
        const delta = choice.delta?.content ?? "";
        texts[choice.index] = (texts[choice.index] ?? "") + delta;
        if (delta) request.onText?.(indexOffset + choice.index, delta);
        if (choice.finish_reason) finishes[choice.index] = choice.finish_reason;
      }
    }
    if (texts.length === 0 || finishes.filter(Boolean).length < texts.length) {
      throw new ProviderError("malformed", `${this.endpoint} ended the stream before every choice finished`);
    }
    return { choices: texts.map((text, i) => ({ text: text ?? "", finishReason: finishOf(finishes[i] ?? null) })), usage, fromLlamaServer };
  }
}

function finishOf(reason: string | null | undefined): ProviderChoice["finishReason"] {
  if (reason === "stop" || reason === "eos" || reason === "stop_sequence") return "stop";
  if (reason === "length") return "length";
  return "unknown";
}

/**
 * Usage of one response, honest about what the server reported: llama-server, for one, counts
 * completion tokens of only one of `n` choices, so a figure far below the text is replaced by a
 * tokenizer-free estimate and marked as estimated.
 */
function usageOf(raw: RawResult, request: ProviderChatRequest, n: number): ProviderUsage {
  const estimatedOutput = raw.choices.slice(0, n).reduce((sum, c) => sum + estimateTokens(c.text), 0);
  const estimatedInput = request.messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
  const reported = raw.usage;
  if (!reported || typeof reported.completion_tokens !== "number" || typeof reported.prompt_tokens !== "number") {
    return { inputTokens: estimatedInput, outputTokens: estimatedOutput, estimated: true };
  }
  if (n > 1 && raw.fromLlamaServer) {
    // Choice 0's count is exact: scale it by the texts' lengths for the whole response.
    const lengths = raw.choices.slice(0, n).map((c) => c.text.length);
    const first = Math.max(1, lengths[0] ?? 1);
    const scaled = Math.round((reported.completion_tokens * lengths.reduce((a, b) => a + b, 0)) / first);
    return { inputTokens: reported.prompt_tokens, outputTokens: Math.max(scaled, reported.completion_tokens), estimated: true };
  }
  if (n > 1 && reported.completion_tokens < estimatedOutput * 0.5) {
    return { inputTokens: reported.prompt_tokens, outputTokens: estimatedOutput, estimated: true };
  }
  return { inputTokens: reported.prompt_tokens, outputTokens: reported.completion_tokens };
}

function addUsage(a: ProviderUsage, b: ProviderUsage): ProviderUsage {
  const sum: ProviderUsage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
  return a.estimated || b.estimated ? { ...sum, estimated: true } : sum;
}
