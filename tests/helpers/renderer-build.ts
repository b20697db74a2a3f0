/**
 * Builds the renderer when its bundle is missing, older than its sources, or a development
 * build, so the benchmark always measures the production bundle the studio serves.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isStale } from "../../scripts/launch-plan";
import { mtimeOf, newestMtime, rendererSourceDirs } from "../../scripts/source-times";

/** React's development JSX runtime: present in a development bundle, compiled away in production. */
const DEVELOPMENT_MARKER = "jsxDEV";

/**
 * Whether renderer/dist holds a development build. `vite build` picks React's development
 * build when NODE_ENV is set to anything but "production", and vitest sets it to "test", so a
 * build started from a test leaves one behind, and React's development build is several times
 * slower.
 */
export function isDevelopmentBundle(distDir: string): boolean {
  const assets = join(distDir, "assets");
  if (!existsSync(assets)) return false;
  return readdirSync(assets).some((file) => file.endsWith(".js") && readFileSync(join(assets, file), "utf8").includes(DEVELOPMENT_MARKER));
}

/** Why the bundle must be rebuilt, or undefined when it is current. */
export function rebuildReason(root: string): string | undefined {
  const dist = join(root, "renderer", "dist");
  const builtAt = mtimeOf(join(dist, "index.html"));
  if (builtAt === undefined) return "not built";
  if (isStale(builtAt, newestMtime(rendererSourceDirs(root)))) return "older than its sources";
  if (isDevelopmentBundle(dist)) return "a development build";
  return undefined;
}

/**
 * Runs `npm run build:renderer` with NODE_ENV=production when {@link rebuildReason} says so.
 * @param timeoutMs how long the build may take. @default 300000
 * @returns why it built (undefined when it did not) and how long that took
 */
export function ensureRendererBuilt(root: string, timeoutMs = 300_000): { reason: string | undefined; ms: number } {
  const reason = rebuildReason(root);
  if (reason === undefined) return { reason, ms: 0 };
  const began = performance.now();
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build:renderer"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: "inherit",
    timeout: timeoutMs,
    shell: process.platform === "win32",
  });
  return { reason, ms: performance.now() - began };
}
