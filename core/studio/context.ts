/**
 * What the channel handlers share: the engine host, the stores and the path rules.
 */
import type { StudioEventMessage } from "../api/contract";
import type { RunHandle } from "../engine/executor";
import type { CodeSandbox } from "../nodes/sandbox-types";
import type { SecretStore } from "../providers/keys";
import type { SqliteDatabase } from "../store/database";
import type { RunStore } from "../store/run-store";
import type { ActiveEvaluations } from "./active-evals";
import type { ActiveSearches } from "./active-searches";
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
  /** Evaluations still going, so `eval.cancel` can reach them and a late subscriber catches up. */
  evals: ActiveEvaluations;
  /** Searches still going, so `search.stop` can reach them and a late subscriber catches up. */
  searches: ActiveSearches;
  /** The code sandbox (created on its first use) for scorers and executed unit tests. */
  sandbox: CodeSandbox;
  /** Sends a pushed event to every subscriber. */
  emit(message: StudioEventMessage): void;
}
