/** An enum param, or the model id picked from the host's model registry: a select. */
import { useState } from "react";
import type { FieldSpec } from "./field-model";
import type { FieldProps } from "./field-props";
import { FieldRow } from "./FieldRow";

type SelectSpec = Extract<FieldSpec, { kind: "enum" | "model" }>;

export interface SelectFieldProps extends FieldProps<SelectSpec> {
  /** The choices; the current value is added when it is not among them (an unknown model id). */
  options: readonly string[];
  /** Shown next to a current value that is not among the options. @default "not available" */
  missingLabel?: string;
}

export function SelectField({ nodeId, field, value, diagnostics, commit, options, missingLabel = "not available", search }: SelectFieldProps) {
  const [error, setError] = useState<string | null>(null);
  const current = typeof value === "string" ? value : typeof field.defaultValue === "string" ? field.defaultValue : "";
  const choices = options.includes(current) || current === "" ? options : [current, ...options];
  const id = `field-${nodeId}-${field.name}`;
  const write = (next: unknown) => setError(commit(next));
  return (
    <FieldRow field={field} isSet={value !== undefined} onReset={() => write(undefined)} error={error} diagnostics={diagnostics} controlId={id} search={search}>
      <select id={id} className="select-input" data-testid={`field-${field.name}`} value={current} onChange={(event) => write(event.target.value)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {options.includes(choice) ? choice : `${choice} (${missingLabel})`}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
