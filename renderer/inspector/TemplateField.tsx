/**
 * A prompt template: a multi-line editor with the variables this template may use listed
 * beside it (core/nodes/prompts.ts); clicking one inserts it at the cursor. An unknown variable
 * is refused inline, as the file validator would refuse it.
 */
import { useRef } from "react";
import { templateVariablesOf } from "../../core/nodes/template";
import type { FieldSpec } from "./field-model";
import type { FieldProps } from "./field-props";
import { FieldRow } from "./FieldRow";
import { useDraft } from "./use-draft";

type TemplateSpec = Extract<FieldSpec, { kind: "template" }>;

export function TemplateField({ nodeId, field, value, diagnostics, commit }: FieldProps<TemplateSpec>) {
  const format = (v: unknown): string => (typeof v === "string" ? v : typeof field.defaultValue === "string" ? field.defaultValue : "");
  const draft = useDraft(value, format, (text) => ({ value: text }), commit);
  const editor = useRef<HTMLTextAreaElement>(null);
  const used = new Set(templateVariablesOf(draft.text));
  const id = `field-${nodeId}-${field.name}`;

  const insert = (variable: string) => {
    const element = editor.current;
    const token = `{{${variable}}}`;
    const start = element?.selectionStart ?? draft.text.length;
    const end = element?.selectionEnd ?? start;
    draft.change(draft.text.slice(0, start) + token + draft.text.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <FieldRow field={field} isSet={value !== undefined} onReset={draft.reset} error={draft.error} diagnostics={diagnostics} controlId={id}>
      <div className="template-vars" data-testid={`template-vars-${field.name}`}>
        {field.variables.map((variable) => (
          <button
            key={variable}
            type="button"
            className={`template-var${used.has(variable) ? " template-var--used" : ""}`}
            data-testid={`template-var-${field.name}-${variable}`}
            onClick={() => insert(variable)}
            title={`Insert {{${variable}}}`}
          >
            {`{{${variable}}}`}
          </button>
        ))}
      </div>
      <textarea
        ref={editor}
        id={id}
        className="template-input"
        data-testid={`field-${field.name}`}
        rows={8}
        spellCheck={false}
        value={draft.text}
        aria-invalid={draft.error !== null}
        onChange={(event) => draft.change(event.target.value)}
      />
    </FieldRow>
  );
}
