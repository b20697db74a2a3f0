/**
 * Runs once before the suite: builds the renderer when it is missing or older than its sources,
 * so the end-to-end tests (and the bench) drive the UI as the code now is. Once, here, because
 * parallel test files building into the same renderer/dist would delete each other's output.
 */
import { execSync } from "node:child_process";
import { join } from "node:path";
import { isStale } from "../scripts/launch-plan";
import { mtimeOf, newestMtime, rendererSourceDirs } from "../scripts/source-times";
import { ROOT } from "./helpers/architectures";

export function ensureRendererBuilt(): void {
  if (!isStale(mtimeOf(join(ROOT, "renderer", "dist", "index.html")), newestMtime(rendererSourceDirs(ROOT)))) return;
  execSync("npm run --silent build:renderer", { cwd: ROOT, stdio: "inherit", timeout: 300_000 });
}

export default function setup(): void {
  ensureRendererBuilt();
}
