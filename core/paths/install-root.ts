/**
 * The Itasca install root (where package.json, presets/ and the shipped model live), found
 * from this file's location so it holds for a clone, an npm install and a packaged app alike.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function installRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "presets"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Itasca install root above ${dirname(fileURLToPath(import.meta.url))}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** Resolves a path that may be relative to the install root. */
export function resolveFromInstall(path: string): string {
  return resolve(installRoot(), path);
}
