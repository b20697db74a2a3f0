/**
 * Runs once before the suite: builds the renderer (production mode) when it is missing, older
 * than its sources or a development build, so the end-to-end tests drive the UI as the code
 * now is. Once, here, because parallel test files building into the same renderer/dist would
 * delete each other's output.
 */
import { ROOT } from "./helpers/architectures";
import { ensureRendererBuilt } from "./helpers/renderer-build";

export default async function setup(): Promise<void> {
  await ensureRendererBuilt(ROOT);
}
