/**
 * Copy and paste travel as a small `*.itasca.json` document holding the copied nodes and the
 * edges between them, so a selection pasted into another window or another file (or into a
 * text editor, and back) is the same data the file format already defines.
 */
import { migrateArchitecture } from "../../core/graph/migrate";
import { ARCHITECTURE_SCHEMA_URI, ARCHITECTURE_VERSION, ArchitectureSchema, type Architecture, type GraphData } from "../../core/graph/schema";
import { serializeArchitecture } from "../../core/graph/serialize";

/** The `name` of a clipboard document: it is a fragment, not a file anyone saved. */
export const CLIPBOARD_NAME = "itasca-clipboard";

/** The copied nodes and the edges whose two ends were both copied. */
export function copyFragment(graph: GraphData, nodeIds: Iterable<string>): GraphData {
  const ids = new Set(nodeIds);
  return {
    nodes: graph.nodes.filter((node) => ids.has(node.id)),
    edges: graph.edges.filter((edge) => ids.has(edge.from[0]) && ids.has(edge.to[0])),
  };
}

/** The clipboard text of a fragment: an architecture document in the file's stable layout. */
export function fragmentToText(fragment: GraphData): string {
  const document: Architecture = {
    $schema: ARCHITECTURE_SCHEMA_URI,
    version: ARCHITECTURE_VERSION,
    name: CLIPBOARD_NAME,
    nodes: [...fragment.nodes],
    edges: [...fragment.edges],
  };
  return serializeArchitecture(document);
}

export type ParsedFragment = { ok: true; fragment: GraphData } | { ok: false; reason: string };

/**
 * Reads clipboard text: a fragment written by {@link fragmentToText} or a whole architecture
 * file (pasting a file inserts its nodes). Goes through the one migrator, like every load.
 */
export function parseFragment(text: string): ParsedFragment {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the clipboard does not hold Itasca nodes (it is not JSON)" };
  }
  const migrated = migrateArchitecture(raw);
  if (migrated.document === undefined) {
    return { ok: false, reason: `the clipboard does not hold Itasca nodes: ${migrated.diagnostics[0]?.message ?? "unreadable"}` };
  }
  const parsed = ArchitectureSchema.safeParse(migrated.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the clipboard does not hold Itasca nodes: ${issue === undefined ? "invalid" : `${issue.path.join(".")}: ${issue.message}`}` };
  }
  return { ok: true, fragment: { nodes: parsed.data.nodes, edges: parsed.data.edges } };
}
