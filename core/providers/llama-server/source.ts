/**
 * The llama.cpp source that node-llama-cpp carries: `llama/gitRelease.bundle` (a git bundle of
 * the exact release it binds to) and `llama/llama.cpp.info.json` (its tag). Building from this
 * copy needs no network and keeps the server at the same llama.cpp as the embedded provider.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface LlamaCppSource {
  /** Release tag, e.g. `b6500`; names the cache directory. */
  tag: string;
  /** The git bundle to clone from. */
  bundle: string;
}

/** node-llama-cpp's package directory, found through Node's own resolution. */
function nodeLlamaCppDir(): string {
  let dir = dirname(createRequire(import.meta.url).resolve("node-llama-cpp"));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "llama"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the node-llama-cpp package directory (is node-llama-cpp installed? run npm ci)");
    dir = parent;
  }
  return dir;
}

export function findLlamaCppSource(): LlamaCppSource {
  const llamaDir = join(nodeLlamaCppDir(), "llama");
  const infoPath = join(llamaDir, "llama.cpp.info.json");
  const bundle = join(llamaDir, "gitRelease.bundle");
  if (!existsSync(infoPath) || !existsSync(bundle)) {
    throw new Error(`node-llama-cpp carries no llama.cpp source bundle (${bundle}); reinstall it with npm ci`);
  }
  const info = JSON.parse(readFileSync(infoPath, "utf8")) as { tag?: unknown };
  if (typeof info.tag !== "string" || !/^[\w.-]+$/.test(info.tag)) throw new Error(`${infoPath}: no usable "tag" field`);
  return { tag: info.tag, bundle };
}
