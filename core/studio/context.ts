/**
 * What the channel handlers share: the engine host, the stores and the path rules.
 */
import type { RunEventMessage } from "../api/contract";
import type { RunHandle } from "../engine/executor";
import type { SecretStore } from "../providers/keys";
import type { SqliteDatabase } from "../store/database";
import type { RunStore } from "../store/run-store";
import type { EngineGenerations } from "./engine-generations";
import type { PathPolicy } from "./path-policy";
import type { StudioState } from "./studio-state";

export interface StudioContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  dataDir: string;
  kind: "web" | "electron";
  engines: EngineGenerations;
  db: SqliteDatabase;
  store: RunStore;
  state: StudioState;
  paths: PathPolicy;
  secrets: SecretStore;
  /** Runs still going, by id, so `run.cancel` can reach them. */
  active: Map<string, RunHandle>;
  /** Sends a pushed event to every subscriber. */
  emit(message: RunEventMessage): void;
}
