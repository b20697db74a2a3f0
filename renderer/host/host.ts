/**
 * What the designer needs from whoever hosts it: the Electron preload bridge, the web-studio
 * bridge (web-host.ts), or the in-memory stub (memory-host.ts). The app receives one `Host`
 * object and never reaches past it, so the same renderer runs in all three.
 *
 * Everything beyond the start document answers with a `Result` from the host contract
 * (core/api/contract.ts), so a host that cannot run or save (the memory stub) says so with
 * the stable `unsupported` code instead of throwing.
 */
import type {
  ChannelInput,
  DialogChoice,
  DirectoryListing,
  DiscoverOutput,
  FileText,
  HostInfo,
  KeyInfo,
  ModelInfo,
  ModelTestReport,
  RecentFile,
  Result,
  RunEventData,
  RunRecord,
  RunSummary,
  TemplateInfo,
} from "../../core/api/contract";
import type { ModelEntryData } from "../../core/api/schemas";
import type { MenuCommand } from "../../electron/menu-commands";

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

/** Receives a native menu command (open and save as carry the path the native dialog chose). */
export type MenuListener = (command: MenuCommand) => void;
export type { MenuCommand };

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
  /** Native menu commands; hosts without a native menu never call the listener. Returns the unsubscribe function. */
  onMenu(listener: MenuListener): () => void;
  /** Which host answers, and whether it has native dialogs. */
  hostInfo(): Promise<Result<HostInfo>>;
  /** The native open dialog (desktop app; elsewhere `unsupported`): the chosen path, or none when cancelled. */
  openDialog(): Promise<Result<DialogChoice>>;
  /** The native save dialog (desktop app; elsewhere `unsupported`). */
  saveDialog(defaultName?: string): Promise<Result<DialogChoice>>;

  /** The registry with each entry's source and whether its key is set (never the key itself). */
  modelInfos(): Promise<Result<ModelInfo[]>>;
  /** Adds or replaces an entry of the user's models.json. */
  saveModel(entry: ModelEntryData): Promise<Result<{ id: string }>>;
  removeModel(id: string): Promise<Result<{ id: string; removed: boolean }>>;
  /** One round trip: latency, first token, tokens/s, `n` support. */
  testModel(id: string): Promise<Result<ModelTestReport>>;
  /** Probes the usual local ports (and `extraUrls`, which must be on this machine). */
  discoverModels(extraUrls?: string[]): Promise<Result<DiscoverOutput>>;
  /** Key names with set / not set; values never come back. */
  listKeys(): Promise<Result<KeyInfo[]>>;
  setKey(name: string, value: string): Promise<Result<{ name: string; set: true }>>;
  deleteKey(name: string): Promise<Result<{ name: string; set: false }>>;
}
