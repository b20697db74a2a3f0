/**
 * What the designer needs from whoever hosts it: the Electron preload bridge, the web-studio
 * bridge (web-host.ts), or the in-memory stub (memory-host.ts). The app receives one `Host`
 * object and never reaches past it, so the same renderer runs in all three.
 *
 * Everything beyond the start document answers with a `Result` from the host contract
 * (core/api/contract.ts), so a host that cannot run or save (the memory stub) says so with
 * the stable `unsupported` code instead of throwing.
 */
import type { ChannelInput, DirectoryListing, FileText, RecentFile, Result, RunEventData, RunRecord, RunSummary, TemplateInfo } from "../../core/api/contract";

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
  /** Where it is stored, when it is a file (save writes back there); absent for untitled documents. */
  path?: string;
}

/** What `run.start` takes: the architecture, the query, an optional budget and the file it came from. */
export type RunStartInput = ChannelInput<"run.start">;

export interface Host {
  /** Which host this is, for the about box and for tests. */
  readonly kind: "memory" | "electron" | "web";
  /** The model registry (built-in entries, models.json, the file's own), for pickers and validation. */
  listModels(): Promise<readonly HostModel[]>;
  /** The architecture to show when the app starts. */
  openStartDocument(): Promise<HostDocument>;

  /** Starts a run; its events arrive through {@link onRunEvent}. */
  startRun(input: RunStartInput): Promise<Result<{ runId: string }>>;
  cancelRun(runId: string): Promise<Result<{ runId: string; cancelled: boolean }>>;
  /** The latest runs, newest first; only those started from `file` when given. */
  listRuns(file?: string, limit?: number): Promise<Result<RunSummary[]>>;
  /** A stored run: its query, architecture and (once ended) result with the trace. */
  getRun(runId: string): Promise<Result<RunRecord>>;
  /**
   * Receives every event of every run. Subscribe before starting a run: the first events
   * follow `run.start` immediately. Returns the unsubscribe function.
   */
  onRunEvent(listener: (event: RunEventData) => void): () => void;
  /** Reports whether the host answers (true) or not; called once now and on each change. */
  onReachable(listener: (reachable: boolean) => void): () => void;

  templates(): Promise<Result<TemplateInfo[]>>;
  readFile(path: string): Promise<Result<FileText>>;
  writeFile(path: string, text: string): Promise<Result<{ path: string }>>;
  recentFiles(): Promise<Result<RecentFile[]>>;
  /** A folder's sub-folders and .json files (the web studio's stand-in for an open dialog). */
  listDir(dir?: string): Promise<Result<DirectoryListing>>;
}
