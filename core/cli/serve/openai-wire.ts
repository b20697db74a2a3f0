/**
 * The OpenAI chat-completions wire format, as much of it as a served architecture speaks: the
 * request schema (lenient: unknown fields are ignored, since SDKs and apps send many), and the
 * builders of completions, stream chunks, model objects and errors.
 * Reference: https://platform.openai.com/docs/api-reference/chat
 */
import { z } from "zod";

const ContentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const MessageSchema = z.looseObject({
  role: z.string(),
  // `null` is what SDKs send for an assistant turn that only called tools.
  content: z.union([z.string(), z.array(ContentPartSchema), z.null()]).optional(),
});

/**
 * A chat-completions request. Sampling fields (`temperature`, `max_tokens`, `top_p`, `seed`,
 * `tools`, ...) are accepted and ignored: the architecture's nodes set their own.
 */
export const ChatRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(MessageSchema).min(1, "at least one message is required"),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  n: z.number().int().nullish(),
});

export type ChatRequest = z.infer<typeof ChatRequestSchema>;
export type ChatMessageIn = z.infer<typeof MessageSchema>;

/** OpenAI's `usage` object. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Itasca's extension field on completions and on the last stream chunk: what the run did. */
export interface ItascaExtension {
  run_id: string;
  /** Provider calls made (cache hits excluded). */
  calls: number;
  /** Calls answered from the call cache, at no cost. */
  cached_calls: number;
  cost_usd: number;
  /** True when some token figures were estimated because a provider did not report them. */
  usage_estimated: boolean;
}

/** What every completion and chunk of one request shares. */
export interface CompletionHeader {
  /** `chatcmpl-...` */
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

export function chatCompletion(header: CompletionHeader, content: string, usage: WireUsage, itasca: ItascaExtension) {
  return {
    id: header.id,
    object: "chat.completion",
    created: header.created,
    model: header.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage,
    itasca,
  };
}

/** The delta of one stream chunk, or `undefined` for the usage-only chunk (empty `choices`, as OpenAI sends it). */
export function chatChunk(
  header: CompletionHeader,
  delta: { role?: "assistant"; content?: string } | undefined,
  extra: { finishReason?: "stop"; usage?: WireUsage | null; itasca?: ItascaExtension } = {},
) {
  return {
    id: header.id,
    object: "chat.completion.chunk",
    created: header.created,
    model: header.model,
    choices: delta === undefined ? [] : [{ index: 0, delta, logprobs: null, finish_reason: extra.finishReason ?? null }],
    ...(extra.usage !== undefined ? { usage: extra.usage } : {}),
    ...(extra.itasca ? { itasca: extra.itasca } : {}),
  };
}

export function modelObject(id: string, created: number) {
  return { id, object: "model", created, owned_by: "itasca" };
}

/** OpenAI's error types, as clients branch on them. */
export type WireErrorType = "invalid_request_error" | "authentication_error" | "server_error";

/** OpenAI's error body: `{error: {message, type, param, code}}`. */
export interface WireError {
  error: { message: string; type: WireErrorType; param: string | null; code: string | null };
}

export function wireError(message: string, type: WireErrorType, code: string | null, param: string | null = null): WireError {
  return { error: { message, type, param, code } };
}
