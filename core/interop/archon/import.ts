/**
 * Archon config text to an Itasca architecture, or a rejection with its reason. Pure and
 * synchronous: the designer runs it in the browser, the CLI in Node.
 */
import { ARCHITECTURE_SCHEMA_URI, ARCHITECTURE_VERSION, type Architecture } from "../../graph/schema";
import { buildGraph } from "./build";
import type { ReadContext } from "./component";
import { IMPORTED_DESCRIPTION } from "./defaults";
import { layOut } from "./layout";
import { parseArchonText } from "./parse";
import { ArchonRejection } from "./reject";
import type { ArchonImportOptions, ArchonImportResult, ArchonWarning } from "./types";

/** The architecture name when the config has none: the file's base name, else this. */
const FALLBACK_NAME = "archon-import";

/**
 * Imports an Archon config: `{"name", "layers": [[component, ...], ...]}` (or the older
 * `{"branches", "models"}` layer form) becomes an architecture with explicit typed edges, node
 * ids like `l1-generator-2` and a layered layout. Defects become coded warnings; a config Archon
 * could not load (bad JSON, no layers, a component without a type or model) is rejected with
 * the file, the JSON path and the fix.
 */
export function importArchonConfig(text: string, options: ArchonImportOptions = {}): ArchonImportResult {
  const warnings: ArchonWarning[] = [];
  try {
    const config = parseArchonText(text, warnings);
    const context: ReadContext = { options, warnings, reportedModels: new Set() };
    const graph = buildGraph(config, context);
    const architecture: Architecture = {
      $schema: ARCHITECTURE_SCHEMA_URI,
      version: ARCHITECTURE_VERSION,
      name: config.name ?? nameFromFile(options.file) ?? FALLBACK_NAME,
      description: IMPORTED_DESCRIPTION,
      nodes: layOut(graph),
      edges: graph.edges,
    };
    return { ok: true, architecture, warnings };
  } catch (error) {
    if (!(error instanceof ArchonRejection)) throw error;
    const where = options.file === undefined ? "" : `${options.file}: `;
    return { ok: false, reason: `${where}${error.path}: ${error.message}` };
  }
}

/** `configs/moa.json` -> `moa` (no node:path: this runs in the browser too). */
function nameFromFile(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const base = file.split(/[\\/]/).pop() ?? "";
  const name = base.replace(/\.json$/i, "");
  return name === "" ? undefined : name;
}
