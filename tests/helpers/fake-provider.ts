/**
 * A provider double for engine tests: replies come from a function, each call can take a set
 * latency, and every call is recorded with its start time and whether it was aborted.
 */
import type { Provider, ProviderChatRequest, ProviderChatResponse } from "../../core/providers/types";

export interface FakeCall {
  request: ProviderChatRequest;
  startedAt: number;
  endedAt?: number;
  aborted: boolean;
}

export interface FakeProviderOptions {
  /** The reply text; receives the user message and the call's index. @default echoes "reply N" */
  reply?: (request: ProviderChatRequest, index: number) => string;
  /** Milliseconds each call takes (abortable). @default 0 */
  latencyMs?: number;
  /** Throw this instead of answering, for the call indexes it returns an error for. */
  fail?: (index: number) => Error | undefined;
}

export class FakeProvider implements Provider {
  readonly kind = "fake";
  readonly endpoint = "memory";
  readonly calls: FakeCall[] = [];
  private inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly options: FakeProviderOptions = {}) {}

  async chat(request: ProviderChatRequest): Promise<ProviderChatResponse> {
    const index = this.calls.length;
    const call: FakeCall = { request, startedAt: performance.now(), aborted: false };
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.options.latencyMs) await abortableDelay(this.options.latencyMs, request.signal);
      const failure = this.options.fail?.(index);
      if (failure) throw failure;
      const text = this.options.reply?.(request, index) ?? `reply ${index}`;
      request.onText?.(0, text);
      const inputTokens = request.messages.reduce((sum, m) => sum + m.content.length, 0);
      return { choices: [{ text, finishReason: "stop" }], usage: { inputTokens, outputTokens: text.length } };
    } catch (error) {
      call.aborted = request.signal?.aborted === true;
      throw error;
    } finally {
      this.inFlight--;
      call.endedAt = performance.now();
    }
  }
}

function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
