/**
 * Folds one run event into the view of its run. Pure: the same events in the same order always
 * give the same view, so a reconnect's replay or a test's recorded fixture rebuild it exactly.
 * `run.started` resets the run (the studio replays a running run from its start on reconnect).
 */
import { type RunEvent, type RunResult, addCallToUsage, EMPTY_USAGE } from "../../../core/api/run-types";
import type { Query } from "../../../core/graph/ports";
import { emptyNode, nodeStatusOf, type NodeRunView, type RunView } from "./run-view";

function updateNode(run: RunView, nodeId: string, change: (node: NodeRunView) => NodeRunView): RunView {
  const node = run.nodes[nodeId] ?? emptyNode(nodeId);
  return { ...run, nodes: { ...run.nodes, [nodeId]: change(node) } };
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!Object.hasOwn(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** The view of a started run with every node queued. */
export function startedRun(runId: string, name: string, nodeIds: readonly string[], query: Query, startedAt: number): RunView {
  const nodes: Record<string, NodeRunView> = {};
  for (const id of nodeIds) nodes[id] = emptyNode(id);
  return { runId, name, status: "running", query, nodeIds, nodes, usage: EMPTY_USAGE, startedAt, trace: [] };
}

/**
 * The final view from the engine's result: authoritative per-node usage, statuses and outputs.
 * Also how a stored run (`run.get`) is reopened.
 */
export function finishedRun(result: RunResult, query: Query, previous?: RunView): RunView {
  // A run that failed before scheduling reports no nodes: keep what the events showed.
  const nodes: Record<string, NodeRunView> = { ...previous?.nodes };
  for (const node of result.nodes) {
    nodes[node.id] = {
      id: node.id,
      status: nodeStatusOf(node.status),
      calls: node.calls,
      cachedCalls: node.cachedCalls,
      inputTokens: node.usage.inputTokens,
      outputTokens: node.usage.outputTokens,
      costUsd: node.usage.costUsd,
      ms: node.ms,
      partials: {},
      warnings: node.warnings,
      ...(node.outputs === undefined ? {} : { outputs: node.outputs }),
      ...(node.error === undefined ? {} : { error: node.error }),
    };
  }
  const nodeIds = previous?.nodeIds.length ? previous.nodeIds : result.nodes.map((node) => node.id);
  return {
    runId: result.runId,
    name: result.name,
    status: result.status,
    query,
    nodeIds,
    nodes,
    ...(result.answer === undefined ? {} : { answer: result.answer }),
    usage: result.usage,
    startedAt: result.startedAt,
    ms: result.ms,
    trace: result.trace,
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(previous?.budgetMessage === undefined ? {} : { budgetMessage: previous.budgetMessage }),
  };
}

/** Applies one event to the view of its run (`undefined` before `run.started`). */
export function reduceRunEvent(run: RunView | undefined, event: RunEvent): RunView | undefined {
  if (event.type === "run.started") return startedRun(event.runId, event.name, event.nodeIds, event.query, event.at);
  // Events of a run whose start this view never saw cannot be placed; they wait for a replay.
  if (run === undefined || run.runId !== event.runId) return run;
  switch (event.type) {
    case "node.started":
      return updateNode(run, event.nodeId, (node) => ({ ...node, status: "running" }));
    case "call.started":
    case "call.retrying":
      return run;
    case "node.partial":
      return updateNode(run, event.nodeId, (node) => ({ ...node, partials: { ...node.partials, [event.callId]: { callId: event.callId, sample: event.sample, text: event.text } } }));
    case "call.completed": {
      const { call } = event;
      const next = updateNode(run, event.nodeId, (node) => ({
        ...node,
        calls: node.calls + (call.cached ? 0 : 1),
        cachedCalls: node.cachedCalls + (call.cached ? 1 : 0),
        inputTokens: node.inputTokens + (call.cached ? 0 : call.inputTokens),
        outputTokens: node.outputTokens + (call.cached ? 0 : call.outputTokens),
        costUsd: node.costUsd + (call.cached ? 0 : call.costUsd),
        partials: withoutKey(node.partials, call.id),
      }));
      return { ...next, usage: addCallToUsage(run.usage, call), trace: [...run.trace, call] };
    }
    case "node.warning":
      return updateNode(run, event.nodeId, (node) => ({ ...node, warnings: [...node.warnings, event.message] }));
    case "node.completed":
      return updateNode(run, event.nodeId, (node) => ({ ...node, status: event.status, calls: event.calls, cachedCalls: event.cachedCalls, ms: event.ms, outputs: event.outputs, partials: {} }));
    case "node.failed":
      return updateNode(run, event.nodeId, (node) => ({ ...node, status: event.status, ms: event.ms, error: event.error, partials: {} }));
    case "budget.exceeded":
      return { ...run, budgetMessage: event.message };
    case "run.completed":
    case "run.failed":
    case "run.cancelled":
      return finishedRun(event.result, run.query, run);
  }
}

/** Replays a list of events (a recorded fixture, or a reconnect's backlog). */
export function reduceRunEvents(events: readonly RunEvent[], initial?: RunView): RunView | undefined {
  return events.reduce<RunView | undefined>(reduceRunEvent, initial);
}
