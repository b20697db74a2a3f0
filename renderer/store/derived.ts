/**
 * Values derived from the graph: live diagnostics (the file validator, run on the canvas state)
 * and cost estimates. Recomputed only when the graph's structure (node ids, types and params,
 * edges), the name or the model list change, not when nodes only move, so selectors that read
 * them return the same objects between renders and while a node is dragged.
 */
import { estimateNodes } from "../../core/cost/estimate";
import type { Diagnostic } from "../../core/graph/diagnostics";
import { ARCHITECTURE_VERSION, type NodeSpec, type GraphData } from "../../core/graph/schema";
import type { NodeEstimate } from "../../core/nodes/define";
import { validateArchitecture } from "../../core/validation/validate";

export interface Derived {
  /** Every diagnostic, errors first, then in the validator's order. */
  diagnostics: readonly Diagnostic[];
  /** Diagnostics by the node they are about. */
  byNode: ReadonlyMap<string, readonly Diagnostic[]>;
  errorCount: number;
  warningCount: number;
  estimates: ReadonlyMap<string, NodeEstimate>;
}

export interface DeriveInput extends GraphData {
  /** The document name (the schema needs one). */
  name: string;
  /** Model ids the host's registry knows; null while unknown, so model ids are not checked yet. */
  models: readonly string[] | null;
}

const EMPTY: readonly Diagnostic[] = [];

/** Diagnostics of one node; the same empty array for every clean node. */
export function diagnosticsOf(derived: Derived, nodeId: string): readonly Diagnostic[] {
  return derived.byNode.get(nodeId) ?? EMPTY;
}

/** Computes everything derived; prefer {@link createDeriver}, which caches. */
export function derive(input: DeriveInput): Derived {
  const known = input.models === null ? undefined : new Set(input.models);
  const result = validateArchitecture(
    { version: ARCHITECTURE_VERSION, name: input.name.trim() === "" ? "untitled" : input.name, nodes: input.nodes, edges: input.edges },
    known === undefined ? {} : { knownModels: (id) => known.has(id) },
  );
  const diagnostics = [...result.diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const byNode = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.nodeId === undefined) continue;
    const list = byNode.get(diagnostic.nodeId);
    if (list === undefined) byNode.set(diagnostic.nodeId, [diagnostic]);
    else list.push(diagnostic);
  }
  const estimates = estimateNodes(input);
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  return { diagnostics, byNode, errorCount, warningCount: diagnostics.length - errorCount, estimates };
}

/**
 * Whether two node lists differ at most in positions: the same ids, types and params objects
 * in the same order. Diagnostics and estimates do not depend on positions: the store only holds
 * positions of two numbers (every edit writes `{ x, y }`), so the schema check of a position
 * always passes, and nothing else reads them.
 */
export function sameStructure(a: readonly NodeSpec[], b: readonly NodeSpec[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || x.id !== y.id || x.type !== y.type || x.params !== y.params) return false;
  }
  return true;
}

/**
 * A {@link derive} that returns its previous result while its inputs are the same objects, or
 * differ only in node positions ({@link sameStructure}): dragging a node re-validates nothing.
 */
export function createDeriver(): (input: DeriveInput) => Derived {
  let last: { input: DeriveInput; derived: Derived } | undefined;
  return (input) => {
    if (last !== undefined && last.input.edges === input.edges && last.input.models === input.models && last.input.name === input.name && sameStructure(last.input.nodes, input.nodes)) {
      // Every card asks once per store update: remembering the moved list makes the next asks an identity check.
      last = { input, derived: last.derived };
      return last.derived;
    }
    last = { input, derived: derive(input) };
    return last.derived;
  };
}
