/**
 * Where Itasca keeps its database, caches and settings: `ITASCA_HOME` when set, else the
 * operating system's user data directory.
 */
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ITASCA_HOME) return env.ITASCA_HOME;
  const home = homedir();
  if (platform === "win32") return join(env.APPDATA ?? join(home, "AppData", "Roaming"), "Itasca");
  if (platform === "darwin") return join(home, "Library", "Application Support", "Itasca");
  return join(env.XDG_DATA_HOME ?? join(home, ".local", "share"), "itasca");
}

/** The data directory, created if missing. */
export function ensureDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = dataDir(env);
  mkdirSync(dir, { recursive: true });
  return dir;
}
