/**
 * A scripted test double of the engine for running one node definition: params go through
 * the node's zod schema (as the engine does), model replies come from a script, and every
 * request and warning is recorded for assertions.
 */
import type { z } from "zod";
import type { Candidate, Query } from "../../core/graph/ports";
import type {
  ChatCallRequest,
  ChatCallResult,
  InputPorts,
  InputValues,
  NodeDefinition,
  NodeRunContext,
  OutputPorts,
  OutputValues,
} from "../../core/nodes/define";
import type { CodeSandbox } from "../../core/nodes/sandbox-types";

/** Produces the model's reply to one request; throw (or reject) to simulate abort or budget errors. */
export type Script = (request: ChatCallRequest, index: number) => string | Promise<string>;

export interface ScriptedOptions<I extends InputPorts> {
  /** Raw params, parsed by the node's schema. @default {} */
  params?: unknown;
  inputs: InputValues<I>;
  /** @default "node-1" */
  nodeId?: string;
  /** The run's query. @default the query input when there is one, else { text: "What is 2 + 2?" } */
  query?: Query;
  /** Model replies. @default a script that fails the test on any call */
  script?: Script;
  sandbox?: CodeSandbox;
  /** @default a fresh, never-aborted signal */
  signal?: AbortSignal;
}

export interface ScriptedContext<P, I extends InputPorts> {
  ctx: NodeRunContext<P, I>;
  /** Every chat request, in the order the node issued them. */
  requests: ChatCallRequest[];
  /** Every ctx.warn message. */
  warnings: string[];
}

const DEFAULT_QUERY: Query = { text: "What is 2 + 2?" };

function unexpectedCall(request: ChatCallRequest): never {
  throw new Error(`unexpected model call: ${request.purpose}`);
}

export function scriptedContext<T extends string, I extends InputPorts, O extends OutputPorts, S extends z.ZodObject>(
  definition: NodeDefinition<T, I, O, S>,
  options: ScriptedOptions<I>,
): ScriptedContext<z.infer<S>, I> {
  const requests: ChatCallRequest[] = [];
  const warnings: string[] = [];
  const script: Script = options.script ?? unexpectedCall;
  const inputs: Record<string, unknown> = options.inputs;
  const queryInput = inputs["query"] as Query | undefined;
  const ctx: NodeRunContext<z.infer<S>, I> = {
    nodeId: options.nodeId ?? "node-1",
    params: definition.params.parse(options.params ?? {}),
    inputs: options.inputs,
    query: options.query ?? queryInput ?? DEFAULT_QUERY,
    signal: options.signal ?? new AbortController().signal,
    warn: (message) => void warnings.push(message),
    chat: async (request): Promise<ChatCallResult> => {
      const index = requests.length;
      requests.push(request);
      const text = await script(request, index);
      return { text, callId: `call-${index}`, cached: false, finishReason: "stop", inputTokens: 10, outputTokens: Math.ceil(text.length / 4) };
    },
  };
  if (options.sandbox !== undefined) ctx.sandbox = options.sandbox;
  return { ctx, requests, warnings };
}

/** Runs a node against a script; returns its outputs with the recorded requests and warnings. */
export async function runScripted<T extends string, I extends InputPorts, O extends OutputPorts, S extends z.ZodObject>(
  definition: NodeDefinition<T, I, O, S>,
  options: ScriptedOptions<I>,
): Promise<{ output: OutputValues<O>; requests: ChatCallRequest[]; warnings: string[] }> {
  const { ctx, requests, warnings } = scriptedContext(definition, options);
  const output = await definition.run(ctx);
  return { output, requests, warnings };
}

/** Candidates `${node}#i` with the given texts and no annotations. */
export function makeCandidates(texts: readonly string[], node = "gen"): Candidate[] {
  return texts.map((text, i) => ({ id: `${node}#${i}`, text, origin: { node, model: "test/model", sample: i }, annotations: [] }));
}

/** The user message of a request. */
export function userMessage(request: ChatCallRequest | undefined): string {
  return request?.messages.find((m) => m.role === "user")?.content ?? "";
}

/** A script answering from a list, in call order (concurrent calls are issued in a deterministic order). */
export function replies(...texts: string[]): Script {
  return (_request, index) => {
    const text = texts[index];
    if (text === undefined) throw new Error(`the script has no reply for call ${index}`);
    return text;
  };
}
