/**
 * Narrow selectors: each component subscribes to the least it renders. Derived values come
 * from one cache, so selectors return the same objects until the graph changes.
 */
import { priceEstimates, type CostEstimate, type NodeCost } from "../../core/cost/estimate";
import type { Diagnostic } from "../../core/graph/diagnostics";
import type { NodeSpec, GraphData } from "../../core/graph/schema";
import type { NodeEstimate } from "../../core/nodes/define";
import { createDeriver, diagnosticsOf, type Derived } from "./derived";
import type { EvalItemRecord } from "../../core/api/eval-types";
import type { EvalView } from "./evals/eval-view";
import type { TrialRecord } from "../../core/api/search-types";
import { markedParams, type MarkedParam } from "./searches/search-marks";
import type { SearchView } from "./searches/search-view";
import type { NodeRunView, RunView } from "./runs/run-view";
import type { ItascaState } from "./state";

const deriveCached = createDeriver();

/** Diagnostics and estimates of the current graph. */
export function selectDerived(state: ItascaState): Derived {
  return deriveCached({ nodes: state.nodes, edges: state.edges, name: state.name, models: state.modelIds });
}

let lastCost: { estimates: Derived["estimates"]; models: ItascaState["models"]; cost: CostEstimate } | undefined;

/**
 * Estimated calls, tokens, dollars and latency (along the longest path) of one query; the same
 * object until the graph's structure or the registry changes. The estimates are re-derived on
 * any param or edge edit (a model change included) and kept while nodes only move, so they
 * stand for the nodes and edges here.
 */
export function selectQueryCost(state: ItascaState): CostEstimate {
  const { estimates } = selectDerived(state);
  if (lastCost?.estimates === estimates && lastCost.models === state.models) return lastCost.cost;
  lastCost = { estimates, models: state.models, cost: priceEstimates(state.nodes, estimates, state.models, { edges: state.edges }) };
  return lastCost.cost;
}

/** One node's priced and timed estimate (calls, tokens, dollars, latency); the same object while {@link selectQueryCost} is. */
export const selectNodeCost =
  (nodeId: string) =>
  (state: ItascaState): NodeCost | undefined =>
    selectQueryCost(state).nodes.get(nodeId);

export const selectDiagnostics = (state: ItascaState): readonly Diagnostic[] => selectDerived(state).diagnostics;

export const selectNodeDiagnostics =
  (nodeId: string) =>
  (state: ItascaState): readonly Diagnostic[] =>
    diagnosticsOf(selectDerived(state), nodeId);

export const selectNodeEstimate =
  (nodeId: string) =>
  (state: ItascaState): NodeEstimate | undefined =>
    selectDerived(state).estimates.get(nodeId);

/** Nodes by id, built once per nodes array; the first node of a repeated id, as `find` gives. */
const nodeIndexes = new WeakMap<readonly NodeSpec[], ReadonlyMap<string, NodeSpec>>();

function nodeIndex(nodes: readonly NodeSpec[]): ReadonlyMap<string, NodeSpec> {
  let index = nodeIndexes.get(nodes);
  if (index === undefined) {
    const byId = new Map<string, NodeSpec>();
    for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);
    nodeIndexes.set(nodes, byId);
    index = byId;
  }
  return index;
}

/**
 * One node's params. Every card subscribes to this, so it looks the node up in an index shared by
 * all of them: a search of the list per card would cost nodes² on every store update.
 */
export const selectNodeParams =
  (nodeId: string) =>
  (state: ItascaState): Record<string, unknown> | undefined =>
    nodeIndex(state.nodes).get(nodeId)?.params;

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

/** The evaluation the Evaluate tab shows, if any. */
export const selectShownEval = (state: ItascaState): EvalView | undefined => (state.shownEvalId === null ? undefined : state.evals[state.shownEvalId]);

/** The item of the shown evaluation whose run is on the canvas. */
export const selectOpenItem = (state: ItascaState): EvalItemRecord | undefined => {
  const index = state.openItemIndex;
  return index === null ? undefined : selectShownEval(state)?.items.find((item) => item.index === index);
};

/** An evaluation started from this window is going (or `eval.start` has not answered yet). */
export const selectEvalGoing = (state: ItascaState): boolean => state.evalStarting || selectShownEval(state)?.status === "running";

/** The search the Search tab shows, if any. */
export const selectShownSearch = (state: ItascaState): SearchView | undefined => (state.shownSearchId === null ? undefined : state.searches[state.shownSearchId]);

/** The trial of the shown search whose architecture was last opened on the canvas. */
export const selectOpenTrial = (state: ItascaState): TrialRecord | undefined => {
  const index = state.openTrialIndex;
  return index === null ? undefined : selectShownSearch(state)?.trials.find((trial) => trial.index === index);
};

/** A search started from this window is going (or `search.start` has not answered yet). */
export const selectSearchGoing = (state: ItascaState): boolean => state.searchStarting || selectShownSearch(state)?.status === "running";

let lastMarked: { marks: ItascaState["searchMarks"]; nodes: ItascaState["nodes"]; list: readonly MarkedParam[] } | undefined;

/** The params marked searchable whose node is on the canvas; the same array until the marks or the nodes change. */
export function selectMarkedParams(state: ItascaState): readonly MarkedParam[] {
  if (lastMarked?.marks === state.searchMarks && lastMarked.nodes === state.nodes) return lastMarked.list;
  lastMarked = { marks: state.searchMarks, nodes: state.nodes, list: markedParams(state.searchMarks, state.nodes) };
  return lastMarked.list;
}

/** How many params of one node are marked searchable (the badge on its card). */
export const selectNodeMarkCount =
  (nodeId: string) =>
  (state: ItascaState): number =>
    Object.keys(state.searchMarks[nodeId] ?? {}).length;
