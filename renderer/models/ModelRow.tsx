/** One registry entry in the model list, with its actions and, once tested, the round trip's result. */
import type { ModelInfo } from "../../core/api/outputs";
import { ConfirmButton } from "./ConfirmButton";
import { canEdit, canRemove, formatPrices, keyStatusText, SOURCE_HELP } from "./model-format";
import { ModelTestResult } from "./ModelTestResult";
import type { TestState } from "./use-model-tests";

/** Columns of the list, so the result row can span them all. */
export const MODEL_COLUMNS = 8;

export interface ModelRowProps {
  info: ModelInfo;
  test: TestState | undefined;
  onTest(id: string): void;
  onEdit(info: ModelInfo): void;
  onRemove(id: string): void;
  /** Opens the key form on this model's key variable. */
  onSetKey(name: string): void;
}

const KEY_CLASS: Readonly<Record<ModelInfo["keyStatus"], string>> = { set: "key-status--set", "not set": "key-status--missing", "none needed": "key-status--none" };

export function ModelRow({ info, test, onTest, onEdit, onRemove, onSetKey }: ModelRowProps) {
  const { entry } = info;
  const id = entry.id;
  return (
    <tbody className="model-row-group">
      <tr className="model-row" data-testid={`model-row-${id}`}>
        <td className="model-id">
          <code>{id}</code>
        </td>
        <td>{entry.provider}</td>
        <td className="model-name" title={entry.model}>
          {entry.model}
        </td>
        <td className="model-url" title={entry.baseUrl}>
          {entry.baseUrl ?? <span className="models-muted">none</span>}
        </td>
        <td>
          <span className={`model-source model-source--${info.source}`} title={SOURCE_HELP[info.source]} data-testid={`model-source-${id}`}>
            {info.source}
          </span>
        </td>
        <td className="model-price" data-testid={`model-price-${id}`}>
          {formatPrices(entry)}
        </td>
        <td>
          <span className={`key-status ${KEY_CLASS[info.keyStatus]}`} data-testid={`model-key-${id}`}>
            {keyStatusText(info)}
          </span>
          {info.keyStatus === "not set" && info.keyName !== undefined && (
            <button type="button" className="models-link" data-testid={`model-set-key-${id}`} onClick={() => onSetKey(info.keyName ?? "")}>
              set key
            </button>
          )}
        </td>
        <td className="model-actions">
          <button type="button" className="models-button" data-testid={`model-test-${id}`} disabled={test?.status === "busy"} onClick={() => onTest(id)} title="One round trip: latency, first token, tokens/s, n support">
            {test?.status === "busy" ? "Testing…" : "Test"}
          </button>
          {canEdit(info) && (
            <button type="button" className="models-button" data-testid={`model-edit-${id}`} onClick={() => onEdit(info)} title={info.source === "built-in" ? SOURCE_HELP["built-in"] : "Edit this entry"}>
              {info.source === "built-in" ? "Override" : "Edit"}
            </button>
          )}
          {canRemove(info) && <ConfirmButton label="Remove" question={`Remove ${id}?`} testId={`model-remove-${id}`} onConfirm={() => onRemove(id)} />}
        </td>
      </tr>
      {test !== undefined && (
        <tr className="model-test-row">
          <td colSpan={MODEL_COLUMNS}>
            <ModelTestResult id={id} state={test} />
          </td>
        </tr>
      )}
    </tbody>
  );
}
