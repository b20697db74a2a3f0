/** A number param: a slider over its range (when short enough) plus a number input. */
import type { FieldSpec } from "./field-model";
import type { FieldProps } from "./field-props";
import { FieldRow } from "./FieldRow";
import { useDraft } from "./use-draft";

type NumberSpec = Extract<FieldSpec, { kind: "number" }>;

const format = (value: unknown): string => (typeof value === "number" ? String(value) : "");

export function NumberField({ nodeId, field, value, diagnostics, commit, search }: FieldProps<NumberSpec>) {
  const effective = typeof value === "number" ? value : typeof field.defaultValue === "number" ? field.defaultValue : undefined;
  const parse = (text: string): { value: unknown } | { error: string } => {
    // Empty means "use the default" (or no value, for an optional param like seed).
    if (text.trim() === "") return { value: undefined };
    const parsed = Number(text);
    return Number.isFinite(parsed) ? { value: parsed } : { error: `${field.name} must be a number` };
  };
  const draft = useDraft(value, format, parse, commit);
  const id = `field-${nodeId}-${field.name}`;
  return (
    <FieldRow field={field} isSet={value !== undefined} onReset={draft.reset} error={draft.error} diagnostics={diagnostics} controlId={id} search={search}>
      <div className="number-control">
        {field.slider !== undefined && (
          <input
            type="range"
            className="number-slider"
            data-testid={`field-${field.name}-slider`}
            aria-label={`${field.name} slider`}
            min={field.slider.min}
            max={field.slider.max}
            step={field.slider.step}
            value={effective ?? field.slider.min}
            onChange={(event) => draft.change(event.target.value)}
          />
        )}
        {/* type="text": a number input reports "" for text it cannot parse, which would read as "use the default". */}
        <input
          id={id}
          type="text"
          className="number-input"
          data-testid={`field-${field.name}`}
          inputMode={field.integer ? "numeric" : "decimal"}
          placeholder={effective === undefined ? (field.optional ? "none" : "") : String(effective)}
          value={draft.text}
          onChange={(event) => draft.change(event.target.value)}
          aria-invalid={draft.error !== null}
        />
      </div>
    </FieldRow>
  );
}
