/**
 * Add or edit a registry entry. Errors show inline under each field once it was left or a save
 * was tried; the host checks again on save, and its refusal is shown as it says it.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { ModelInfo } from "../../core/api/outputs";
import { PROVIDER_KINDS, type ProviderKind } from "../../core/api/schemas";
import { useHost } from "../host/context";
import { COMMON_BASE_URLS, FIELD_GROUPS, FIELD_TEXT, MODEL_TEXT, type FieldText } from "./form-fields";
import { entryFromForm, fieldApplies, type FormErrors, type FormField, type ModelFormValues } from "./model-form";

/** What the form opens on: blank values to add, or an entry's values to edit it. */
export interface FormRequest {
  values: ModelFormValues;
  /** The entry being edited; null when adding. */
  editing: ModelInfo | null;
}

export interface ModelFormProps {
  request: FormRequest;
  /** The registry as listed, to warn when a new id replaces an existing entry. */
  existing: readonly ModelInfo[];
  onSaved(id: string): void;
  onCancel(): void;
}

function FormInput({ name, text, value, error, onChange, onBlur, readOnly = false }: { name: FormField; text: FieldText; value: string; error: string | undefined; onChange(value: string): void; onBlur(): void; readOnly?: boolean }) {
  const id = `model-form-${name}`;
  return (
    <div className={`models-field${error === undefined ? "" : " models-field--invalid"}`}>
      <label htmlFor={id}>{text.label}</label>
      <input
        id={id}
        type="text"
        data-testid={`model-field-${name}`}
        value={value}
        placeholder={text.placeholder}
        readOnly={readOnly}
        spellCheck={false}
        autoComplete="off"
        list={name === "baseUrl" ? "model-base-urls" : undefined}
        aria-invalid={error !== undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      {error !== undefined && (
        <span className="models-error" data-testid={`model-error-${name}`} role="alert">
          {error}
        </span>
      )}
      {text.help !== undefined && <span className="models-help">{text.help}</span>}
    </div>
  );
}

/** The note above the form: what saving will do to the registry. */
function saveNote(request: FormRequest, id: string, existing: readonly ModelInfo[]): string | null {
  if (request.editing?.source === "built-in") return `${id} is built in: saving creates your own entry with the same id, which overrides it (remove yours to get the built-in one back).`;
  if (request.editing !== null) return null;
  const clash = existing.find((info) => info.entry.id === id);
  if (clash === undefined) return null;
  if (clash.source === "project") return `${id} is defined by the open project, which wins over your entries: saving here will not change what runs use.`;
  return clash.source === "built-in" ? `${id} is built in: saving overrides it with your entry.` : `${id} exists: saving replaces it.`;
}

export function ModelForm({ request, existing, onSaved, onCancel }: ModelFormProps) {
  const host = useHost();
  const [values, setValues] = useState(request.values);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const result = useMemo(() => entryFromForm(values), [values]);
  const errors: FormErrors = result.ok ? {} : result.errors;
  const shown = (field: FormField): string | undefined => (submitted || touched.has(field) ? errors[field] : undefined);
  const set = (field: FormField, value: string): void => setValues((old) => ({ ...old, [field]: value }));
  const touch = (field: FormField): void => setTouched((old) => new Set(old).add(field));
  const note = saveNote(request, values.id.trim(), existing);
  const formRef = useRef<HTMLFormElement>(null);

  // The form opens above the list: bring it into view and put the cursor in its first free field.
  useEffect(() => {
    const element = formRef.current;
    element?.scrollIntoView({ block: "nearest" });
    element?.querySelector<HTMLInputElement>("input:not([readonly])")?.focus();
  }, []);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (!result.ok || busy) return;
    setBusy(true);
    setSaveError(null);
    void host["models.save"]({ entry: result.entry }).then((saved) => {
      setBusy(false);
      if (saved.ok) onSaved(saved.value.id);
      else setSaveError(saved.error.message);
    });
  };

  const input = (name: Exclude<FormField, "provider">, text: FieldText = FIELD_TEXT[name]) => (
    <FormInput key={name} name={name} text={text} value={values[name]} error={shown(name)} onChange={(value) => set(name, value)} onBlur={() => touch(name)} readOnly={name === "id" && request.editing !== null} />
  );

  return (
    <form ref={formRef} className="models-form" data-testid="models-form" onSubmit={save} noValidate>
      <h3>{request.editing === null ? "Add a model" : request.editing.source === "built-in" ? `Override ${request.editing.entry.id}` : `Edit ${request.editing.entry.id}`}</h3>
      {note !== null && (
        <p className="models-note" data-testid="model-form-note">
          {note}
        </p>
      )}
      <div className="models-form-grid">
        {input("id")}
        <div className="models-field">
          <label htmlFor="model-form-provider">Provider</label>
          <select id="model-form-provider" data-testid="model-field-provider" value={values.provider} onChange={(event) => set("provider", event.target.value as ProviderKind)}>
            {PROVIDER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </div>
      </div>
      {FIELD_GROUPS.map((group) => {
        const fields = group.fields.filter((field) => fieldApplies(field, values.provider));
        return (
          <fieldset key={group.title} className="models-fieldset">
            <legend>{group.title}</legend>
            <div className="models-form-grid">{fields.map((field) => (field === "model" ? input(field, MODEL_TEXT[values.provider]) : input(field)))}</div>
          </fieldset>
        );
      })}
      <datalist id="model-base-urls">
        {COMMON_BASE_URLS.map(({ url, label }) => (
          <option key={url} value={url} label={label} />
        ))}
      </datalist>
      {saveError !== null && (
        <p className="models-error" data-testid="model-save-error" role="alert">
          {saveError}
        </p>
      )}
      <div className="models-form-actions">
        <button type="submit" className="models-button models-button--primary" data-testid="model-save" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" className="models-button" data-testid="model-cancel" onClick={onCancel}>
          Cancel
        </button>
        {submitted && !result.ok && <span className="models-error">Fix the fields marked above.</span>}
      </div>
    </form>
  );
}
