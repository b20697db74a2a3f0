/**
 * The selected node in the shown run: the text its calls are streaming, then its outputs
 * (candidates with every annotation, an answer, or other values as JSON).
 */
import type { Annotation, Candidate } from "../../core/graph/ports";
import type { NodeRunView } from "../store/runs/run-view";

function annotationText(annotation: Annotation): string {
  switch (annotation.kind) {
    case "critique":
      return `critique: + ${annotation.strengths} − ${annotation.weaknesses}`;
    case "rank":
      return `rank ${annotation.rank}${annotation.score === undefined ? "" : ` (score ${annotation.score})`}`;
    case "verdict":
      return `${annotation.pass ? "pass" : "fail"}: ${annotation.reason}`;
    case "test-result":
      return `test ${annotation.testId} ${annotation.pass ? "passed" : "failed"}: ${annotation.reason}`;
    case "answer":
      return `answer ${annotation.value ?? "(none)"} by ${annotation.method}`;
    case "warning":
      return `warning: ${annotation.message}`;
  }
}

function isCandidateList(value: unknown): value is Candidate[] {
  return Array.isArray(value) && value.every((item) => typeof item === "object" && item !== null && "text" in item && "annotations" in item);
}

function CandidateList({ candidates }: { candidates: Candidate[] }) {
  return (
    <ol className="candidates">
      {candidates.map((candidate) => (
        <li key={candidate.id} data-testid={`candidate-${candidate.id}`}>
          <pre className="candidate-text">{candidate.text}</pre>
          <div className="candidate-meta">
            {candidate.origin.node}
            {candidate.origin.model === undefined ? "" : ` · ${candidate.origin.model}`} · sample {candidate.origin.sample}
          </div>
          {candidate.annotations.map((annotation, index) => (
            <div key={index} className={`annotation annotation--${annotation.kind}`}>
              <span className="annotation-node">{annotation.node}</span> {annotationText(annotation)}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

export function NodeRunDetail({ node }: { node: NodeRunView }) {
  const partials = Object.values(node.partials).sort((a, b) => a.sample - b.sample);
  return (
    <div className="node-run-detail" data-testid={`node-run-${node.id}`}>
      <h4>
        {node.id} <span className={`run-dot run-dot--${node.status}`} /> {node.status}
      </h4>
      {node.error !== undefined && <div className="run-error">{node.error.message}</div>}
      {node.warnings.map((warning, index) => (
        <div key={index} className="annotation annotation--warning">
          {warning}
        </div>
      ))}
      {partials.length > 0 && (
        <div data-testid="partial-text">
          {partials.map((partial) => (
            <pre key={partial.callId} className="candidate-text candidate-text--streaming">
              <span className="candidate-meta">sample {partial.sample}: </span>
              {partial.text}
            </pre>
          ))}
        </div>
      )}
      {Object.entries(node.outputs ?? {}).map(([port, value]) => (
        <section key={port} data-testid={`node-output-${port}`}>
          <div className="port-label">{port}</div>
          {isCandidateList(value) ? <CandidateList candidates={value} /> : <pre className="candidate-text">{"text" in value && typeof value.text === "string" ? value.text : JSON.stringify(value, null, 2)}</pre>}
        </section>
      ))}
    </div>
  );
}
