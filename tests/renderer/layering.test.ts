/**
 * The renderer runs sandboxed (ARCHITECTURE.md sections 1 and 6): ESLint refuses Node built-ins,
 * SDKs, Electron and the Node-side core in renderer/, while core/graph and core/nodes and the
 * renderer's own store stay importable.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";

const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(`import x from "${source}";\nexport default x;\n`, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").length;
}

describe("renderer layering lint rules", () => {
  it("refuses Node built-ins, SDKs, Electron and Node-side core", async () => {
    for (const source of ["node:fs", "fs/promises", "path", "electron", "openai", "better-sqlite3", "../../core/engine/executor", "../../core/providers/models", "../../core/store/run-store", "../../core/paths/data-dir", "../../core/studio/service", "../core/cli/main"]) {
      expect(await restrictedImports("renderer/canvas/probe.tsx", source), source).toBe(1);
    }
  });

  it("allows renderer-safe core, the renderer's own store and the UI libraries", async () => {
    for (const source of ["../../core/graph/ports", "../../core/validation/validate", "../../core/nodes/registry", "../store/create-store", "./store/graph-ops", "../inspector/Inspector", "@xyflow/react", "zustand"]) {
      expect(await restrictedImports("renderer/canvas/probe.tsx", source), source).toBe(0);
    }
  });
});
