/** A boolean param: a checkbox. */
import { useState } from "react";
import type { FieldSpec } from "./field-model";
import type { FieldProps } from "./field-props";
import { FieldRow } from "./FieldRow";

export function BooleanField({ nodeId, field, value, diagnostics, commit, search }: FieldProps<Extract<FieldSpec, { kind: "boolean" }>>) {
  const [error, setError] = useState<string | null>(null);
  const checked = typeof value === "boolean" ? value : field.defaultValue === true;
  const id = `field-${nodeId}-${field.name}`;
  return (
    <FieldRow field={field} isSet={value !== undefined} onReset={() => setError(commit(undefined))} error={error} diagnostics={diagnostics} controlId={id} search={search}>
      <input id={id} type="checkbox" className="checkbox-input" data-testid={`field-${field.name}`} checked={checked} onChange={(event) => setError(commit(event.target.checked))} />
    </FieldRow>
  );
}
