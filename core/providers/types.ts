/**
 * The provider interface: one implementation per protocol (ARCHITECTURE.md section 5).
 * Providers are the only code that touches SDKs, native bindings and the network.
 */
import type { ModelEntry } from "../api/schemas";
import type { ChatMessage } from "../nodes/define";

export interface ProviderChatRequest {
  /** The provider-side model name (a GGUF path for llama-cpp, a model name for HTTP APIs). */
  model: string;
  messages: ChatMessage[];
  temperature: number;
  topP?: number;
  maxTokens: number;
  seed?: number;
  stop?: string[];
  /** Number of samples to draw for this prompt. @default 1 */
  n?: number;
  /**
   * Sample index of the first choice: choice j is sample `sampleIndex + j` of this prompt. Replay
   * serves recorded sample i for sample index i; other providers may ignore it. @default 0
   */
  sampleIndex?: number;
  signal?: AbortSignal;
  /** Streaming: called with each new piece of text of choice `index`. */
  onText?: (index: number, delta: string) => void;
}

export interface ProviderChoice {
  text: string;
  finishReason: "stop" | "length" | "abort" | "unknown";
}

export interface ProviderUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the provider did not report the figures and they were estimated. */
  estimated?: boolean;
}

export interface ProviderChatResponse {
  choices: ProviderChoice[];
  usage: ProviderUsage;
}

export interface Provider {
  /** The provider kind, e.g. `llama-cpp`; part of the cache key. */
  readonly kind: string;
  /** Base URL or other endpoint identity; part of the cache key. */
  readonly endpoint: string;
  /**
   * Most samples of one prompt worth sending as one request (`n`); the engine coalesces a
   * node's unseeded samples up to this many. @default 1 (one request per sample)
   */
  readonly maxSamplesPerRequest?: number;
  chat(request: ProviderChatRequest): Promise<ProviderChatResponse>;
  /**
   * A prompt this provider can answer for `model`, for a test round trip. Only providers that
   * cannot answer any prompt (replay serves recorded ones) need it. @default undefined
   */
  testPrompt?(model: string): Promise<string>;
  /** Releases models, sockets and workers. */
  close?(): Promise<void>;
}

/** Resolves the provider that serves a model entry (the pool implements it; the engine calls it). */
export type ProviderResolver = (entry: ModelEntry) => Provider;
