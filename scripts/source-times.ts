/** Newest modification time under folders, for `npm start`'s "is the build stale" check. */
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

/**
 * What the renderer's build reads: renderer/, the renderer-safe core it imports (the vote node
 * brings core/eval's extractors), and the window's CSP, which the Vite config writes into the page.
 */
export function rendererSourceDirs(root: string): string[] {
  return [join(root, "renderer"), ...["graph", "nodes", "api", "cost", "interop", "eval"].map((folder) => join(root, "core", folder)), join(root, "electron", "window-options.ts")];
}
