/** A number the user may leave empty (no limit): only valid values reach the store. */
import { useState } from "react";
import { parseBudgetField } from "../run/budget-input";

export interface OptionalNumberFieldProps {
  label: string;
  testId: string;
  value: number | undefined;
  integer: boolean;
  placeholder: string;
  apply(value: number | undefined): void;
}

export function OptionalNumberField({ label, testId, value, integer, placeholder, apply }: OptionalNumberFieldProps) {
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const parsed = parseBudgetField(text, integer);
  return (
    <label className="eval-field">
      <span>{label}</span>
      <input
        data-testid={testId}
        inputMode={integer ? "numeric" : "decimal"}
        placeholder={placeholder}
        value={text}
        aria-invalid={!parsed.ok}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseBudgetField(event.target.value, integer);
          if (next.ok) apply(next.value);
        }}
      />
      {!parsed.ok && (
        <span className="field-error" data-testid={`${testId}-error`}>
          {integer ? "a whole number, or empty for all" : parsed.error}
        </span>
      )}
    </label>
  );
}
