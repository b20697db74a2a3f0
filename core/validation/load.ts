/**
 * Loading conveniences for callers that hold file text: the CLI, the Electron main process and
 * the web-studio server read the file, this turns it into a result that never throws.
 * No file access here: core/graph also runs in the browser.
 */
import { hasErrors, type Diagnostic } from "../graph/diagnostics";
import type { EdgeSpec } from "../graph/schema";
import { formatDiagnostic, validateArchitecture, type ValidateOptions, type ValidationResult } from "./validate";

export interface LoadResult extends ValidationResult {
  /** The file name the text came from, as given. */
  file: string;
  /** The architecture parsed and no diagnostic is an error (warnings are fine): it can run. */
  ok: boolean;
}

/** Validates file text; the result carries the file name so diagnostics can be printed with it. */
export function parseArchitectureText(text: string, file: string, options: Omit<ValidateOptions, "file"> = {}): LoadResult {
  const result = validateArchitecture(text, { ...options, file });
  return { ...result, file, ok: result.architecture !== undefined && !hasErrors(result.diagnostics) };
}

/** Every diagnostic, one line each, in the CLI format of {@link formatDiagnostic}. */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => formatDiagnostic(file, diagnostic));
}

/**
 * A stable identity for an edge, e.g. `gen:candidates->rank:candidates` (React keys, dedupe).
 * Node ids cannot contain `:`, so the key is unambiguous.
 */
export function edgeKey(edge: EdgeSpec): string {
  return `${edge.from[0]}:${edge.from[1]}->${edge.to[0]}:${edge.to[1]}`;
}
