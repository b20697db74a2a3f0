/**
 * The card of one technique node: title, id, model, key params, its ports, the model calls it
 * is estimated to make per query (given what flows into it) and its own estimated latency, a
 * badge for its problems, its status in the shown run (a progress ring while it runs), and a mark
 * when a search varies its params.
 */
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { isRequiredInput } from "../../core/nodes/define";
import { nodeRegistry } from "../../core/nodes/registry";
import { useItasca } from "../store/react";
import { selectNodeCost, selectNodeDiagnostics, selectNodeParams, selectNodeRun } from "../store/selectors";
import { DiagnosticBadge } from "./DiagnosticBadge";
import { SearchBadge } from "./SearchBadge";
import type { TechniqueFlowNode } from "./flow-model";
import { costLabel, summarizeNode } from "./node-summary";
import { PortHandle } from "./PortHandle";
import { callProgress, RunStatusMark } from "./RunStatusMark";

export const TechniqueNode = memo(function TechniqueNode({ id, data, selected }: NodeProps<TechniqueFlowNode>) {
  const params = useItasca(selectNodeParams(id));
  const diagnostics = useItasca(selectNodeDiagnostics(id));
  const estimate = useItasca(selectNodeCost(id));
  const definition = nodeRegistry.get(data.nodeType);
  const runStatus = useItasca((state) => selectNodeRun(id)(state)?.status);
  const callsDone = useItasca((state) => {
    const run = selectNodeRun(id)(state);
    return run === undefined ? 0 : run.calls + run.cachedCalls;
  });

  if (definition === undefined || params === undefined) {
    return (
      <div className="tnode tnode--unknown" data-testid={`node-${id}`}>
        <header className="tnode-header">
          <span className="tnode-title">{data.nodeType}</span>
          <span className="tnode-id">{id}</span>
          <DiagnosticBadge nodeId={id} diagnostics={diagnostics} />
        </header>
        <div className="tnode-body">unknown node type</div>
      </div>
    );
  }

  const summary = summarizeNode(definition, params);
  return (
    <div className={`tnode tnode--${definition.category}${selected ? " tnode--selected" : ""}${runStatus === undefined ? "" : ` tnode--run-${runStatus}`}`} data-testid={`node-${id}`} data-node-type={definition.type}>
      <header className="tnode-header">
        {runStatus !== undefined && <RunStatusMark nodeId={id} status={runStatus} progress={callProgress(callsDone, estimate?.calls)} />}
        <span className="tnode-title">{definition.title}</span>
        <span className="tnode-id" title={`id: ${id}`}>
          {id}
        </span>
        <SearchBadge nodeId={id} />
        <DiagnosticBadge nodeId={id} diagnostics={diagnostics} />
      </header>
      {summary.model !== undefined && (
        <div className="tnode-model" data-testid={`node-model-${id}`} title={summary.model}>
          {summary.model}
        </div>
      )}
      {summary.params.length > 0 && (
        <div className="tnode-params">
          {summary.params.map(([label, value]) => (
            <span key={label} className="chip">
              <span className="chip-label">{label}</span> {value}
            </span>
          ))}
        </div>
      )}
      <div className="tnode-ports">
        <div className="tnode-inputs">
          {Object.entries(definition.inputs).map(([port, def]) => (
            <PortHandle key={port} nodeId={id} port={port} type={def.type} side="in" description={def.description} required={isRequiredInput(def)} />
          ))}
        </div>
        <div className="tnode-outputs">
          {Object.entries(definition.outputs).map(([port, def]) => (
            <PortHandle key={port} nodeId={id} port={port} type={def.type} side="out" description={def.description} />
          ))}
        </div>
      </div>
      <footer
        className={`tnode-calls${estimate?.calls ? "" : " tnode-calls--none"}`}
        data-testid={`node-calls-${id}`}
        data-calls={estimate?.calls ?? ""}
        data-latency-ms={estimate === undefined ? "" : Math.round(estimate.latencyMs)}
        title={estimate?.calls ? `Estimated per query: ${estimate.inputTokens} input and ${estimate.outputTokens} output tokens; starts after ${Math.round(estimate.startMs)} ms, done after ${Math.round(estimate.finishMs)} ms` : undefined}
      >
        {costLabel(estimate)}
      </footer>
    </div>
  );
});
