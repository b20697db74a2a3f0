/**
 * API keys: which are set and where from, a form to store one, and delete for stored ones.
 * The value is typed into an uncontrolled password input and read once on save, so it never
 * sits in React state or the store, and the field is emptied as soon as the host has it. The
 * host keeps it (OS keychain, or a 0600 file in the web studio) and only ever answers "set".
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { KeyInfo } from "../../core/api/outputs";
import { useHost } from "../host/context";
import type { Host } from "../host/host";
import { useItasca } from "../store/react";
import { ConfirmButton } from "./ConfirmButton";
import { keyNameError } from "./model-form";
import { keySourceText } from "./model-format";

/** Asks the section to show a key name and move to its value field (a model row's "set key"). */
export interface KeyRequest {
  name: string;
  /** Bumped on every request, so asking for the same name twice still focuses. */
  seq: number;
}

export interface KeysSectionProps {
  keys: readonly KeyInfo[] | null;
  request: KeyRequest | null;
  /** Reloads the keys and the models (their key status changes). */
  onChanged(): Promise<void>;
}

const WHERE: Readonly<Record<Host["kind"], string>> = {
  electron: "in the OS keychain (Electron safeStorage)",
  web: "in a private file (mode 0600) in the Itasca data folder",
  memory: "nowhere: this designer has no host (start it with `itasca studio` or the desktop app)",
};

export function KeysSection({ keys, request, onChanged }: KeysSectionProps) {
  const host = useHost();
  const notify = useItasca((state) => state.notify);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valueInput = useRef<HTMLInputElement>(null);
  const section = useRef<HTMLElement>(null);

  const pick = (keyName: string): void => {
    setName(keyName);
    setError(null);
    valueInput.current?.focus();
  };

  // Preset the name to the first key that is missing, once the list is known and nothing was typed.
  const firstMissing = keys?.find((key) => !key.set)?.name;
  useEffect(() => {
    if (firstMissing !== undefined) setName((old) => (old === "" ? firstMissing : old));
  }, [firstMissing]);

  useEffect(() => {
    if (request === null) return;
    section.current?.scrollIntoView({ block: "nearest" });
    pick(request.name);
  }, [request]);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    const input = valueInput.current;
    if (input === null || busy) return;
    const trimmed = name.trim();
    const problem = keyNameError(trimmed) ?? (input.value === "" ? "enter the key's value" : null);
    setError(problem);
    if (problem !== null) return;
    const value = input.value;
    // Emptied before the request goes out: the value lives only in this call from here on.
    input.value = "";
    setBusy(true);
    void host["keys.set"]({ name: trimmed, value }).then(async (result) => {
      setBusy(false);
      if (!result.ok) return setError(result.error.message);
      const fromEnv = keys?.some((key) => key.name === trimmed && key.source === "env") ?? false;
      notify("info", fromEnv ? `${trimmed} stored; the environment's ${trimmed} still wins while it is set` : `${trimmed} stored; runs use it from now on`);
      await onChanged();
    });
  };

  const remove = (keyName: string): void => {
    void host["keys.delete"]({ name: keyName }).then(async (result) => {
      if (!result.ok) return setError(result.error.message);
      notify("info", `${keyName} deleted`);
      await onChanged();
    });
  };

  return (
    <section className="models-section" data-testid="keys-section" ref={section} aria-labelledby="keys-title">
      <h3 id="keys-title">Keys</h3>
      <p className="models-help">
        Keys are stored by the host {WHERE[host.kind]} and never come back to this page: it only learns whether a key is set. A variable set in the environment wins over a stored key.
      </p>
      {keys !== null && keys.length === 0 && <p className="models-muted">No model needs a key yet.</p>}
      {keys !== null && keys.length > 0 && (
        <table className="models-table keys-table" data-testid="keys-list">
          <tbody>
            {keys.map((key) => (
              <tr key={key.name} data-testid={`key-row-${key.name}`}>
                <td>
                  <code>{key.name}</code>
                </td>
                <td>
                  <span className={`key-status ${key.set ? "key-status--set" : "key-status--missing"}`} data-testid={`key-status-${key.name}`} data-set={key.set}>
                    {keySourceText(key)}
                  </span>
                </td>
                <td className="model-actions">
                  <button type="button" className="models-button" data-testid={`key-pick-${key.name}`} onClick={() => pick(key.name)}>
                    {key.set ? "Replace" : "Set"}
                  </button>
                  {key.source === "store" && <ConfirmButton label="Delete" question={`Delete the stored ${key.name}?`} testId={`key-delete-${key.name}`} onConfirm={() => remove(key.name)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="key-form" onSubmit={save} noValidate>
        <label htmlFor="key-form-name">Variable</label>
        <input
          id="key-form-name"
          data-testid="key-name"
          value={name}
          list="key-names"
          placeholder="OPENAI_API_KEY"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setName(event.target.value.toUpperCase())}
        />
        <datalist id="key-names">
          {keys?.map((key) => (
            <option key={key.name} value={key.name} />
          ))}
        </datalist>
        <label htmlFor="key-form-value">Value</label>
        <input id="key-form-value" data-testid="key-value" ref={valueInput} type="password" autoComplete="new-password" spellCheck={false} placeholder="paste the key" />
        <button type="submit" className="models-button models-button--primary" data-testid="key-save" disabled={busy}>
          {busy ? "Saving…" : "Save key"}
        </button>
      </form>
      {error !== null && (
        <p className="models-error" data-testid="key-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
