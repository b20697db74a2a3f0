/** A string param (system prompt, regex pattern), or any other shape edited as JSON. */
import type { FieldSpec } from "./field-model";
import type { FieldProps } from "./field-props";
import { FieldRow } from "./FieldRow";
import { useDraft } from "./use-draft";

type TextSpec = Extract<FieldSpec, { kind: "text" | "json" }>;

function codec(field: TextSpec) {
  if (field.kind === "text") {
    return {
      format: (value: unknown) => (typeof value === "string" ? value : typeof field.defaultValue === "string" ? field.defaultValue : ""),
      parse: (text: string) => ({ value: text }),
    };
  }
  return {
    format: (value: unknown) => (value === undefined ? "" : JSON.stringify(value)),
    parse: (text: string): { value: unknown } | { error: string } => {
      if (text.trim() === "") return { value: undefined };
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: `${field.name} must be JSON` };
      }
    },
  };
}

export function TextField({ nodeId, field, value, diagnostics, commit }: FieldProps<TextSpec>) {
  const { format, parse } = codec(field);
  const draft = useDraft(value, format, parse, commit);
  const id = `field-${nodeId}-${field.name}`;
  const multiline = field.kind === "json" || field.multiline;
  const common = {
    id,
    "data-testid": `field-${field.name}`,
    value: draft.text,
    "aria-invalid": draft.error !== null,
    spellCheck: false,
  };
  return (
    <FieldRow field={field} isSet={value !== undefined} onReset={draft.reset} error={draft.error} diagnostics={diagnostics} controlId={id}>
      {multiline ? (
        <textarea {...common} className="text-input text-input--multiline" rows={3} onChange={(event) => draft.change(event.target.value)} />
      ) : (
        <input {...common} type="text" className="text-input" onChange={(event) => draft.change(event.target.value)} />
      )}
    </FieldRow>
  );
}
