/**
 * Values derived from the graph: live diagnostics (the file validator, run on the canvas state)
 * and cost estimates. Recomputed only when the nodes, edges or model list change, so selectors
 * that read them return the same objects between renders.
 */
import type { Diagnostic } from "../../core/graph/diagnostics";
import { ARCHITECTURE_VERSION } from "../../core/graph/schema";
import { validateArchitecture } from "../../core/graph/validate";
import type { NodeEstimate } from "../../core/nodes/define";
import { estimateNodes, totalCalls } from "./estimates";
import type { GraphData } from "./types";

export interface Derived {
  /** Every diagnostic, errors first, then in the validator's order. */
  diagnostics: readonly Diagnostic[];
  /** Diagnostics by the node they are about. */
  byNode: ReadonlyMap<string, readonly Diagnostic[]>;
  errorCount: number;
  warningCount: number;
  estimates: ReadonlyMap<string, NodeEstimate>;
  /** Estimated model calls per query, all nodes. */
  totalCalls: number;
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
  return { diagnostics, byNode, errorCount, warningCount: diagnostics.length - errorCount, estimates, totalCalls: totalCalls(estimates) };
}

/** A {@link derive} that returns its previous result while its inputs are the same objects. */
export function createDeriver(): (input: DeriveInput) => Derived {
  let last: { input: DeriveInput; derived: Derived } | undefined;
  return (input) => {
    if (last !== undefined && last.input.nodes === input.nodes && last.input.edges === input.edges && last.input.models === input.models && last.input.name === input.name) {
      return last.derived;
    }
    last = { input, derived: derive(input) };
    return last.derived;
  };
}
