/**
 * Narrow selectors: each component subscribes to the least it renders. Derived values come
 * from one cache, so selectors return the same objects until the graph changes.
 */
import type { Diagnostic } from "../../core/graph/diagnostics";
import type { NodeSpec } from "../../core/graph/schema";
import type { NodeEstimate } from "../../core/nodes/define";
import { createDeriver, diagnosticsOf, type Derived } from "./derived";
import { estimateQueryCost, type QueryCost } from "./query-cost";
import type { ItascaState } from "./state";
import type { NodeRunView, RunView } from "./runs/run-view";
import type { GraphData } from "./types";

const deriveCached = createDeriver();

/** Diagnostics and estimates of the current graph. */
export function selectDerived(state: ItascaState): Derived {
  return deriveCached({ nodes: state.nodes, edges: state.edges, name: state.name, models: state.modelIds });
}

let lastCost: { estimates: Derived["estimates"]; nodes: ItascaState["nodes"]; models: ItascaState["models"]; cost: QueryCost } | undefined;

/** Estimated calls, tokens and dollars of one query; the same object until the graph or registry changes. */
export function selectQueryCost(state: ItascaState): QueryCost {
  const { estimates } = selectDerived(state);
  if (lastCost?.estimates === estimates && lastCost.nodes === state.nodes && lastCost.models === state.models) return lastCost.cost;
  lastCost = { estimates, nodes: state.nodes, models: state.models, cost: estimateQueryCost(state.nodes, estimates, state.models) };
  return lastCost.cost;
}

export const selectDiagnostics = (state: ItascaState): readonly Diagnostic[] => selectDerived(state).diagnostics;

export const selectNodeDiagnostics =
  (nodeId: string) =>
  (state: ItascaState): readonly Diagnostic[] =>
    diagnosticsOf(selectDerived(state), nodeId);

export const selectNodeEstimate =
  (nodeId: string) =>
  (state: ItascaState): NodeEstimate | undefined =>
    selectDerived(state).estimates.get(nodeId);

/** The one selected node, or undefined when none or several are selected. */
export function selectInspectedNode(state: ItascaState): NodeSpec | undefined {
  const [only, another] = state.selectedNodeIds;
  return only === undefined || another !== undefined ? undefined : state.nodes.find((node) => node.id === only);
}

/** A dialog (file, models and keys, shortcuts) covers the canvas. */
export const selectDialogOpen = (state: ItascaState): boolean => state.fileDialog !== null || state.modelsOpen || state.shortcutsOpen;

/** The document differs from what was last opened or saved. */
export const selectDirty = (state: ItascaState): boolean => state.nodes !== state.saved.nodes || state.edges !== state.saved.edges;

/** The graph of a state, for event handlers (`getState()`); a new object each call, so not a hook selector. */
export const graphOf = (state: ItascaState): GraphData => ({ nodes: state.nodes, edges: state.edges });

/** The run the panel shows, if any. */
export const selectCurrentRun = (state: ItascaState): RunView | undefined => (state.currentRunId === null ? undefined : state.runs[state.currentRunId]);

/** One node's state in the shown run. */
export const selectNodeRun =
  (nodeId: string) =>
  (state: ItascaState): NodeRunView | undefined =>
    selectCurrentRun(state)?.nodes[nodeId];
