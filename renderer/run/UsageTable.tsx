/** Calls, cache hits, tokens, dollars and time per node and for the whole run. */
import type { RunView } from "../store/runs/run-view";
import { useItascaStore } from "../store/react";
import { formatMs, formatTokens, formatUsd } from "./format";

export function UsageTable({ run, wallMs }: { run: RunView; wallMs: number }) {
  const store = useItascaStore();
  return (
    <table className="usage-table" data-testid="usage-table">
      <thead>
        <tr>
          <th>node</th>
          <th>status</th>
          <th>calls</th>
          <th>cached</th>
          <th>tokens</th>
          <th>cost</th>
          <th>ms</th>
        </tr>
      </thead>
      <tbody>
        {run.nodeIds.map((id) => {
          const node = run.nodes[id];
          if (node === undefined) return null;
          return (
            // Clicking a row selects the node, so its streaming text and outputs show alongside.
            <tr key={id} data-testid={`usage-row-${id}`} data-status={node.status} data-calls={node.calls} data-cached={node.cachedCalls} onClick={() => store.getState().select({ nodes: [id] })}>
              <td>{id}</td>
              <td>
                <span className={`run-dot run-dot--${node.status}`} /> {node.status}
              </td>
              <td>{node.calls}</td>
              <td>{node.cachedCalls}</td>
              <td>{formatTokens(node.inputTokens, node.outputTokens)}</td>
              <td>{formatUsd(node.costUsd)}</td>
              <td>{formatMs(node.ms)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-testid="usage-row-total" data-calls={run.usage.calls} data-cached={run.usage.cachedCalls}>
          <td>total</td>
          <td>{run.status}</td>
          <td>{run.usage.calls}</td>
          <td>{run.usage.cachedCalls}</td>
          <td>
            {formatTokens(run.usage.inputTokens, run.usage.outputTokens)}
            {run.usage.estimated ? " (est.)" : ""}
          </td>
          <td>{formatUsd(run.usage.costUsd)}</td>
          <td data-testid="wall-time">{formatMs(wallMs)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
