/**
 * Builds llama.cpp's `llama-server` from the source node-llama-cpp carries, once per llama.cpp
 * release and machine, and caches the binary in `<cache dir>/llama-server/<tag>/bin` (see
 * cache-dir.ts). Later calls reuse it after checking that it still runs.
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { llamaServerCacheDir } from "./cache-dir";
import { acquireLock } from "./lock";
import { runCommand } from "./run-command";
import { findLlamaCppSource } from "./source";
import { missingTools, missingToolsMessage } from "./toolchain";

export interface EnsureLlamaServerOptions {
  /** Progress lines (one per build step and every 10% of compilation). @default no output */
  log?: (line: string) => void;
  /** Environment for `ITASCA_LLAMA_SERVER_BIN` and the cache location. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Parallel compile jobs. @default the number of cores */
  jobs?: number;
}

/** Only what the server needs: no web UI (it would need network or Node tooling), no HTTPS, no tests or examples. */
export const CMAKE_FLAGS: readonly string[] = [
  "-DCMAKE_BUILD_TYPE=Release",
  // One self-contained binary, so it can be moved out of the build tree and the tree deleted.
  "-DBUILD_SHARED_LIBS=OFF",
  "-DGGML_CCACHE=OFF",
  "-DLLAMA_USE_PREBUILT_UI=OFF",
  "-DLLAMA_BUILD_UI=OFF",
  "-DLLAMA_OPENSSL=OFF",
  "-DLLAMA_BUILD_TESTS=OFF",
  "-DLLAMA_BUILD_EXAMPLES=OFF",
];

const EXE = process.platform === "win32" ? "llama-server.exe" : "llama-server";

/** Whether a binary exists and answers `--version` (a truncated copy or a foreign architecture does not). */
export function binaryRuns(path: string): boolean {
  if (!existsSync(path)) return false;
  return spawnSync(path, ["--version"], { stdio: "ignore", timeout: 15_000 }).status === 0;
}

/** Where the binary for the bundled llama.cpp release is (or will be) cached. */
export function cachedBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(llamaServerCacheDir(findLlamaCppSource().tag, env), "bin", EXE);
}

const inProcess = new Map<string, Promise<string>>();

/** The path of a working llama-server binary, building it first when it is not cached. */
export function ensureLlamaServer(options: EnsureLlamaServerOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const explicit = env.ITASCA_LLAMA_SERVER_BIN;
  if (explicit) {
    if (binaryRuns(explicit)) return Promise.resolve(explicit);
    return Promise.reject(new Error(`ITASCA_LLAMA_SERVER_BIN=${explicit} does not run (\`${explicit} --version\` failed); fix or unset it`));
  }
  const binary = cachedBinaryPath(env);
  // Calls in one process share one build; the lock file covers other processes.
  let pending = inProcess.get(binary);
  if (!pending) {
    pending = ensureUncached(binary, options);
    pending.catch(() => inProcess.delete(binary));
    inProcess.set(binary, pending);
  }
  return pending;
}

async function ensureUncached(binary: string, options: EnsureLlamaServerOptions): Promise<string> {
  const log = options.log ?? (() => undefined);
  if (binaryRuns(binary)) return binary;
  const dir = join(binary, "..", "..");
  mkdirSync(dir, { recursive: true });
  const release = await acquireLock(join(dir, "build.lock"), { onWait: (pid) => log(`llama-server: waiting for process ${pid}, which is building it in ${dir}`) });
  try {
    // Another process may have finished the build while this one waited.
    if (binaryRuns(binary)) return binary;
    const missing = missingTools();
    if (missing.length > 0) throw new Error(missingToolsMessage(missing));
    await build(dir, binary, options.jobs ?? availableParallelism(), log);
    return binary;
  } finally {
    release();
  }
}

async function build(dir: string, binary: string, jobs: number, log: (line: string) => void): Promise<void> {
  const source = findLlamaCppSource();
  const began = Date.now();
  const src = join(dir, "src");
  const buildDir = join(dir, "build");
  const extracted = join(src, ".itasca-extracted");
  // A build killed half way resumes: the extracted tree is kept (fresh mtimes would recompile everything).
  if (!existsSync(extracted)) {
    log(`llama-server: extracting llama.cpp ${source.tag} from ${source.bundle}`);
    rmSync(src, { recursive: true, force: true });
    await runCommand("git", ["-c", "advice.detachedHead=false", "clone", "--quiet", source.bundle, src]);
    writeFileSync(extracted, `${source.tag}\n`);
  }
  log(`llama-server: configuring (cmake -G Ninja ${CMAKE_FLAGS.join(" ")})`);
  await runCommand("cmake", ["-S", src, "-B", buildDir, "-G", "Ninja", ...CMAKE_FLAGS]);
  log(`llama-server: compiling with ${jobs} jobs (about 10 minutes on 2 cores, once: the binary is cached in ${dir})`);
  let reported = -1;
  await runCommand("cmake", ["--build", buildDir, "--target", "llama-server", "-j", String(jobs)], {
    onLine: (line) => {
      const step = /^\[(\d+)\/(\d+)\]/.exec(line);
      if (!step) return;
      const percent = Math.floor((Number(step[1]) / Number(step[2])) * 10) * 10;
      if (percent <= reported) return;
      reported = percent;
      log(`llama-server: compiling ${percent}% (${step[1]}/${step[2]}, ${Math.round((Date.now() - began) / 1000)} s)`);
    },
  });
  const built = join(buildDir, "bin", EXE);
  if (!binaryRuns(built)) throw new Error(`the build finished but ${built} does not run; delete ${dir} and try again`);
  mkdirSync(join(dir, "bin"), { recursive: true });
  // Copy then rename, so no process ever sees a half-written binary at the cached path.
  const partial = `${binary}.${process.pid}.partial`;
  copyFileSync(built, partial);
  renameSync(partial, binary);
  // The tree is hundreds of megabytes; the static binary is all that is needed from now on.
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(src, { recursive: true, force: true });
  log(`llama-server: built in ${Math.round((Date.now() - began) / 1000)} s: ${binary}`);
}
