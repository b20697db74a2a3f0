/**
 * The params every LLM node shares, and the one place that turns them into a model call, so
 * message construction is identical across nodes and deterministic (the engine caches calls
 * by their messages and sampling params).
 */
import { z } from "zod";
import type { Query } from "../graph/ports";
import type { ChatCallRequest, ChatMessage, SamplingParams } from "./define";
import { renderTemplate, templateParam, TemplateError } from "./template";

/** The embedded model a fresh install can run with no server and no key. */
export const DEFAULT_MODEL = "local/stories260k";

export interface LlmFieldOptions {
  /** Default sampling temperature: 0.7 for writers, 0 for judges. */
  temperature: number;
  /** The node's default `prompt_template`. */
  template: string;
  /** Variables the template may use. */
  variables: readonly string[];
  /** What the template is for, shown in the inspector. */
  templateDescription: string;
}

/** The zod fields shared by every LLM node; spread them into the node's `z.object`. */
export function llmParamFields(options: LlmFieldOptions) {
  return {
    /** Model registry id. @default "local/stories260k" */
    model: z.string().min(1).default(DEFAULT_MODEL).describe("Model registry id, e.g. local/stories260k or openai/gpt-4o-mini."),
    /** Sampling temperature. @default 0.7 for writers, 0 for judges */
    temperature: z.number().min(0).max(2).default(options.temperature).describe("Sampling temperature (0 to 2)."),
    /** Nucleus sampling mass. @default 1 */
    top_p: z.number().min(0).max(1).default(1).describe("Nucleus sampling: keep the smallest token set with this probability mass (0 to 1)."),
    /** Output token limit per call. @default 256 */
    max_tokens: z.number().int().min(1).max(32768).default(256).describe("Maximum tokens generated per call."),
    /** Base seed; sample i uses seed + i. @default undefined (provider chooses) */
    seed: z.number().int().min(0).optional().describe("Base random seed; sample i uses seed + i. Leave empty for provider randomness."),
    /** System prompt; empty means the query's own system prompt, if any. @default "" */
    system_prompt: z.string().default("").describe("System prompt. Empty: use the query's system prompt, if it has one."),
    /** The user message template. @default the node's template in prompts.ts */
    prompt_template: templateParam(options.template, options.variables, options.templateDescription),
  };
}

/** The shared params after parsing. */
export interface LlmParams {
  model: string;
  temperature: number;
  top_p: number;
  max_tokens: number;
  seed?: number | undefined;
  system_prompt: string;
  prompt_template: string;
}

/**
 * Sampling params of call `sample`. The seed is offset by the sample index so that N seeded
 * samples differ from one another yet are reproducible; without a seed none is sent.
 */
export function samplingFor(params: LlmParams, sample: number): SamplingParams {
  const sampling: SamplingParams = { temperature: params.temperature, topP: params.top_p, maxTokens: params.max_tokens };
  // Omitted rather than `undefined`, so the cache key of an unseeded call has no seed field at all.
  if (params.seed !== undefined) sampling.seed = params.seed + sample;
  return sampling;
}

/** `{{query}}`, `{{context}}` and `{{context_block}}` for a query. */
export function queryVariables(query: Query): Record<string, string> {
  const context = query.context ?? "";
  return {
    query: query.text,
    context,
    context_block: context.trim() === "" ? "" : `Reference material:\n${context}\n\n`,
  };
}

/** The system message (the node's, else the query's, else none) followed by the user message. */
export function buildMessages(params: LlmParams, query: Query, user: string): ChatMessage[] {
  const system = params.system_prompt !== "" ? params.system_prompt : (query.system ?? "");
  const messages: ChatMessage[] = [];
  if (system !== "") messages.push({ role: "system", content: system });
  messages.push({ role: "user", content: user });
  return messages;
}

/**
 * Renders a node's template, naming the node and param when a variable is unknown (possible
 * only when params bypassed the schema).
 */
export function renderPrompt(nodeId: string, param: string, template: string, vars: Readonly<Record<string, string>>): string {
  try {
    return renderTemplate(template, vars);
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(`node "${nodeId}": params.${param}: ${error.message}`, error.variable);
    throw error;
  }
}

export interface PromptCall {
  nodeId: string;
  params: LlmParams;
  query: Query;
  /** The rendered user message. */
  user: string;
  /** Sample index: distinct samples of one prompt; 0 for judge calls. */
  sample: number;
  /** Shown in the trace. */
  purpose: string;
}

/** One chat request with the node's model, messages and sampling params. */
export function chatRequest(call: PromptCall): ChatCallRequest {
  return {
    model: call.params.model,
    messages: buildMessages(call.params, call.query, call.user),
    sampling: samplingFor(call.params, call.sample),
    sample: call.sample,
    purpose: call.purpose,
  };
}
