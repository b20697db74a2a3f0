/** A limit the user may leave empty (no limit): the budget's calls and dollars, an evaluation's items and dollars. Only valid values reach the store. */
import { useState } from "react";
import { parseBudgetField } from "./budget-input";

export interface LimitFieldProps {
  label: string;
  testId: string;
  /** The value when the field mounts (it keeps its own text while the user types). */
  initial: number | undefined;
  integer: boolean;
  /** @default "no limit" */
  placeholder?: string;
  /** The label's class, for the surrounding layout. */
  className: string;
  apply(value: number | undefined): void;
}

export function LimitField({ label, testId, initial, integer, placeholder = "no limit", className, apply }: LimitFieldProps) {
  const [text, setText] = useState(initial === undefined ? "" : String(initial));
  const parsed = parseBudgetField(text, integer);
  return (
    <label className={className}>
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
          // Only valid values reach the store: a half-typed limit never applies.
          if (next.ok) apply(next.value);
        }}
      />
      {!parsed.ok && (
        <span className="field-error" data-testid={`${testId}-error`}>
          {parsed.error}
        </span>
      )}
    </label>
  );
}
