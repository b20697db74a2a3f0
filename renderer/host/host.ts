/**
 * What the designer needs from whoever hosts it: the Electron preload bridge, the web-studio
 * bridge, or the in-memory stub (memory-host.ts). The app receives one `Host` object and never
 * reaches past it, so the same renderer runs in all three.
 *
 * This is the subset the canvas uses today. The studio service contract (core/api/contract.ts)
 * will define the real channels; an adapter from that contract to this interface is the seam
 * where files (open/save), the model registry page and the run panel plug in.
 */

/** A model registry entry as the pickers show it. */
export interface HostModel {
  /** Registry id written into architecture files, e.g. `local/stories260k`. */
  id: string;
  /** Provider kind: `llama-cpp`, `openai-compatible`, `anthropic` or `replay`. */
  provider: string;
  /** Price per million input tokens, in USD, when known. */
  priceInPerMTok?: number;
  /** Price per million output tokens, in USD, when known. */
  priceOutPerMTok?: number;
}

/** A document the host opened: its text exactly as stored, and a name to show. */
export interface HostDocument {
  /** File name shown in the top bar, e.g. `sample-rank-fuse.itasca.json`. */
  fileName: string;
  /** The file text; the app validates and migrates it like every load. */
  text: string;
}

export interface Host {
  /** Which host this is, for the about box and for tests. */
  readonly kind: "memory" | "electron" | "web";
  /** The model registry (built-in entries, models.json, the file's own), for pickers and validation. */
  listModels(): Promise<readonly HostModel[]>;
  /** The architecture to show when the app starts. */
  openStartDocument(): Promise<HostDocument>;
}
