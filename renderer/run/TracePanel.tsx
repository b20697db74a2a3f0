/** The Trace tab: every call of the shown run, newest last; a row opens to its messages and response. */
import type { CallRecord } from "../../core/api/run-types";
import { useItasca } from "../store/react";
import { selectCurrentRun } from "../store/selectors";
import { formatMs, formatTokens, formatUsd } from "./format";

function TraceRow({ call }: { call: CallRecord }) {
  return (
    <details className="trace-row" data-testid={`trace-row-${call.id}`} data-cached={call.cached}>
      <summary>
        <span className="trace-node">{call.nodeId}</span> {call.purpose} · {call.model} · {formatTokens(call.inputTokens, call.outputTokens)} · {formatUsd(call.costUsd)} ·{" "}
        {formatMs(call.latencyMs)}
        {call.cached && <span className="chip trace-cached">cache hit</span>}
        {call.attempts > 1 && <span className="chip">{call.attempts} attempts</span>}
      </summary>
      {call.messages.map((message, index) => (
        <pre key={index} className={`trace-message trace-message--${message.role}`}>
          <span className="trace-role">{message.role}</span>
          {"\n"}
          {message.content}
        </pre>
      ))}
      <pre className="trace-message trace-message--response">
        <span className="trace-role">response ({call.finishReason})</span>
        {"\n"}
        {call.response}
      </pre>
    </details>
  );
}

export function TracePanel() {
  const trace = useItasca((state) => selectCurrentRun(state)?.trace);
  if (trace === undefined || trace.length === 0) return <div className="muted">No calls yet.</div>;
  return (
    <div className="trace-list">
      {trace.map((call) => (
        <TraceRow key={call.id} call={call} />
      ))}
    </div>
  );
}
