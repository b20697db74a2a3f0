/**
 * The contract every technique node implements (one file per node, ARCHITECTURE.md section 7).
 * Node definitions are renderer-safe: they get every capability through `ctx` and never
 * import Node built-ins, SDKs or the engine.
 */
import type { z } from "zod";
import type { DiagnosticCode } from "../graph/diagnostics";
import type { PortType, PortValueMap, Query } from "../graph/ports";
import type { CodeSandbox } from "./sandbox-types";

export type NodeCategory = "io" | "generation" | "critique" | "selection" | "synthesis" | "testing";

export interface InputPortDef {
  type: PortType;
  /** A required input must be connected for the architecture to validate. @default true */
  required?: boolean;
  description: string;
}

export interface OutputPortDef {
  type: PortType;
  description: string;
}

export type InputPorts = Record<string, InputPortDef>;
export type OutputPorts = Record<string, OutputPortDef>;

/** Values of a node's inputs: optional ports may be absent. */
export type InputValues<I extends InputPorts> = {
  [K in keyof I]: I[K]["required"] extends false ? PortValueMap[I[K]["type"]] | undefined : PortValueMap[I[K]["type"]];
};

export type OutputValues<O extends OutputPorts> = { [K in keyof O]: PortValueMap[O[K]["type"]] };

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Sampling parameters of one model call (all part of the cache key). */
export interface SamplingParams {
  temperature: number;
  topP?: number;
  maxTokens: number;
  /** Base seed; the engine passes it through unchanged, nodes add the sample index when they want distinct samples. */
  seed?: number;
  stop?: string[];
}

export interface ChatCallRequest {
  /** Model registry id, e.g. `local/stories260k`. */
  model: string;
  messages: ChatMessage[];
  sampling: SamplingParams;
  /** Sample index: N samples of one prompt are N distinct calls and N cache entries. */
  sample: number;
  /** Shown in the trace: what the call is for ("sample 3", "rank", "verify c2"). */
  purpose: string;
}

export interface ChatCallResult {
  text: string;
  callId: string;
  cached: boolean;
  finishReason: "stop" | "length" | "abort" | "unknown";
  inputTokens: number;
  outputTokens: number;
}

export interface NodeRunContext<P, I extends InputPorts> {
  nodeId: string;
  params: P;
  inputs: InputValues<I>;
  /** The run's query, as given by the user (the input node publishes it). */
  query: Query;
  /** One model call through the engine: cache, budget, limiter, trace and streaming included. */
  chat(request: ChatCallRequest): Promise<ChatCallResult>;
  signal: AbortSignal;
  /** Records a node-level warning in the run (also attach a warning annotation when it concerns a candidate). */
  warn(message: string): void;
  /** Present when the host provides a code sandbox. */
  sandbox?: CodeSandbox;
}

/** What the cost estimator knows about a node's inputs. */
export interface EstimateContext {
  /** Number of items arriving on each list input (candidates, tests); 1 for query/answer. */
  inputCounts: Record<string, number>;
  /** Approximate tokens in the query text. */
  queryTokens: number;
  /** Approximate tokens in one candidate or test arriving on an input. */
  itemTokens: number;
}

export interface NodeEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Number of items the node emits on each list output. */
  outputCounts: Record<string, number>;
}

/** A node-specific validation finding (the generic checks live in core/graph/validate.ts). */
export interface NodeIssue {
  code: DiagnosticCode;
  message: string;
  hint: string;
  /** Path below the node, e.g. `params.top_k`. */
  path?: string;
}

export interface NodeDefinitionInput<T extends string, I extends InputPorts, O extends OutputPorts, S extends z.ZodObject> {
  type: T;
  title: string;
  category: NodeCategory;
  description: string;
  inputs: I;
  outputs: O;
  /** Zod object of the params; every field has a default, so `{}` is valid. */
  params: S;
  // Method syntax on purpose: it makes the parameters bivariant, so a definition with concrete
  // params and ports is assignable to `AnyNodeDefinition` in the registry.
  /** Model registry ids this node calls, for validation and cost. */
  models?(params: z.infer<S>): string[];
  /** Checks that need both params and connections (e.g. "one of two inputs"). */
  validate?(params: z.infer<S>, connectedInputs: ReadonlySet<string>): NodeIssue[];
  estimate(params: z.infer<S>, context: EstimateContext): NodeEstimate;
  run(ctx: NodeRunContext<z.infer<S>, I>): Promise<OutputValues<O>>;
}

export interface NodeDefinition<T extends string, I extends InputPorts, O extends OutputPorts, S extends z.ZodObject>
  extends NodeDefinitionInput<T, I, O, S> {
  /** `params.parse({})`: the values a freshly dropped node gets. */
  defaults: z.infer<S>;
}

/** Any node definition, as held by the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds definitions of every param/port shape; callers narrow by `type`
export type AnyNodeDefinition = NodeDefinition<string, InputPorts, OutputPorts, any>;

export function defineNode<const T extends string, const I extends InputPorts, const O extends OutputPorts, S extends z.ZodObject>(
  definition: NodeDefinitionInput<T, I, O, S>,
): NodeDefinition<T, I, O, S> {
  return { ...definition, defaults: definition.params.parse({}) };
}

/** Whether an input port must be connected. */
export function isRequiredInput(port: InputPortDef): boolean {
  return port.required !== false;
}
