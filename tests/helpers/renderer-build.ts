/**
 * Builds the renderer when its bundle is missing, older than its sources, or a development
 * build (core/studio/renderer-build.ts decides, as it does for `itasca studio`), so the
 * end-to-end tests and the UI benchmark drive the production bundle the studio serves.
 */
import { buildRenderer, rendererRebuildReason } from "../../core/studio/renderer-build";

/**
 * Runs `npm run build:renderer` with NODE_ENV=production when the bundle needs it; its output
 * goes to this process's stderr.
 * @param timeoutMs how long the build may take. @default 300000
 * @returns why it built (undefined when it did not) and how long that took
 */
export async function ensureRendererBuilt(root: string, timeoutMs = 300_000): Promise<{ reason: string | undefined; ms: number }> {
  const reason = rendererRebuildReason(root);
  if (reason === undefined) return { reason, ms: 0 };
  const began = performance.now();
  process.stderr.write(`renderer: ${reason}; building it (npm run build:renderer)\n`);
  await buildRenderer(root, { timeoutMs, output: (chunk) => process.stderr.write(chunk) });
  return { reason, ms: performance.now() - began };
}
