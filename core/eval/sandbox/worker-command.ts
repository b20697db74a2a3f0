/**
 * How a worker process is started: the Node binary, its flags (the permission model, no code
 * generation from strings, a heap cap), the only folders it may read, and an empty environment.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as nodeModule from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SandboxLanguage } from "../../nodes/sandbox-types";
import { installRoot } from "../../paths/install-root";

export interface WorkerCommand {
  language: SandboxLanguage;
  executable: string;
  args: string[];
  env: Record<string, string>;
}

/** The worker scripts: beside this file in a clone, under the install root when core is bundled. */
export function workerDir(): string {
  const here = fileURLToPath(new URL("./worker/", import.meta.url));
  if (existsSync(join(here, "lockdown.mjs"))) return here;
  const installed = join(installRoot(), "core", "eval", "sandbox", "worker") + sep;
  if (existsSync(join(installed, "lockdown.mjs"))) return installed;
  throw new Error(`sandbox worker scripts not found in ${here} or ${installed}`);
}

/** A package's folder, outside app.asar when it was unpacked (a child process reads real files). */
function packageDir(name: string, from: string = import.meta.url): string {
  const require = createRequire(from);
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
  const unpacked = dir.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  return (unpacked !== dir && existsSync(unpacked) ? unpacked : dir) + sep;
}

let cachedPaths: Record<string, string> | undefined;

function paths(): Record<string, string> {
  if (cachedPaths) return cachedPaths;
  const quickjs = packageDir("quickjs-emscripten");
  const quickjsEntry = pathToFileURL(join(quickjs, "package.json")).href;
  cachedPaths = {
    worker: workerDir(),
    pyodide: packageDir("pyodide"),
    quickjsCore: packageDir("quickjs-emscripten-core", quickjsEntry),
    quickjsVariant: packageDir("@jitl/quickjs-wasmfile-release-sync", quickjsEntry),
    quickjsFfiTypes: packageDir("@jitl/quickjs-ffi-types", pathToFileURL(join(packageDir("quickjs-emscripten-core", quickjsEntry), "package.json")).href),
  };
  return cachedPaths;
}

/** Node 22.13+ calls it --permission; Node 20 (and this Electron's older Nodes) --experimental-permission. */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
}

/**
 * The flags of a locked-down worker: the permission model with reads of `readable` folders only
 * (no writes, child processes, addons or WASI), no code generation from strings, a heap cap.
 */
export function lockedNodeFlags(readable: string[], heapMb: number): string[] {
  return [
    permissionFlag(),
    // A folder grants everything under it (Node adds the wildcard to a directory itself).
    ...readable.map((dir) => `--allow-fs-read=${dir}`),
    // Older Nodes run module hooks on a loader thread (see worker/import-lock.mjs).
    ...(typeof (nodeModule as { registerHooks?: unknown }).registerHooks === "function" ? [] : ["--allow-worker"]),
    "--disallow-code-generation-from-strings",
    `--max-old-space-size=${heapMb}`,
    "--no-warnings",
  ];
}

export function workerCommand(language: SandboxLanguage, heapMb: number): WorkerCommand {
  const p = paths();
  const readable = language === "python" ? [p.worker!, p.pyodide!] : [p.worker!, p.quickjsCore!, p.quickjsVariant!, p.quickjsFfiTypes!];
  const config =
    language === "python"
      ? { pyodideUrl: pathToFileURL(join(p.pyodide!, "pyodide.mjs")).href, pyodideDir: p.pyodide, harnessPath: join(p.worker!, "python_harness.py") }
      : { coreUrl: pathToFileURL(join(p.quickjsCore!, "dist", "index.mjs")).href, variantUrl: pathToFileURL(join(p.quickjsVariant!, "dist", "index.mjs")).href };
  const script = join(p.worker!, language === "python" ? "python-worker.mjs" : "javascript-worker.mjs");
  // Under Electron, process.execPath is the app: ELECTRON_RUN_AS_NODE makes it plain Node.
  const env: Record<string, string> = process.versions.electron ? { ELECTRON_RUN_AS_NODE: "1" } : {};
  return { language, executable: process.execPath, args: [...lockedNodeFlags(readable, heapMb), script, JSON.stringify(config)], env };
}
