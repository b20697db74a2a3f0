/**
 * `llama-cpp`: embedded local inference with node-llama-cpp on a GGUF file. One loaded model
 * and context per file, shared by every call; each concurrent sample gets its own sequence of
 * that context, so samples decode in parallel batches.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { getLlama, LlamaChat, type ChatHistoryItem, type Llama, type LlamaContext, type LlamaContextSequence, type LlamaModel } from "node-llama-cpp";
import type { ChatMessage } from "../nodes/define";
import { resolveFromInstall } from "../paths/install-root";
import type { Provider, ProviderChatRequest, ProviderChatResponse, ProviderChoice } from "./types";

export interface LlamaCppOptions {
  /**
   * CPU threads per evaluation. Always explicit: node-llama-cpp's own default oversubscribes
   * small machines (about 1,000x slower on 2 cores).
   * @default `ITASCA_LLAMA_THREADS`, else cores - 1 (at least 1, at most 8)
   */
  threads?: number;
  /** Parallel sequences per loaded model: the most samples decoded at once. @default 4 */
  sequences?: number;
  /** Context per sequence in tokens. @default the smaller of the model's training context and 2048 */
  contextSize?: number;
  /** GPU backend. @default `ITASCA_LLAMA_GPU` ("false" for CPU only), else "auto" */
  gpu?: "auto" | false;
}

interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  /** Sequences not in use; created once, since a disposed sequence is not freed at once. */
  idle: LlamaContextSequence[];
  waiting: ((sequence: LlamaContextSequence) => void)[];
}

/** Room kept free for the chat template's own tokens. */
const TEMPLATE_MARGIN = 32;

export function defaultThreads(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ITASCA_LLAMA_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

export class LlamaCppProvider implements Provider {
  readonly kind = "llama-cpp";
  readonly endpoint = "embedded";
  private llama: Promise<Llama> | undefined;
  private readonly models = new Map<string, Promise<LoadedModel>>();
  private readonly threads: number;
  private readonly sequences: number;

  constructor(private readonly options: LlamaCppOptions = {}) {
    this.threads = options.threads ?? defaultThreads();
    this.sequences = options.sequences ?? 4;
  }

  async chat(request: ProviderChatRequest): Promise<ProviderChatResponse> {
    request.signal?.throwIfAborted();
    const loaded = await this.load(request.model);
    const n = request.n ?? 1;
    const samples = await Promise.all(Array.from({ length: n }, (_, index) => this.sample(loaded, request, index)));
    return {
      choices: samples.map((s) => s.choice),
      usage: {
        inputTokens: samples.reduce((sum, s) => sum + s.inputTokens, 0),
        outputTokens: samples.reduce((sum, s) => sum + s.outputTokens, 0),
      },
    };
  }

  async close(): Promise<void> {
    for (const loading of this.models.values()) {
      const loaded = await loading.catch(() => undefined);
      await loaded?.context.dispose();
      await loaded?.model.dispose();
    }
    this.models.clear();
    const llama = await this.llama?.catch(() => undefined);
    await llama?.dispose();
    this.llama = undefined;
  }

  private load(modelPath: string): Promise<LoadedModel> {
    const path = resolveFromInstall(modelPath);
    let loading = this.models.get(path);
    if (!loading) {
      loading = this.loadUncached(path);
      // A failed load is not cached, so fixing the path and retrying works.
      loading.catch(() => this.models.delete(path));
      this.models.set(path, loading);
    }
    return loading;
  }

  private async loadUncached(path: string): Promise<LoadedModel> {
    if (!existsSync(path)) throw new Error(`GGUF model file not found: ${path}; fix the model entry's "model" path`);
    const gpuFromEnv = process.env.ITASCA_LLAMA_GPU === "false" ? false : undefined;
    this.llama ??= getLlama({ gpu: this.options.gpu ?? gpuFromEnv ?? "auto", maxThreads: this.threads, logLevel: "error" as never });
    const llama = await this.llama;
    const model = await llama.loadModel({ modelPath: path });
    const contextSize = this.options.contextSize ?? Math.min(model.trainContextSize, 2048);
    const context = await model.createContext({ sequences: this.sequences, contextSize, threads: this.threads });
    const idle = Array.from({ length: this.sequences }, () => context.getSequence());
    return { model, context, idle, waiting: [] };
  }

  private takeSequence(loaded: LoadedModel, signal: AbortSignal | undefined): Promise<LlamaContextSequence> {
    const sequence = loaded.idle.pop();
    if (sequence) return Promise.resolve(sequence);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        loaded.waiting.splice(loaded.waiting.indexOf(waiter), 1);
        reject(signal?.reason);
      };
      const waiter = (freed: LlamaContextSequence) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(freed);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      loaded.waiting.push(waiter);
    });
  }

  private async returnSequence(loaded: LoadedModel, sequence: LlamaContextSequence): Promise<void> {
    // A clean sequence per call: results do not depend on what ran before (seeds stay meaningful).
    await sequence.clearHistory();
    const next = loaded.waiting.shift();
    if (next) next(sequence);
    else loaded.idle.push(sequence);
  }

  private async sample(loaded: LoadedModel, request: ProviderChatRequest, index: number): Promise<{ choice: ProviderChoice; inputTokens: number; outputTokens: number }> {
    request.signal?.throwIfAborted();
    const sequence = await this.takeSequence(loaded, request.signal);
    const chat = new LlamaChat({ contextSequence: sequence, autoDisposeSequence: false });
    const before = sequence.tokenMeter.getState();
    try {
      const maxTokens = Math.max(1, Math.min(request.maxTokens, Math.floor(loaded.context.contextSize / 2)));
      const history = fitHistory(loaded.model, request.messages, loaded.context.contextSize - maxTokens - TEMPLATE_MARGIN);
      const response = await chat.generateResponse(history, {
        maxTokens,
        temperature: request.temperature,
        ...(request.topP === undefined ? {} : { topP: request.topP }),
        // Distinct samples of one request must not share a seed.
        ...(request.seed === undefined ? {} : { seed: request.seed + index }),
        ...(request.stop?.length ? { customStopTriggers: request.stop } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        onTextChunk: (text) => request.onText?.(index, text),
      });
      const reason = response.metadata.stopReason;
      const finishReason = reason === "maxTokens" ? "length" : reason === "abort" ? "abort" : "stop";
      const used = sequence.tokenMeter.diff(before);
      return { choice: { text: response.response, finishReason }, inputTokens: used.usedInputTokens, outputTokens: used.usedOutputTokens };
    } finally {
      chat.dispose({ disposeSequence: false });
      await this.returnSequence(loaded, sequence);
    }
  }
}

/**
 * Maps chat messages to node-llama-cpp's history and keeps the prompt inside the context:
 * the last user message is cut from its start (prompts end with the instruction) when needed.
 */
function fitHistory(model: LlamaModel, messages: readonly ChatMessage[], budgetTokens: number): ChatHistoryItem[] {
  const items: ChatHistoryItem[] = messages.map((m) => (m.role === "assistant" ? { type: "model", response: [m.content] } : { type: m.role, text: m.content }));
  const total = messages.reduce((sum, m) => sum + model.tokenize(m.content).length, 0);
  const lastUser = items.findLastIndex((item) => item.type === "user");
  const last = items[lastUser];
  if (total > budgetTokens && last && last.type === "user") {
    const tokens = model.tokenize(last.text);
    const keep = Math.max(1, tokens.length - (total - budgetTokens));
    last.text = model.detokenize(tokens.slice(tokens.length - keep));
  }
  items.push({ type: "model", response: [""] });
  return items;
}
