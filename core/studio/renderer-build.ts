/**
 * The renderer's production bundle (renderer/dist): whether it must be rebuilt, and the build
 * itself (`npm run build:renderer` with NODE_ENV=production). `itasca studio` builds it before
 * serving when it is missing or stale, as `npm start` does; the tests and the UI benchmark use
 * the same check before they drive the bundle.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isStale, mtimeOf, newestMtime, rendererSourceDirs } from "../paths/source-times";

/** The command that builds the renderer, as a person would type it. */
export const RENDERER_BUILD_COMMAND = "npm run build:renderer";

/** React's development JSX runtime: present in a development bundle, compiled away in production. */
const DEVELOPMENT_MARKER = "jsxDEV";

export function rendererDistDir(root: string): string {
  return join(root, "renderer", "dist");
}

/**
 * Whether renderer/dist holds a development build. `vite build` picks React's development
 * build when NODE_ENV is set to anything but "production" (vitest sets it to "test"), and
 * React's development build is several times slower.
 */
export function isDevelopmentBundle(distDir: string): boolean {
  const assets = join(distDir, "assets");
  if (!existsSync(assets)) return false;
  return readdirSync(assets).some((file) => file.endsWith(".js") && readFileSync(join(assets, file), "utf8").includes(DEVELOPMENT_MARKER));
}

/** Why the bundle must be rebuilt ("not built", "older than its sources", "a development build"), or undefined when it is current. */
export function rendererRebuildReason(root: string): string | undefined {
  const dist = rendererDistDir(root);
  const builtAt = mtimeOf(join(dist, "index.html"));
  if (builtAt === undefined) return "not built";
  if (isStale(builtAt, newestMtime(rendererSourceDirs(root)))) return "older than its sources";
  if (isDevelopmentBundle(dist)) return "a development build";
  return undefined;
}

export interface BuildRendererOptions {
  /** Receives the build's stdout and stderr as they come (Vite's progress). @default discarded */
  output?: (chunk: string) => void;
  /** Aborting it kills the build, which then rejects. */
  signal?: AbortSignal;
  /** Kills the build after this long. @default no limit */
  timeoutMs?: number;
}

/** Runs {@link RENDERER_BUILD_COMMAND} in `root` with NODE_ENV=production; rejects when it fails. */
export function buildRenderer(root: string, options: BuildRendererOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new Error("the renderer build was cancelled before it started"));
    const windows = process.platform === "win32";
    const child = spawn(windows ? "npm.cmd" : "npm", ["run", "--silent", "build:renderer"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
      shell: windows,
    });
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped ??= why;
      child.kill("SIGTERM");
    };
    const onAbort = () => stop("it was cancelled");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop(`it took longer than ${options.timeoutMs} ms`), options.timeoutMs);
    const forward = (chunk: Buffer) => options.output?.(chunk.toString());
    child.stdout.on("data", forward);
    child.stderr.on("data", forward);
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (error) => {
      settle();
      reject(new Error(`cannot run ${RENDERER_BUILD_COMMAND}: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      settle();
      if (stopped !== undefined) return reject(new Error(`${RENDERER_BUILD_COMMAND} was stopped: ${stopped}`));
      if (code === 0) return resolve();
      reject(new Error(`${RENDERER_BUILD_COMMAND} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`));
    });
  });
}

/** What {@link prepareRenderer} did. */
export type RendererPreparation =
  | { action: "current" }
  | { action: "built"; reason: string; ms: number }
  | { action: "not-built"; reason: string }
  | { action: "failed"; reason: string; error: string };

export interface PrepareRendererOptions {
  /** One line of progress for a person (no newline). */
  log: (line: string) => void;
  /** Receives the build's own output. @default discarded */
  output?: (chunk: string) => void;
  /** Only say what is stale, never build (`itasca studio --no-build`). @default false */
  noBuild?: boolean;
  signal?: AbortSignal;
  /** Injectable for tests: why the bundle must be rebuilt. @default {@link rendererRebuildReason} */
  rebuildReason?: (root: string) => string | undefined;
  /** Injectable for tests: the build. @default {@link buildRenderer} */
  build?: (root: string, options: BuildRendererOptions) => Promise<void>;
}

/**
 * Builds the renderer when it is missing or stale, saying so through `log`. A failed build is
 * reported, not thrown: the studio still serves (its page says how to build when nothing is built).
 */
export async function prepareRenderer(root: string, options: PrepareRendererOptions): Promise<RendererPreparation> {
  const reasonOf = options.rebuildReason ?? rendererRebuildReason;
  const reason = reasonOf(root);
  if (reason === undefined) return { action: "current" };
  const missing = reason === "not built";
  if (options.noBuild) {
    options.log(`the renderer is ${reason}; not building it (--no-build). Build it with ${RENDERER_BUILD_COMMAND}${missing ? "" : ", or the studio serves the old build"}.`);
    return { action: "not-built", reason };
  }
  options.log(`the renderer is ${reason}; building it (${RENDERER_BUILD_COMMAND}, about half a minute)...`);
  const began = performance.now();
  try {
    await (options.build ?? buildRenderer)(root, { ...(options.output ? { output: options.output } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (options.signal?.aborted) {
      options.log("stopped the renderer build");
      return { action: "failed", reason, error: message };
    }
    // A failed build may have emptied renderer/dist: look again before promising the old build.
    const left = reasonOf(root) === "not built" ? "the studio page says how to build it" : "the studio serves the build that is there";
    options.log(`building the renderer failed (${message}); ${left}. Run ${RENDERER_BUILD_COMMAND} to see why.`);
    return { action: "failed", reason, error: message };
  }
  const ms = performance.now() - began;
  options.log(`renderer built in ${(ms / 1000).toFixed(1)} s`);
  return { action: "built", reason, ms };
}
