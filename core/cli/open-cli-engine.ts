/**
 * The engine a running CLI command opens (run, eval, search, sweep, serve): the data dir's
 * store, trace and cache, plus the code sandbox that program checks, executed unit tests and
 * CodeT selection need. Opened in one place so no command can forget the sandbox.
 */
import { createSandbox, type Sandbox } from "../eval/sandbox";
import type { ModelRegistry } from "../providers/models";
import { openEngine, type OpenedEngine } from "../store/open-engine";

export interface CliEngine extends OpenedEngine {
  sandbox: Sandbox;
}

/** Opens the engine over the data dir of `env`; `close()` closes the providers, the database and the sandbox. */
export function openCliEngine(env: NodeJS.ProcessEnv, models: ModelRegistry): CliEngine {
  // The sandbox starts its workers on first use: a command that runs no code never pays for it.
  const sandbox = createSandbox();
  const opened = openEngine({ env, models, engine: { sandbox } });
  return {
    ...opened,
    sandbox,
    close: async () => {
      await Promise.all([opened.close(), sandbox.close()]);
    },
  };
}
