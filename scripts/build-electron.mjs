#!/usr/bin/env node
// Bundles the Electron main process and its engine worker (ESM, so core's import.meta.url keeps working) and the
// preload (CommonJS: a sandboxed preload cannot load ES modules) into out/electron/.
// npm packages stay external: they are installed beside the app, and native ones
// (better-sqlite3, node-llama-cpp) cannot be bundled at all.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}out/electron`;
rmSync(outdir, { recursive: true, force: true });

const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: "warning" };

// The main process and the engine's worker thread (which holds the engine, providers and database).
for (const name of ["main", "engine-worker"]) {
  await build({
    ...common,
    entryPoints: [`electron/${name}.ts`],
    outfile: `${outdir}/${name}.mjs`,
    format: "esm",
    packages: "external",
    // Some bundled CommonJS code calls require(); give the ES module one.
    banner: { js: 'import { createRequire as __itascaRequire } from "node:module"; const require = __itascaRequire(import.meta.url);' },
  });
}

await build({
  ...common,
  entryPoints: ["electron/preload.ts"],
  outfile: `${outdir}/preload.cjs`,
  format: "cjs",
  platform: "browser",
  target: "chrome130",
  // Only "electron" may be required in a sandboxed preload; everything else (zod) is bundled.
  external: ["electron"],
  minify: true,
});

console.log(`built ${outdir}/main.mjs, engine-worker.mjs and preload.cjs`);
