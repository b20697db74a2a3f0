/** Every registry entry (built-in, the user's models.json, the project's itasca.models.json) with its actions. */
import type { ModelInfo } from "../../core/api/outputs";
import { ModelRow, type ModelRowProps } from "./ModelRow";
import type { ModelTests } from "./use-model-tests";

export interface ModelListProps extends Pick<ModelRowProps, "onEdit" | "onRemove" | "onSetKey"> {
  models: readonly ModelInfo[];
  tests: ModelTests;
}

export function ModelList({ models, tests, onEdit, onRemove, onSetKey }: ModelListProps) {
  if (models.length === 0) return <p className="models-muted">The registry is empty.</p>;
  return (
    <div className="models-table-wrap">
      <table className="models-table" data-testid="models-list">
        <thead>
          <tr>
            <th>Id</th>
            <th>Provider</th>
            <th>Model</th>
            <th>Base URL</th>
            <th>Source</th>
            <th title="USD per million tokens, input / output">Price in / out per M</th>
            <th>Key</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        {models.map((info) => (
          <ModelRow key={info.entry.id} info={info} test={tests.states[info.entry.id]} onTest={tests.run} onEdit={onEdit} onRemove={onRemove} onSetKey={onSetKey} />
        ))}
      </table>
    </div>
  );
}
