/**
 * What the designer needs from whoever hosts it: the Electron preload bridge (electron-host.ts),
 * the web-studio bridge (web-host.ts), or the in-memory stub (memory-host.ts). The app receives
 * one `Host` object and never reaches past it, so the same renderer runs in all three.
 *
 * A host is the host contract itself (core/api/contract.ts): one function per request channel,
 * named by the channel (`host["run.start"](...)`) and answering a `Result`, plus one
 * subscription per push channel (`host["run.event"](listener)`). A channel added to the contract
 * is on every host at once; a host that cannot serve one (the memory stub) answers it with the
 * stable `unsupported` code.
 */
import type { HostApi, HostSubscriptions } from "../../core/api/contract";
import type { TemplateInfo } from "../../core/api/outputs";
import type { ModelEntry } from "../../core/api/schemas";

export interface Host extends HostApi, HostSubscriptions {
  /** Which host this is, for the about box and for tests. */
  readonly kind: "memory" | "electron" | "web";
  /** Reports whether the host answers (true) or not; called once now and on each change. Returns the unsubscribe function. */
  onReachable(listener: (reachable: boolean) => void): () => void;
}

/** A document the host opened: its text exactly as stored, and a name to show. */
export interface HostDocument {
  /** File name shown in the top bar, e.g. `sample-rank-fuse.itasca.json`. */
  fileName: string;
  /** The file text; the app validates and migrates it like every load. */
  text: string;
  /** Where it is stored, when it is a file (save writes back there); absent for untitled documents. */
  path?: string;
}

/** The template opened at start when no file was asked for: the one the README walks through. */
export const START_TEMPLATE = "sample-rank-fuse.itasca.json";

/** The start document: an untitled copy of the start template (so the shipped preset is never overwritten by accident). */
export async function openStartDocument(host: Host): Promise<HostDocument> {
  const result = await host["files.templates"]();
  if (!result.ok) throw new Error(result.error.message);
  const template: TemplateInfo | undefined = result.value.find((t) => t.id === START_TEMPLATE) ?? result.value[0];
  if (template === undefined) throw new Error("the host has no templates");
  return { fileName: template.id, text: template.text };
}

/** The registry's entries for the pickers and validation, or undefined when the host did not answer with them. */
export async function registryEntries(host: Host): Promise<ModelEntry[] | undefined> {
  const result = await host["models.list"]();
  return result.ok ? result.value.map((info) => info.entry) : undefined;
}
