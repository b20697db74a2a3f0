/**
 * State shared by the validation passes: the parsed architecture, the node lookup and the
 * diagnostics collected so far. Each pass reads what earlier ones established.
 */
import { DIAGNOSTIC_SEVERITY, type Diagnostic } from "../graph/diagnostics";
import type { Architecture, EdgeSpec, NodeSpec } from "../graph/schema";
import type { AnyNodeDefinition } from "../nodes/define";

export interface IndexedEdge {
  edge: EdgeSpec;
  /** Position in `architecture.edges`, for paths like `edges[3].to`. */
  index: number;
}

export interface ValidationContext {
  architecture: Architecture;
  /** Every known node type, by type name. */
  definitions: ReadonlyMap<string, AnyNodeDefinition>;
  /** Node by id: the first one in the file when ids repeat (the duplicate is reported). */
  nodes: Map<string, { node: NodeSpec; index: number }>;
  /** Params after parsing with the node's schema (defaults filled), for nodes whose params are valid. */
  params: Map<string, unknown>;
  /** Edges whose two nodes exist: what topology (cycles, reachability) follows. */
  structuralEdges: IndexedEdge[];
  /** Edges whose target node and input port exist: the input counts as connected. */
  connectingEdges: IndexedEdge[];
  /** Edges with both ports found and of the same type: what a run would actually carry. */
  validEdges: IndexedEdge[];
  diagnostics: Diagnostic[];
  knownModels?: (id: string) => boolean;
}

/** Adds a diagnostic with the severity its code always has. */
export function report(context: ValidationContext, diagnostic: Omit<Diagnostic, "severity">): void {
  context.diagnostics.push({ ...diagnostic, severity: DIAGNOSTIC_SEVERITY[diagnostic.code] });
}

/** The definition of a node's type, when the type is known. */
export function definitionOf(context: ValidationContext, node: NodeSpec): AnyNodeDefinition | undefined {
  return context.definitions.get(node.type);
}

/** `"x"` for short values, truncated for long ones: values quoted back in messages. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
