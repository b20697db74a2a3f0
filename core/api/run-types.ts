/**
 * The wire types of runs, defined once: the events (a typed map turned into a discriminated
 * union, Rivet's pattern), the terminal events, usage and its zero, per-node and per-call
 * results, error info with its closed union of codes, and the per-query budget and its limits.
 * The query is `Query` of core/graph/ports.ts (nodes read it, and they sit below this layer).
 * Renderer-safe (zod, types and plain constants only), so the engine, the host contract, the
 * studio, the CLI and the renderer all import these same shapes. Payloads are plain,
 * clone-safe data: one stream feeds tests, the CLI printer, Electron IPC and the web bridge.
 */
import { z } from "zod";
import type { Answer, PortValueMap, Query } from "../graph/ports";
import type { ChatMessage, SamplingParams } from "../nodes/define";

/**
 * Error info: what a failed request, node or run reports, with a stable code from one closed
 * union (xyflow's error codes). Callers and the UI branch on the code, never on the message.
 */
export type ErrorCode =
  /** The arguments did not match the channel's schema. */
  | "invalid-arguments"
  /** No such channel. */
  | "unknown-channel"
  /** The architecture has errors; `architecture.validate` (or `itasca validate`) lists the diagnostics. */
  | "validation-failed"
  /** A run, model, file or key that does not exist. */
  | "not-found"
  /** A path the host refuses to read or write (outside the rules of `files.*`). */
  | "forbidden-path"
  /** Reading or writing a file failed. */
  | "io-error"
  /** A model or server could not be reached or answered with an error. */
  | "provider-error"
  /** An architecture names a model the registry does not have. */
  | "unknown-model"
  /** The host cannot do this (e.g. a native dialog in the web studio). */
  | "unsupported"
  /** Missing or wrong session token (web studio only). */
  | "unauthorized"
  /** The host itself did not answer (the studio server or the engine's thread is gone). */
  | "unreachable"
  /** A per-query budget stopped the run before a call would pass it. */
  | "budget-exceeded"
  /** The run was cancelled (by the user, Ctrl-C or shutdown). */
  | "cancelled"
  /** A node could not run (e.g. an unknown node type reached the engine). */
  | "node-failed"
  /** A node finished without a value its consumers need. */
  | "invalid-output"
  /** Anything else; the message says what. */
  | "internal";

export interface ErrorInfo {
  code: ErrorCode;
  /** Human-readable, already redacted when it leaves the host: never contains an API key. */
  message: string;
  /** The node the error belongs to, for node and run errors. */
  nodeId?: string;
}

/** Per-query limits, checked before each call (core/engine/budget.ts); absent means no limit. Strict: an unknown key is a mistake worth reporting. */
export const BudgetSchema = z.strictObject({
  /** Most provider calls (cache hits are free and not counted). */
  maxCalls: z.number().int().positive().optional(),
  /** Most input (prompt) tokens. */
  maxInputTokens: z.number().int().positive().optional(),
  /** Most output (completion) tokens. */
  maxOutputTokens: z.number().int().positive().optional(),
  /** Most dollars. */
  maxUsd: z.number().positive().optional(),
});

export type Budget = z.infer<typeof BudgetSchema>;

/**
 * Each per-query limit by the figure it caps (the names usage, spend and estimates share) and
 * its field in {@link Budget}: the one table the engine's budget check and the estimator's
 * budget filter both walk.
 */
export const BUDGET_LIMITS = { calls: "maxCalls", inputTokens: "maxInputTokens", outputTokens: "maxOutputTokens", usd: "maxUsd" } as const satisfies Record<string, keyof Budget>;

/** Which per-query limit a budget refusal hit. */
export type BudgetLimit = keyof typeof BUDGET_LIMITS;

/** What a node put on each of its output ports, by port name. */
export type NodeOutputs = Record<string, PortValueMap[keyof PortValueMap]>;

export interface Usage {
  /** Provider calls made (cache hits excluded). */
  calls: number;
  /** Calls answered from the cache, at no cost. */
  cachedCalls: number;
  /** Tokens and dollars of the calls made; cache hits cost nothing. */
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** True when some token figures were estimated because the provider did not report them. */
  estimated: boolean;
}

/** The additive figures of a usage (what an evaluation sums over its items). */
export type UsageCounts = Omit<Usage, "estimated">;

/** `total` with `more`'s calls, tokens and dollars added (other fields of `total` kept). */
export function addUsageCounts<T extends UsageCounts>(total: T, more: UsageCounts): T {
  return {
    ...total,
    calls: total.calls + more.calls,
    cachedCalls: total.cachedCalls + more.cachedCalls,
    inputTokens: total.inputTokens + more.inputTokens,
    outputTokens: total.outputTokens + more.outputTokens,
    costUsd: total.costUsd + more.costUsd,
  };
}

/** One model call in the trace. */
export interface CallRecord {
  id: string;
  nodeId: string;
  purpose: string;
  /** Model registry id. */
  model: string;
  provider: string;
  sample: number;
  messages: ChatMessage[];
  sampling: SamplingParams;
  response: string;
  finishReason: "stop" | "length" | "abort" | "unknown";
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  estimatedUsage: boolean;
  latencyMs: number;
  cached: boolean;
  /** Provider attempts the call took (0 for a cache hit; more than 1 after retries). */
  attempts: number;
  cacheKey: string;
  startedAt: number;
}

/** How a node ended (or `pending`/`running` while the run goes on). */
export type NodeStatus = "pending" | "running" | "done" | "cached" | "failed" | "budget-stopped" | "cancelled" | "skipped";

export interface NodeResult {
  id: string;
  type: string;
  status: NodeStatus;
  calls: number;
  cachedCalls: number;
  usage: Usage;
  ms: number;
  outputs?: NodeOutputs;
  warnings: string[];
  error?: ErrorInfo;
}

/** How a finished run ended. */
export type RunStatus = "completed" | "failed" | "cancelled" | "budget-exceeded";

/** A finished run: answer, usage, per-node results and the full call trace. */
export interface RunResult {
  runId: string;
  name: string;
  status: RunStatus;
  answer?: Answer;
  usage: Usage;
  nodes: NodeResult[];
  trace: CallRecord[];
  startedAt: number;
  ms: number;
  error?: ErrorInfo;
}

export interface RunEventMap {
  "run.started": { name: string; nodeIds: string[]; query: Query };
  "node.started": { nodeId: string; nodeType: string };
  "call.started": { nodeId: string; callId: string; model: string; sample: number; purpose: string };
  /** The text of one call so far; throttled (about every 100 ms) so a UI is never flooded. */
  "node.partial": { nodeId: string; callId: string; sample: number; text: string };
  "call.retrying": { nodeId: string; callId: string; attempt: number; delayMs: number; reason: string };
  "call.completed": { nodeId: string; call: CallRecord };
  "node.warning": { nodeId: string; message: string };
  "node.completed": { nodeId: string; nodeType: string; status: "done" | "cached"; calls: number; cachedCalls: number; ms: number; outputs: NodeOutputs };
  "node.failed": { nodeId: string; nodeType: string; status: "failed" | "budget-stopped" | "cancelled"; error: ErrorInfo; ms: number };
  "budget.exceeded": { nodeId: string; limit: BudgetLimit; used: number; max: number; message: string };
  "run.completed": { answer: Answer | undefined; result: RunResult };
  "run.failed": { error: ErrorInfo; result: RunResult };
  "run.cancelled": { reason: string; result: RunResult };
}

export type RunEventType = keyof RunEventMap;

/** Every event carries its type, the run id and a timestamp (ms since the epoch). */
export type RunEventOf<K extends RunEventType> = { type: K; runId: string; at: number } & RunEventMap[K];

export type RunEvent = { [K in RunEventType]: RunEventOf<K> }[RunEventType];

/** The events after which a run sends nothing more. */
export const TERMINAL_EVENTS: ReadonlySet<RunEventType> = new Set<RunEventType>(["run.completed", "run.failed", "run.cancelled"]);

export const EMPTY_USAGE: Readonly<Usage> = Object.freeze({ calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false });

/** Adds one call to a usage total: cache hits count as cached calls and cost nothing. */
export function addCallToUsage(usage: Usage, call: CallRecord): Usage {
  if (call.cached) return { ...usage, cachedCalls: usage.cachedCalls + 1 };
  return {
    calls: usage.calls + 1,
    cachedCalls: usage.cachedCalls,
    inputTokens: usage.inputTokens + call.inputTokens,
    outputTokens: usage.outputTokens + call.outputTokens,
    costUsd: usage.costUsd + call.costUsd,
    estimated: usage.estimated || call.estimatedUsage,
  };
}
