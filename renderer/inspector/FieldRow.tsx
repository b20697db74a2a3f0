/** The frame of one inspector field: label, reset to default, help text, inline errors. */
import type { ReactNode } from "react";
import type { Diagnostic } from "../../core/graph/diagnostics";
import { fieldLabel, type FieldSpec } from "./field-model";

export interface FieldRowProps {
  field: FieldSpec;
  /** The param is written in the file (not the default): offer a reset. */
  isSet: boolean;
  onReset(): void;
  /** The current edit's refusal, shown under the control. */
  error: string | null;
  diagnostics: readonly Diagnostic[];
  /** The id of the control, for the label. */
  controlId: string;
  /** The search toggle (header) and the mark's editor (under the control), for params a search can vary. */
  search?: { toggle: ReactNode; editor: ReactNode } | undefined;
  children: ReactNode;
}

export function FieldRow({ field, isSet, onReset, error, diagnostics, controlId, search, children }: FieldRowProps) {
  return (
    <div className={`field field--${field.kind}${error === null ? "" : " field--invalid"}`} data-testid={`field-row-${field.name}`}>
      <div className="field-head">
        <label className="field-label" htmlFor={controlId}>
          {fieldLabel(field.name)}
        </label>
        {search?.toggle}
        {isSet && field.defaultValue !== undefined ? (
          <button type="button" className="field-reset" data-testid={`field-reset-${field.name}`} onClick={onReset} title={`Reset to the default (${JSON.stringify(field.defaultValue)})`}>
            reset
          </button>
        ) : (
          !isSet && field.defaultValue !== undefined && <span className="field-default">default</span>
        )}
      </div>
      {children}
      {search?.editor}
      {error !== null && (
        <div className="field-error" data-testid={`field-error-${field.name}`} role="alert">
          {error}
        </div>
      )}
      {diagnostics.map((diagnostic, index) => (
        <div key={index} className={`field-diagnostic field-diagnostic--${diagnostic.severity}`}>
          {diagnostic.message}
        </div>
      ))}
      {field.description !== "" && <div className="field-help">{field.description}</div>}
    </div>
  );
}
