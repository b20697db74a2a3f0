/**
 * The inspector of one node: what it is, its estimated cost per query (calls, tokens, dollars
 * and latency, from core/cost), its problems, and a field per param. Edits made while a field
 * has focus are one undo step.
 */
import { useEffect } from "react";
import type { Diagnostic } from "../../core/graph/diagnostics";
import type { NodeSpec } from "../../core/graph/schema";
import { nodeRegistry } from "../../core/nodes/registry";
import { useItasca, useItascaStore } from "../store/react";
import { formatCalls } from "../canvas/node-summary";
import { formatMs, formatUsd } from "../run/format";
import { selectNodeCost, selectNodeDiagnostics } from "../store/selectors";
import { fieldsOf } from "./field-model";
import { ParamField } from "./ParamField";

/** Diagnostics about one param: their path names it (`nodes[2].params.samples`). */
function aboutParam(diagnostics: readonly Diagnostic[], name: string): Diagnostic[] {
  return diagnostics.filter((d) => d.path !== undefined && new RegExp(`\\.params\\.${name}(?![A-Za-z0-9_])`).test(d.path));
}

export function NodeInspector({ node }: { node: NodeSpec }) {
  const store = useItascaStore();
  const diagnostics = useItasca(selectNodeDiagnostics(node.id));
  const estimate = useItasca(selectNodeCost(node.id));
  const definition = nodeRegistry.get(node.type);
  // Leaving this node (or the inspector) closes a gesture left open by a focused field.
  useEffect(() => () => store.getState().endGesture(), [store, node.id]);

  const beginGesture = () => store.getState().beginGesture();
  const endGesture = () => store.getState().endGesture();
  const fields = definition === undefined ? [] : fieldsOf(definition);
  const nodeLevel = diagnostics.filter((d) => !fields.some((f) => aboutParam([d], f.name).length > 0));

  return (
    <div className="node-inspector" data-testid="inspector-node" data-node-id={node.id} onFocus={beginGesture} onBlur={endGesture}>
      <header className="inspector-header">
        <h2 className="inspector-title">{definition?.title ?? node.type}</h2>
        <code className="inspector-id" data-testid="inspector-node-id">
          {node.id}
        </code>
      </header>
      {definition !== undefined && <p className="inspector-description">{definition.description}</p>}
      {estimate !== undefined && (
        <dl className="inspector-estimate" data-testid="inspector-estimate">
          <dt>calls / query</dt>
          <dd data-testid="inspector-estimate-calls">{formatCalls(estimate.calls)}</dd>
          <dt>input tokens</dt>
          <dd>≈ {estimate.inputTokens.toLocaleString()}</dd>
          <dt>output tokens</dt>
          <dd title="Without observed averages from earlier runs every call is assumed to use its whole max_tokens">
            ≤ {estimate.outputTokensMax.toLocaleString()}
            {estimate.outputTokens < estimate.outputTokensMax ? ` (≈ ${estimate.outputTokens.toLocaleString()})` : ""}
          </dd>
          {estimate.calls > 0 && (
            <>
              <dt>dollars</dt>
              <dd data-testid="inspector-estimate-usd">{estimate.priced ? formatUsd(estimate.usd) : "no price known"}</dd>
              <dt>latency</dt>
              <dd data-testid="inspector-estimate-latency" data-ms={Math.round(estimate.latencyMs)} title={`Starts ${formatMs(estimate.startMs)} after the query (when its last input is ready), done after ${formatMs(estimate.finishMs)}`}>
                ≈ {formatMs(estimate.latencyMs)}
              </dd>
            </>
          )}
        </dl>
      )}
      {nodeLevel.length > 0 && (
        <ul className="inspector-diagnostics" data-testid="inspector-diagnostics">
          {nodeLevel.map((d, index) => (
            <li key={index} className={`diagnostic diagnostic--${d.severity}`}>
              <span className="diagnostic-message">{d.message}</span>
              <span className="diagnostic-hint">{d.hint}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="inspector-fields" onSubmit={(event) => event.preventDefault()}>
        {fields.map((field) => (
          <ParamField
            key={field.name}
            nodeId={node.id}
            field={field}
            value={Object.hasOwn(node.params, field.name) ? node.params[field.name] : undefined}
            diagnostics={aboutParam(diagnostics, field.name)}
          />
        ))}
        {definition !== undefined && fields.length === 0 && <p className="inspector-note">This node has no params.</p>}
      </form>
    </div>
  );
}
