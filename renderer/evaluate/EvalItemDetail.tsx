/**
 * The open item: its input, reference, answer and the scorer's reason, then its run as the
 * canvas shows it (node statuses), with each node's candidates and annotations below.
 */
import type { EvalItemRecord } from "../../core/api/eval-types";
import { NodeRunDetail } from "../run/NodeRunDetail";
import { formatMs, formatUsd } from "../run/format";
import { useItasca, useItascaStore } from "../store/react";
import type { NodeRunView } from "../store/runs/run-view";
import { selectCurrentRun } from "../store/selectors";

function candidateCount(node: NodeRunView): number {
  const candidates = node.outputs?.["candidates"];
  return Array.isArray(candidates) ? candidates.length : 0;
}

function NodeSection({ node, open }: { node: NodeRunView; open: boolean }) {
  const count = candidateCount(node);
  return (
    <details className="eval-node" data-testid={`eval-node-${node.id}`} open={open}>
      <summary>
        <span className={`run-dot run-dot--${node.status}`} /> <strong>{node.id}</strong> {node.status}
        {count > 0 ? ` · ${count} candidate${count === 1 ? "" : "s"}` : ""}
      </summary>
      <NodeRunDetail node={node} />
    </details>
  );
}

export function EvalItemDetail({ item }: { item: EvalItemRecord }) {
  const store = useItascaStore();
  const run = useItasca(selectCurrentRun);
  const selected = useItasca((state) => (state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined));
  const shown = run !== undefined && run.runId === item.runId ? run : undefined;
  return (
    <section className="eval-item" data-testid="eval-item-detail" data-item-id={item.itemId} data-run-id={shown?.runId ?? ""} aria-label={`Item ${item.itemId}`}>
      <div className="eval-item-head">
        <strong className="eval-item-id" title={item.itemId}>
          {item.itemId}
        </strong>
        <span className={`eval-mark eval-mark--${item.status === "error" ? "error" : item.correct ? "right" : "wrong"}`}>{item.status === "error" ? "failed" : item.correct ? "✓ correct" : "✗ wrong"}</span>
        <button type="button" className="eval-close" data-testid="eval-item-close" onClick={() => store.getState().setOpenItem(null)} aria-label="Close the item">
          ×
        </button>
      </div>
      <div className="eval-note">
        {formatMs(item.latencyMs)} · {formatUsd(item.usage.costUsd)} · {item.usage.calls} calls{item.usage.cachedCalls > 0 ? ` + ${item.usage.cachedCalls} cached` : ""}
      </div>
      <dl className="eval-item-fields">
        <dt>input</dt>
        <dd className="eval-pre">{item.input}</dd>
        {item.reference !== undefined && (
          <>
            <dt>reference</dt>
            <dd className="eval-pre">{item.reference}</dd>
          </>
        )}
        <dt>answer</dt>
        <dd className="eval-pre" data-testid="eval-item-answer">
          {item.answer ?? item.error ?? "(none)"}
        </dd>
        {item.extracted !== undefined && (
          <>
            <dt>read as</dt>
            <dd>{item.extracted}</dd>
          </>
        )}
        {item.reason !== undefined && (
          <>
            <dt>why</dt>
            <dd>{item.reason}</dd>
          </>
        )}
      </dl>
      {item.runId === undefined ? (
        <div className="muted">No stored run for this item.</div>
      ) : shown === undefined ? (
        <div className="muted">Opening its run…</div>
      ) : (
        <div className="eval-item-run" data-testid="eval-item-run">
          <div className="eval-note">Its run is on the canvas; select a node there to open it here.</div>
          {shown.nodeIds.map((id) => {
            const node = shown.nodes[id];
            return node === undefined ? null : <NodeSection key={id} node={node} open={id === selected} />;
          })}
        </div>
      )}
    </section>
  );
}
