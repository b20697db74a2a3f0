/**
 * The layering of ARCHITECTURE.md section 1 is a lint error, not a convention: these run the
 * project's real ESLint config on code placed in each layer.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { CORE_LAYERS } from "../../eslint-rules/core-layer-order.js";
import { ROOT } from "../helpers/architectures";

const eslint = new ESLint({ cwd: ROOT });

async function messagesOf(ruleId: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const restrictedImports = (filePath: string, code: string) => messagesOf("no-restricted-imports", filePath, code);
const layerOrderFindings = (filePath: string, code: string) => messagesOf("itasca/core-layer-order", filePath, code);

describe("layering lint rules", () => {
  it("core never imports the renderer, Electron or React", async () => {
    for (const source of ["react", "electron", "@xyflow/react", "../../renderer/app"]) {
      const messages = await restrictedImports("core/engine/probe.ts", `import x from "${source}";\nexport default x;\n`);
      expect(messages, source).toHaveLength(1);
    }
  });

  it("renderer-safe core imports no Node built-in, SDK or Node-side module", async () => {
    for (const [file, source] of [
      ["core/graph/probe.ts", "node:fs"],
      ["core/graph/probe.ts", "fs"],
      ["core/nodes/probe.ts", "node-llama-cpp"],
      ["core/nodes/probe.ts", "../engine/executor"],
      ["core/cost/probe.ts", "better-sqlite3"],
      ["core/api/probe.ts", "openai"],
    ] as const) {
      const messages = await restrictedImports(file, `import x from "${source}";\nexport default x;\n`);
      expect(messages, `${file} -> ${source}`).toHaveLength(1);
    }
  });

  it("Node-side core may use Node built-ins and SDKs", async () => {
    expect(await restrictedImports("core/engine/probe.ts", `import { createHash } from "node:crypto";\nexport default createHash;\n`)).toEqual([]);
    expect(await restrictedImports("core/providers/probe.ts", `import x from "node-llama-cpp";\nexport default x;\n`)).toEqual([]);
  });

});

describe("core layer order", () => {
  it("refuses an import that runs up the order, type-only ones included", async () => {
    for (const [file, code] of [
      ["core/graph/probe.ts", `import { nodeRegistry } from "../nodes/registry";\nexport default nodeRegistry;\n`],
      ["core/nodes/probe.ts", `import type { Scorer } from "../eval/scorers";\nexport type X = Scorer;\n`],
      ["core/providers/probe.ts", `import type { CallRunnerDeps } from "../engine/call-deps";\nexport type X = CallRunnerDeps;\n`],
      ["core/providers/llama-server/probe.ts", `import { openDefaultDatabase } from "../../store/database";\nexport default openDefaultDatabase;\n`],
      ["core/engine/probe.ts", `export * from "../studio/service";\n`],
      ["core/paths/probe.ts", `export { ModelRegistry } from "../providers/models";\n`],
    ] as const) {
      const findings = await layerOrderFindings(file, code);
      expect(findings, `${file}: ${code}`).toHaveLength(1);
      expect(findings[0]).toMatch(/may not import core\/\w+: core's layers run paths < graph < nodes < validation/);
    }
  });

  it("allows imports of the own layer and of lower layers", async () => {
    for (const [file, code] of [
      ["core/nodes/probe.ts", `import { PORT_TYPES } from "../graph/ports";\nexport default PORT_TYPES;\n`],
      ["core/validation/probe.ts", `import { nodeRegistry } from "../nodes/registry";\nexport default nodeRegistry;\n`],
      ["core/engine/probe.ts", `import type { ProviderResolver } from "../providers/types";\nexport type X = ProviderResolver;\n`],
      ["core/cli/probe.ts", `import { createStudioService } from "../studio/service";\nexport default createStudioService;\n`],
      ["core/engine/probe.ts", `import { abortableSleep } from "./sleep";\nexport default abortableSleep;\n`],
    ] as const) {
      expect(await layerOrderFindings(file, code), `${file}: ${code}`).toEqual([]);
    }
  });

  it("names every folder of core in the order", () => {
    const folders = readdirSync(join(ROOT, "core"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.filter((folder) => !CORE_LAYERS.includes(folder))).toEqual([]);
  });
});
