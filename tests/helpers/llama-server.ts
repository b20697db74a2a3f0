/**
 * A real llama-server for integration tests: built (or reused from the cache) and started on
 * the shipped stories260K model once per test file, stopped in afterAll whatever happened.
 * Set ITASCA_SKIP_LLAMA_SERVER=1 to skip these suites on a machine that cannot build it.
 */
import { afterAll, beforeAll } from "vitest";
import { resolveFromInstall } from "../../core/paths/install-root";
import { ensureLlamaServer } from "../../core/providers/llama-server/build";
import { startLlamaServer, type LlamaServerHandle, type StartLlamaServerOptions } from "../../core/providers/llama-server/launch";

export const SHIPPED_MODEL = resolveFromInstall("presets/models/stories260K.gguf");

/** The alias the server reports; llama-server serves one model and accepts any name. */
export const SERVER_MODEL = "stories260K";

export const skipLlamaServer = process.env.ITASCA_SKIP_LLAMA_SERVER === "1";
/** Why those suites are skipped (printed through skipNotice). */
export const LLAMA_SERVER_SKIPPED = "ITASCA_SKIP_LLAMA_SERVER=1 is set (unset it to build, or reuse, llama-server and run these tests)";

/** A first build takes about 10 minutes on 2 cores (later runs reuse it); a second file waits on the build lock. */
const SETUP_TIMEOUT_MS = 30 * 60_000;

export type TestServerOptions = Partial<Omit<StartLlamaServerOptions, "binary" | "model">>;

/** Starts a server for the whole file; the returned getter gives its handle inside tests. */
export function useLlamaServer(options: TestServerOptions = {}): () => LlamaServerHandle {
  let server: LlamaServerHandle | undefined;
  beforeAll(async () => {
    const binary = await ensureLlamaServer({ log: (line) => console.log(line) }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)} (ITASCA_SKIP_LLAMA_SERVER=1 skips the llama-server tests)`, { cause: error });
    });
    // One thread: vitest runs two files at once on two cores.
    server = await startLlamaServer({ binary, model: SHIPPED_MODEL, alias: SERVER_MODEL, threads: 1, parallel: 8, ...options });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("llama-server did not start (see beforeAll's error)");
    return server;
  };
}
