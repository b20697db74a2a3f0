/**
 * The layering of ARCHITECTURE.md section 1 is a lint error, not a convention: these run the
 * project's real ESLint config on code placed in each layer.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";

const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

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
