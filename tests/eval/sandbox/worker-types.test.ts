/**
 * The worker scripts are plain JavaScript (see core/eval/sandbox/worker/lockdown.mjs for why),
 * outside the project's TypeScript program: their JSDoc types are checked here instead, with
 * core/eval/sandbox/worker/tsconfig.json.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

describe("sandbox worker scripts", () => {
  it("type-check (// @ts-check with JSDoc)", { timeout: 120_000 }, () => {
    const configPath = fileURLToPath(new URL("../../../core/eval/sandbox/worker/tsconfig.json", import.meta.url));
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
    expect(config!.fileNames.map((f) => f.split("/").pop()).sort()).toEqual(["import-lock-hooks.mjs", "import-lock.mjs", "javascript-worker.mjs", "lockdown.mjs", "python-worker.mjs"]);
    const program = ts.createProgram({ rootNames: config!.fileNames, options: config!.options });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
  });
});
