/**
 * Reads and validates an architecture file for a command, printing diagnostics the same way
 * everywhere: `<file>: <code> <node or path>: <message> (<hint>)`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { hasErrors, type Diagnostic } from "../graph/diagnostics";
import type { ModelRegistry } from "../providers/models";
import { loadModelRegistry, ModelsFileError } from "../providers/registry-file";
import { formatDiagnostic, isRunnable, validateArchitecture, type CheckedArchitecture } from "../validation/validate";
import type { CliIo } from "./io";
import { InputError } from "./usage-error";

export interface ReadArchitecture {
  /** Present when the file has no errors: validated once, ready to run. */
  checked?: CheckedArchitecture;
  diagnostics: Diagnostic[];
  valid: boolean;
}

/**
 * The text of an architecture file.
 * @throws InputError naming the file when it cannot be read.
 */
export function readArchitectureText(io: CliIo, file: string): string {
  try {
    return readFileSync(resolve(io.cwd, file), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw new InputError(`${file}: cannot read the architecture file (${reason})`);
  }
}

export function readArchitectureFile(io: CliIo, file: string, models: ModelRegistry): ReadArchitecture {
  const text = readArchitectureText(io, file);
  const result = validateArchitecture(text, { file, knownModels: (id) => models.has(id) });
  return { ...(isRunnable(result) ? { checked: result.architecture } : {}), diagnostics: result.diagnostics, valid: !hasErrors(result.diagnostics) };
}

export function printDiagnostics(io: CliIo, file: string, diagnostics: readonly Diagnostic[], to: "stdout" | "stderr"): void {
  for (const d of diagnostics) io[to](`${formatDiagnostic(file, d)}\n`);
}

/** The model registry for an architecture file: built-in, the user's models.json, and the project's file beside it. */
export function registryFor(io: CliIo, file: string): ModelRegistry {
  try {
    return loadModelRegistry({ env: io.env, architectureFile: resolve(io.cwd, file) }).registry;
  } catch (error) {
    if (error instanceof ModelsFileError) throw new InputError(error.message);
    throw error;
  }
}
