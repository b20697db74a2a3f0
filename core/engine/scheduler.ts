/**
 * Runs one architecture on one query: nodes start as soon as their inputs are ready, and
 * independent nodes run concurrently (the call limiters bound the actual model traffic).
 */
import { addCallToUsage, EMPTY_USAGE, type CallRecord, type NodeOutputs, type NodeResult, type RunResult, type RunStatus, type ErrorInfo } from "../api/run-types";
import type { Query } from "../graph/ports";
import type { NodeRunContext, InputPorts } from "../nodes/define";
import type { CodeSandbox } from "../nodes/sandbox-types";
import type { BudgetRefusal } from "./budget";
import { createCallRunner, type CallRunnerDeps } from "./call-runner";
import { cancelReason, EngineError, toErrorInfo } from "./errors";
import type { RunEventStream } from "./events";
import { collectInputs, successorsOf, type PlannedNode } from "./readiness";

export interface ScheduleInput {
  runId: string;
  name: string;
  plan: PlannedNode[];
  query: Query;
  events: RunEventStream;
  /** Aborted on user cancel. */
  signal: AbortSignal;
  callDeps: Omit<CallRunnerDeps, "stopped" | "onBudgetExceeded" | "onCallFailed" | "onCall" | "track" | "nextCallId" | "events" | "signal">;
  onCall: (record: CallRecord) => void;
  sandbox?: CodeSandbox;
}

type StopReason = "budget" | "failed";

export async function executePlan(input: ScheduleInput): Promise<RunResult> {
  const { runId, plan, events, signal } = input;
  const startedAt = Date.now();
  const results = new Map<string, NodeResult>(plan.map((n) => [n.id, { id: n.id, type: n.type, status: "pending", calls: 0, cachedCalls: 0, usage: { ...EMPTY_USAGE }, ms: 0, warnings: [] }]));
  const outputs = new Map<string, NodeOutputs>();
  const finished = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<unknown>>();
  const trace: CallRecord[] = [];
  let usage = { ...EMPTY_USAGE };
  let stopReason: StopReason | undefined;
  let firstError: ErrorInfo | undefined;
  /** The refusal of the first node a budget stopped: why a budget-exceeded run did not complete. */
  let budgetError: ErrorInfo | undefined;
  let callCounter = 0;

  const deps: CallRunnerDeps = {
    ...input.callDeps,
    events,
    signal,
    stopped: () => stopReason,
    onBudgetExceeded: (nodeId: string, refusal: BudgetRefusal) => {
      if (stopReason === "budget") return;
      stopReason ??= "budget";
      events.emit("budget.exceeded", { nodeId, limit: refusal.limit, used: refusal.used, max: refusal.max, message: refusal.message });
    },
    onCallFailed: () => {
      stopReason ??= "failed";
    },
    onCall: (record) => {
      input.onCall(record);
      trace.push(record);
      usage = addCallToUsage(usage, record);
      const node = results.get(record.nodeId);
      if (node) {
        node.usage = addCallToUsage(node.usage, record);
        node.calls = node.usage.calls;
        node.cachedCalls = node.usage.cachedCalls;
      }
      events.emit("call.completed", { nodeId: record.nodeId, call: record });
    },
    track: (promise) => {
      inFlight.add(promise);
      const forget = () => inFlight.delete(promise);
      promise.then(forget, forget);
    },
    nextCallId: () => `${runId}:c${++callCounter}`,
  };

  const calls = createCallRunner(deps);

  const runNode = async (node: PlannedNode): Promise<void> => {
    const result = results.get(node.id) as NodeResult;
    result.status = "running";
    const began = performance.now();
    events.emit("node.started", { nodeId: node.id, nodeType: node.type });
    try {
      const ctx: NodeRunContext<unknown, InputPorts> = {
        nodeId: node.id,
        params: node.params,
        inputs: collectInputs(node, outputs) as NodeRunContext<unknown, InputPorts>["inputs"],
        query: input.query,
        chat: calls.chatFor(node.id),
        signal,
        warn: (message) => {
          result.warnings.push(message);
          events.emit("node.warning", { nodeId: node.id, message });
        },
        ...(input.sandbox ? { sandbox: input.sandbox } : {}),
      };
      const produced = (await node.definition.run(ctx)) as NodeOutputs;
      for (const port of Object.keys(node.definition.outputs)) {
        if (produced[port] === undefined) throw new EngineError("invalid-output", `node "${node.id}" (${node.type}) finished without a value on its "${port}" output`);
      }
      outputs.set(node.id, produced);
      finished.add(node.id);
      result.ms = Math.round(performance.now() - began);
      result.outputs = produced;
      result.status = result.calls === 0 && result.cachedCalls > 0 ? "cached" : "done";
      events.emit("node.completed", { nodeId: node.id, nodeType: node.type, status: result.status, calls: result.calls, cachedCalls: result.cachedCalls, ms: result.ms, outputs: produced });
    } catch (error) {
      result.ms = Math.round(performance.now() - began);
      const info = toErrorInfo(error, node.id);
      // Every failure names its node, also when node code threw a bare error.
      if (!info.message.includes(`node "${node.id}"`)) info.message = `node "${node.id}" (${node.type}): ${info.message}`;
      if (signal.aborted || (info.code === "cancelled" && stopReason !== "budget")) result.status = "cancelled";
      else if (info.code === "budget-exceeded" || stopReason === "budget") {
        result.status = "budget-stopped";
        if (info.code === "budget-exceeded") budgetError ??= info;
      } else {
        result.status = "failed";
        stopReason ??= "failed";
        firstError ??= info;
      }
      result.error = info;
      events.emit("node.failed", { nodeId: node.id, nodeType: node.type, status: result.status as "failed" | "budget-stopped" | "cancelled", error: info, ms: result.ms });
    }
  };

  // Each node counts the predecessors it still waits for; a successful finish decrements its
  // successors' counts, so readiness costs O(edges) over the run, not a scan per finish.
  const byId = new Map(plan.map((n) => [n.id, n]));
  const successors = successorsOf(plan);
  const waitingFor = new Map(plan.map((n) => [n.id, n.predecessors.size]));
  const ready: PlannedNode[] = plan.filter((n) => n.predecessors.size === 0);
  const startReadyNodes = () => {
    if (signal.aborted || stopReason) return;
    for (const node of ready.splice(0)) {
      if (results.get(node.id)?.status !== "pending") continue;
      const promise = runNode(node).finally(() => {
        running.delete(node.id);
        if (!finished.has(node.id)) return;
        for (const id of successors.get(node.id) ?? []) {
          const left = (waitingFor.get(id) ?? 0) - 1;
          waitingFor.set(id, left);
          if (left === 0) ready.push(byId.get(id) as PlannedNode);
        }
      });
      running.set(node.id, promise);
    }
  };

  startReadyNodes();
  while (running.size > 0) {
    await Promise.race(running.values());
    startReadyNodes();
  }
  // Calls a failed node left behind still finish (and are cached) before the run reports.
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);

  for (const node of results.values()) {
    if (node.status === "pending") node.status = signal.aborted ? "cancelled" : "skipped";
  }
  const status: RunStatus = signal.aborted ? "cancelled" : stopReason === "budget" ? "budget-exceeded" : stopReason === "failed" ? "failed" : "completed";
  // A run that did not complete always says why (`itasca run --json` promises `error` then).
  const error = status === "cancelled" ? cancelError(signal) : status === "budget-exceeded" ? (budgetError ?? firstError) : firstError;
  const outputNode = plan.find((n) => n.type === "output" && outputs.has(n.id));
  const answer = outputNode ? (outputs.get(outputNode.id)?.answer as RunResult["answer"]) : undefined;
  return {
    runId,
    name: input.name,
    status,
    ...(answer ? { answer } : {}),
    usage,
    nodes: [...results.values()],
    trace,
    startedAt,
    ms: Date.now() - startedAt,
    ...(error ? { error } : {}),
  };
}

function cancelError(signal: AbortSignal): ErrorInfo {
  return { code: "cancelled", message: `the run was cancelled: ${cancelReason(signal)}` };
}
