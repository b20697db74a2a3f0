/**
 * Where the built `llama-server` binary is cached. Not under the data dir (`ITASCA_HOME`):
 * tests and CI point that at a fresh temporary directory on every run, and a 10-minute build
 * must survive those runs. `ITASCA_CACHE_DIR` when set, else the OS user cache directory.
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ITASCA_CACHE_DIR) return env.ITASCA_CACHE_DIR;
  const home = homedir();
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "Itasca", "Cache");
  if (platform === "darwin") return join(home, "Library", "Caches", "Itasca");
  return join(env.XDG_CACHE_HOME ?? join(home, ".cache"), "itasca");
}

/** The directory of one llama.cpp release's build: `<cache dir>/llama-server/<release tag>`. */
export function llamaServerCacheDir(releaseTag: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), "llama-server", releaseTag);
}
