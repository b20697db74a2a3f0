/**
 * Finds model servers running on this machine (vLLM, SGLang, llama-server, Ollama, LM Studio,
 * TGI on their usual ports, plus one address the user gives) and adds what they serve.
 */
import { useState, type FormEvent } from "react";
import type { DiscoverOutput, ModelInfo } from "../../core/api/outputs";
import type { ModelEntry } from "../../core/api/schemas";
import { useHost } from "../host/context";
import { useItasca } from "../store/react";
import { extraUrlError } from "./model-form";

export interface DiscoverSectionProps {
  models: readonly ModelInfo[] | null;
  /** Reloads the registry after an entry was added. */
  onAdded(): Promise<void>;
}

type Found = { status: "idle" } | { status: "busy" } | { status: "done"; output: DiscoverOutput } | { status: "error"; message: string };

function EntryRow({ entry, inRegistry, onAdd }: { entry: ModelEntry; inRegistry: boolean; onAdd(entry: ModelEntry): Promise<string | null> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = (): void => {
    setBusy(true);
    void onAdd(entry).then((problem) => {
      setBusy(false);
      setError(problem);
    });
  };
  return (
    <li className="discover-entry" data-testid={`discover-entry-${entry.id}`}>
      <code>{entry.id}</code>
      <span className="models-muted">{entry.model}</span>
      <button type="button" className="models-button" data-testid={`discover-add-${entry.id}`} disabled={busy || inRegistry} onClick={add} title={inRegistry ? "Already in the registry" : "Save it as your model"}>
        {inRegistry ? "Added" : busy ? "Adding…" : "Add"}
      </button>
      {error !== null && <span className="models-error">{error}</span>}
    </li>
  );
}

export function DiscoverSection({ models, onAdded }: DiscoverSectionProps) {
  const host = useHost();
  const notify = useItasca((state) => state.notify);
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | null>(null);
  const [found, setFound] = useState<Found>({ status: "idle" });
  const ids = new Set(models?.map((info) => info.entry.id));

  const discover = (event: FormEvent): void => {
    event.preventDefault();
    const extra = url.trim();
    const problem = extra === "" ? null : extraUrlError(extra);
    setUrlError(problem);
    if (problem !== null || found.status === "busy") return;
    setFound({ status: "busy" });
    void host["models.discover"](extra === "" ? {} : { extraUrls: [extra] }).then((result) => setFound(result.ok ? { status: "done", output: result.value } : { status: "error", message: result.error.message }));
  };

  const add = async (entry: ModelEntry): Promise<string | null> => {
    const saved = await host["models.save"]({ entry });
    if (!saved.ok) return saved.error.message;
    notify("info", `${entry.id} added to your models`);
    await onAdded();
    return null;
  };

  return (
    <section className="models-section" data-testid="discover-section" aria-labelledby="discover-title">
      <h3 id="discover-title">Discover local servers</h3>
      <form className="discover-form" onSubmit={discover} noValidate>
        <input
          data-testid="discover-url"
          aria-label="Another server's base URL (optional)"
          placeholder="also probe, e.g. http://127.0.0.1:9000/v1 (optional)"
          value={url}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" className="models-button models-button--primary" data-testid="discover-run" disabled={found.status === "busy"}>
          {found.status === "busy" ? "Probing…" : "Discover"}
        </button>
      </form>
      <p className="models-help">Probes 127.0.0.1 only: vLLM :8000, SGLang :30000, llama-server :8080, Ollama :11434, LM Studio :1234, TGI :3000, and the address above.</p>
      {urlError !== null && (
        <p className="models-error" data-testid="discover-url-error" role="alert">
          {urlError}
        </p>
      )}
      {found.status === "error" && (
        <p className="models-error" data-testid="discover-error" role="alert">
          {found.message}
        </p>
      )}
      {found.status === "done" && found.output.servers.length === 0 && (
        <p className="discover-empty" data-testid="discover-empty" role="status">
          Nothing found: no model server answered on those ports.
        </p>
      )}
      {found.status === "done" && found.output.servers.length > 0 && (
        <ul className="discover-servers" data-testid="discover-results">
          {found.output.servers.map((server) => (
            <li key={server.baseUrl} className="discover-server" data-testid={`discover-server-${server.baseUrl}`}>
              <div className="discover-server-head">
                <strong>{server.label}</strong> <code>{server.baseUrl}</code>
                {server.models.length === 0 && <span className="models-muted"> answers, but lists no model</span>}
              </div>
              <ul className="discover-entries">
                {found.output.entries
                  .filter((entry) => entry.baseUrl === server.baseUrl)
                  .map((entry) => (
                    <EntryRow key={entry.id} entry={entry} inRegistry={ids.has(entry.id)} onAdd={add} />
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
