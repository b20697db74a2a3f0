/**
 * What the channels return (plain, clone-safe data). Kept apart from the argument schemas:
 * outputs are produced by the host, so they are types, not runtime-checked schemas.
 */
import type { Diagnostic } from "../graph/diagnostics";
import type { Query } from "../graph/ports";
import type { RunResult } from "./run-types";
import type { ModelEntry } from "./schemas";

export interface ValidateOutput {
  diagnostics: Diagnostic[];
  /** True when there are no errors (warnings allowed): the architecture can run. */
  runnable: boolean;
}

export interface RunSummary {
  runId: string;
  name: string;
  status: RunResult["status"] | "running";
  startedAt: number;
  endedAt?: number;
  /** The file the run was started from, when the renderer said so in `run.start`. */
  file?: string;
}

export interface RunRecord {
  summary: RunSummary;
  /** The query and architecture as run, so a past run can be reopened as it was. */
  query: Query;
  architecture: Record<string, unknown>;
  /** Present once the run has ended; includes the call trace. */
  result?: RunResult;
}

export interface TemplateInfo {
  /** The preset's file name, e.g. `single-call.itasca.json`. */
  id: string;
  name: string;
  description: string;
  /** The file's text, ready to open as an untitled document. */
  text: string;
}

export interface FileText {
  /** The absolute path the host resolved. */
  path: string;
  text: string;
}

export interface RecentFile {
  path: string;
  /** When it was last opened or saved (ms since the epoch). */
  at: number;
}

/** What the user chose in a native dialog: a path, or none when they cancelled. */
export interface DialogChoice {
  path?: string;
}

export interface DirectoryListing {
  dir: string;
  parent?: string;
  entries: { name: string; path: string; kind: "file" | "dir" }[];
}

/** "none needed": local or replay models, or endpoints without a key variable. */
export type KeyStatus = "set" | "not set" | "none needed";

/** Which registry layer an entry comes from: built in, the user's models.json, or the project's itasca.models.json. */
export type ModelSource = "built-in" | "user" | "project";

export interface ModelInfo {
  entry: ModelEntry;
  source: ModelSource;
  /** The key's variable name, when the model uses one. */
  keyName?: string;
  keyStatus: KeyStatus;
}

/** One test round trip to a model (`models.test`, `itasca models test`). */
export interface ModelTestReport {
  id: string;
  provider: string;
  endpoint: string;
  latencyMs: number;
  /** Time to the first streamed text; null when nothing streamed. */
  firstTokenMs: number | null;
  inputTokens: number;
  outputTokens: number;
  tokensPerSecond: number;
  usageEstimated: boolean;
  /** Whether an openai-compatible server honours `n` in one request; null where `n` does not apply. */
  nSupported: boolean | null;
  text: string;
}

/** A model server found on this machine. */
export interface DiscoveredServer {
  preset: string;
  label: string;
  baseUrl: string;
  models: string[];
}

export interface DiscoverOutput {
  servers: DiscoveredServer[];
  /** Ready-to-save registry entries for what was found. */
  entries: ModelEntry[];
}

export interface KeyInfo {
  name: string;
  set: boolean;
  /** Where the value comes from: the host's store, or the environment (which wins). */
  source?: "store" | "env";
}

export interface HostInfo {
  kind: "electron" | "web";
  version: string;
  /** The directory relative paths resolve against. */
  cwd: string;
  /** Native open/save dialogs exist (Electron only); the web studio uses `files.list`. */
  dialogs: boolean;
}
