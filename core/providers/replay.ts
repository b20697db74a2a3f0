/**
 * `replay`: serves recorded real generations from a replay file (replay-format.ts), for runs
 * that cost nothing and give the same answer every time. Sample i of a node always gets
 * recorded sample i, so the engine's cache key (which holds the sample index) stays exact.
 *
 * The model entry's `model` is `<file>` or `<file>#<recorded model>`; relative files resolve
 * against the Itasca install. Sampling params (temperature, max_tokens, seed, stop) are
 * ignored: the recording already fixed the text.
 */
import { readFile } from "node:fs/promises";
import type { ChatMessage } from "../nodes/define";
import { estimateMessagesTokens, estimateTokens } from "../nodes/estimate-tokens";
import { resolveFromInstall } from "../paths/install-root";
import { ProviderError } from "./errors";
import { parseReplayJsonl } from "./replay-format";
import { ReplayIndex } from "./replay-index";
import type { Provider, ProviderChatRequest, ProviderChatResponse } from "./types";

export interface ReplayModelSpec {
  /** The file as the model entry wrote it. */
  file: string;
  /** The recorded model to serve, when the file holds several. */
  model?: string;
}

/** Splits `<file>#<recorded model>`; the part after the last `#` names the model. */
export function parseReplayModel(spec: string): ReplayModelSpec {
  const hash = spec.lastIndexOf("#");
  if (hash <= 0 || hash === spec.length - 1) return { file: spec };
  return { file: spec.slice(0, hash), model: spec.slice(hash + 1) };
}

/** The absolute file a replay model entry serves from: the provider's endpoint. */
export function replayFileOf(modelSpec: string): string {
  return resolveFromInstall(parseReplayModel(modelSpec).file);
}

/** Serves the records of one replay file, loaded and indexed once, on first use. */
export class ReplayProvider implements Provider {
  readonly kind = "replay";
  /** The resolved file path: part of the cache key, so two files never share entries. */
  readonly endpoint: string;
  private readonly file: string;
  private loading: Promise<ReplayIndex> | undefined;

  /** @param file The replay file as a model entry names it (relative to the install, or absolute). */
  constructor(file: string) {
    this.file = file;
    this.endpoint = resolveFromInstall(file);
  }

  async chat(request: ProviderChatRequest): Promise<ProviderChatResponse> {
    request.signal?.throwIfAborted();
    const spec = parseReplayModel(request.model);
    if (resolveFromInstall(spec.file) !== this.endpoint) {
      throw new ProviderError("bad-request", `model "${request.model}" names another file than this replay provider's ${this.file}`);
    }
    const index = await this.load();
    request.signal?.throwIfAborted();

    const record = index.find(lastUserMessage(request.messages, this.file), spec.model);
    const first = request.sampleIndex ?? 0;
    const n = request.n ?? 1;
    if (!Number.isInteger(first) || first < 0 || !Number.isInteger(n) || n < 1) {
      throw new ProviderError("bad-request", `replay needs a whole sample index >= 0 and n >= 1, got sample index ${first} and n ${n}`);
    }
    const available = record.samples.length;
    if (first + n > available) {
      throw new ProviderError("bad-request", `replay record "${record.id}" in ${this.file} has ${available} samples; sample ${first + n - 1} was asked for (use at most ${available} samples)`);
    }

    const samples = record.samples.slice(first, first + n);
    // One chunk per choice: the text exists already, and a replay has no latency to hide.
    samples.forEach((sample, j) => request.onText?.(j, sample.text));
    const missing = samples.some((s) => s.inputTokens === undefined || s.outputTokens === undefined);
    return {
      choices: samples.map((s) => ({ text: s.text, finishReason: "stop" as const })),
      usage: {
        // The prompt is sent once however many choices a call asks for.
        inputTokens: samples[0]?.inputTokens ?? estimateMessagesTokens(request.messages),
        outputTokens: samples.reduce((sum, s) => sum + (s.outputTokens ?? estimateTokens(s.text)), 0),
        ...(missing || record.usageEstimated === true ? { estimated: true } : {}),
      },
    };
  }

  /** A recorded prompt of the model: the only kind a replay can answer. */
  async testPrompt(model: string): Promise<string> {
    const spec = parseReplayModel(model);
    const prompt = (await this.load()).firstPrompt(spec.model);
    if (prompt === undefined) throw new ProviderError("not-found", `replay file ${this.file} has no records${spec.model === undefined ? "" : ` of model "${spec.model}"`}`);
    return prompt;
  }

  async close(): Promise<void> {
    this.loading = undefined;
  }

  private load(): Promise<ReplayIndex> {
    if (this.loading) return this.loading;
    const loading = this.read();
    this.loading = loading;
    // A failed load is not kept: the user may fix the file while a long-lived engine runs.
    loading.catch(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    return loading;
  }

  private async read(): Promise<ReplayIndex> {
    let text: string;
    try {
      text = await readFile(this.endpoint, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "does not exist" : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
      throw new ProviderError("not-found", `replay file ${this.file} ${reason} (resolved to ${this.endpoint}); convert a raw set with "itasca replay import"`, { cause: error });
    }
    const { records, errors } = parseReplayJsonl(text, this.file);
    if (errors.length > 0) throw new ProviderError("bad-request", `replay file ${this.file} is invalid:\n${errors.join("\n")}`);
    return new ReplayIndex(this.file, records);
  }
}

/** The request's last user message: what a replay record's prompt is matched against. */
function lastUserMessage(messages: readonly ChatMessage[], file: string): string {
  const user = messages.findLast((m) => m.role === "user");
  if (!user) throw new ProviderError("bad-request", `replay file ${file}: the request has no user message to look up`);
  return user.content;
}
