/**
 * Content-addressed call cache (ARCHITECTURE.md section 4). The key covers everything that
 * changes a completion, including the sample index, so N samples stay N distinct entries and a
 * rerun or a search trial that shares a prefix of the graph pays nothing for it.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../graph/canonical-json";
import type { ChatMessage, SamplingParams } from "../nodes/define";

export interface CacheKeyParts {
  provider: string;
  endpoint: string;
  model: string;
  messages: ChatMessage[];
  sampling: SamplingParams;
  sample: number;
}

/** What a cache entry holds: enough to replay the call without the provider. */
export interface CachedCompletion {
  text: string;
  finishReason: "stop" | "length" | "abort" | "unknown";
  inputTokens: number;
  outputTokens: number;
  estimatedUsage: boolean;
}

export interface CallCache {
  get(key: string): CachedCompletion | undefined;
  set(key: string, value: CachedCompletion): void;
}

export function cacheKey(parts: CacheKeyParts): string {
  const { provider, endpoint, model, messages, sampling, sample } = parts;
  const body = canonicalJson({
    v: 1,
    provider,
    endpoint,
    model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    sampling: { temperature: sampling.temperature, topP: sampling.topP, maxTokens: sampling.maxTokens, stop: sampling.stop },
    sample,
    seed: sampling.seed ?? null,
  });
  return createHash("sha256").update(body).digest("hex");
}

/** The in-memory layer. */
export class MemoryCallCache implements CallCache {
  private readonly entries = new Map<string, CachedCompletion>();

  get(key: string): CachedCompletion | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: CachedCompletion): void {
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Reads the first layer that has the key (warming the faster ones); writes every layer. */
export class LayeredCallCache implements CallCache {
  constructor(private readonly layers: readonly CallCache[]) {}

  get(key: string): CachedCompletion | undefined {
    for (let i = 0; i < this.layers.length; i++) {
      const hit = this.layers[i]?.get(key);
      if (hit) {
        for (let j = 0; j < i; j++) this.layers[j]?.set(key, hit);
        return hit;
      }
    }
    return undefined;
  }

  set(key: string, value: CachedCompletion): void {
    for (const layer of this.layers) layer.set(key, value);
  }
}
