/**
 * Modification times of builds and their sources: whether a build is stale. Shared by
 * `npm start` (scripts/start.ts), `itasca studio` (core/studio/renderer-build.ts) and the tests.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Folders never holding sources: build outputs and dependencies. */
const SKIP = new Set(["node_modules", "dist", "out", ".git"]);

/** The newest mtime (ms) of any file under `paths` (files or folders); 0 when there is none. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) if (!SKIP.has(entry)) visit(join(path, entry));
  };
  for (const path of paths) if (existsSync(path)) visit(path);
  return newest;
}

/** mtime (ms) of a file, undefined when it does not exist. */
export function mtimeOf(path: string): number | undefined {
  return existsSync(path) ? statSync(path).mtimeMs : undefined;
}

/** A build is stale when it is missing or older than its newest source. */
export function isStale(builtAt: number | undefined, sourcesAt: number): boolean {
  return builtAt === undefined || builtAt < sourcesAt;
}

/**
 * What the renderer's build reads: renderer/, the renderer-safe core it imports (all of core/
 * is watched, so a layer that becomes renderer-safe can never be missed; a Node-side edit costs
 * one needless rebuild), and the window's CSP, which the Vite config writes into the page.
 */
export function rendererSourceDirs(root: string): string[] {
  return [join(root, "renderer"), join(root, "core"), join(root, "electron", "window-options.ts")];
}
