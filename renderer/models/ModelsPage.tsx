/**
 * The models and keys page: a large dialog over the workspace (the canvas underneath keeps its
 * state) with the registry, the add / edit form, discovery of local servers and the keys.
 * It mounts only while open, so every opening starts from what the host says now.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ModelInfo } from "../../core/api/outputs";
import { useHost } from "../host/context";
import { useItasca } from "../store/react";
import { DiscoverSection } from "./DiscoverSection";
import { KeysSection, type KeyRequest } from "./KeysSection";
import { ModelForm, type FormRequest } from "./ModelForm";
import { ModelList } from "./ModelList";
import { emptyForm, formFromEntry } from "./model-form";
import { useModelTests } from "./use-model-tests";
import { useModelsData } from "./use-models-data";

/**
 * Closes on Escape from anywhere and gives focus back where it was. (The designer's shortcuts
 * stand down by themselves while any dialog is open: shell/use-shortcuts.ts.)
 */
function useDialogKeys(close: () => void) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    root.current?.focus();
    // Capture phase: Escape closes the page before the canvas handler would clear the selection.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => {
      window.removeEventListener("keydown", onKeyDown, true);
      if (before instanceof HTMLElement) before.focus();
    };
  }, [close]);
  return root;
}

function ModelsDialog() {
  const host = useHost();
  const setOpen = useItasca((state) => state.setModelsOpen);
  const notify = useItasca((state) => state.notify);
  const close = useCallback(() => setOpen(false), [setOpen]);
  const root = useDialogKeys(close);
  const data = useModelsData();
  const tests = useModelTests();
  const [form, setForm] = useState<(FormRequest & { seq: number }) | null>(null);
  const [keyRequest, setKeyRequest] = useState<KeyRequest | null>(null);
  const seq = useRef(0);

  const openForm = (request: FormRequest): void => setForm({ ...request, seq: ++seq.current });
  const edit = (info: ModelInfo): void => openForm({ values: formFromEntry(info.entry), editing: info });

  const saved = (id: string): void => {
    setForm(null);
    tests.clear(id);
    notify("info", `${id} saved to your models`);
    void data.refresh();
  };

  const remove = (id: string): void => {
    void host["models.remove"]({ id }).then((result) => {
      if (!result.ok) return notify("error", result.error.message);
      tests.clear(id);
      if (form?.editing?.entry.id === id) setForm(null);
      notify("info", `${id} removed`);
      void data.refresh();
    });
  };

  return (
    <div className="overlay models-overlay">
      <div
        ref={root}
        className="models-page"
        data-testid="models-page"
        role="dialog"
        aria-modal
        aria-labelledby="models-title"
        tabIndex={-1}
      >
        <header className="models-header">
          <h2 id="models-title">Models and keys</h2>
          <span className="models-spacer" />
          <button type="button" className="models-button" data-testid="models-add" onClick={() => openForm({ values: emptyForm(), editing: null })}>
            Add model
          </button>
          <button type="button" className="models-button" data-testid="models-refresh" onClick={() => void data.refresh()} title="Ask the host again">
            Refresh
          </button>
          <button type="button" className="models-button" data-testid="models-close" onClick={close} title="Close (Escape)">
            Close
          </button>
        </header>
        <div className="models-body">
          {data.loadError !== null && (
            <p className="models-error" data-testid="models-load-error" role="alert">
              {data.loadError}
            </p>
          )}
          {form !== null && <ModelForm key={form.seq} request={form} existing={data.models ?? []} onSaved={saved} onCancel={() => setForm(null)} />}
          <section className="models-section" aria-labelledby="models-list-title">
            <h3 id="models-list-title">Registry</h3>
            <p className="models-help">Built-in entries ship with Itasca; yours are kept in models.json in the Itasca data folder; an itasca.models.json next to the open file adds project entries. Later ones win.</p>
            {data.models !== null ? (
              <ModelList models={data.models} tests={tests} onEdit={edit} onRemove={remove} onSetKey={(name) => setKeyRequest({ name, seq: ++seq.current })} />
            ) : (
              data.loadError === null && <p className="models-muted">Loading…</p>
            )}
          </section>
          <div className="models-columns">
            <DiscoverSection models={data.models} onAdded={data.refresh} />
            <KeysSection keys={data.keys} request={keyRequest} onChanged={data.refresh} />
          </div>
        </div>
      </div>
    </div>
  );
}

/** Mounted by the app; shows the page while `modelsOpen` is set. */
export function ModelsPage() {
  const open = useItasca((state) => state.modelsOpen);
  return open ? <ModelsDialog /> : null;
}
