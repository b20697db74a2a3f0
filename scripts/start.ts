/**
 * `npm start`: builds what is stale, then opens the desktop app, or the web studio in the
 * browser where the Electron binary is not installed (it is an optional dependency).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mtimeOf, newestMtime, rendererSourceDirs } from "../core/paths/source-times";
import { ENGINE_NODE_ENV } from "../electron/start-engine";
import { findElectronBinary, planLaunch, WEB_FALLBACK_NOTE } from "./launch-plan";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (...parts: string[]) => join(root, ...parts);

const plan = planLaunch({
  electronBinary: findElectronBinary(createRequire(at("package.json")), existsSync),
  rendererBuiltAt: mtimeOf(at("renderer", "dist", "index.html")),
  rendererSourcesAt: newestMtime(rendererSourceDirs(root)),
  electronBuiltAt: mtimeOf(at("out", "electron", "main.mjs")),
  electronSourcesAt: newestMtime([at("electron"), at("core")]),
});

/** Runs an npm script in the foreground; exits with its status when it fails. */
function npmRun(script: string): void {
  const result = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", script], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (plan.buildRenderer) npmRun("build:renderer");
if (plan.buildElectron) npmRun("build:electron");

if (plan.target === "electron") {
  const binary = findElectronBinary(createRequire(at("package.json")), existsSync) ?? "electron";
  // The engine runs on this Node, for which npm built the native modules (electron/start-engine.ts).
  const child = spawn(binary, [root], { cwd: root, stdio: "inherit", env: { ...process.env, [ENGINE_NODE_ENV]: process.execPath } });
  // Ctrl-C reaches the child through the terminal's process group too; forwarding covers a kill aimed at this process only.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stderr.write(`${WEB_FALLBACK_NOTE}\n`);
  // In this process (already under tsx): one process to stop, and the studio's own Ctrl-C handling applies.
  const { main } = await import("../core/cli/main");
  process.exitCode = await main(["studio", ...process.argv.slice(2)]);
}
