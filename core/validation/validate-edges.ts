/**
 * Edges: each end must name an existing node and one of its ports (an output at the start, an
 * input at the end), the two port types must match, and a single-valued input takes one edge.
 * The findings are worded in edge-findings.ts, shared with the canvas's connection check.
 */
import type { EdgeSpec } from "../graph/schema";
import type { AnyNodeDefinition } from "../nodes/define";
import { edgeCountFinding, missingNodeFinding, ownEntry, portFinding, typeFinding, type EdgeFinding } from "./edge-findings";
import { report, type IndexedEdge, type ValidationContext } from "./validate-context";

function reportAt(context: ValidationContext, finding: EdgeFinding, path: string): void {
  const { code, nodeId, message, hint } = finding;
  report(context, { code, ...(nodeId === undefined ? {} : { nodeId }), path, message, hint });
}

function checkEnd(context: ValidationContext, edge: EdgeSpec, index: number, end: "from" | "to"): AnyNodeDefinition | null | undefined {
  const entry = context.nodes.get(edge[end][0]);
  if (entry === undefined) {
    reportAt(context, missingNodeFinding(edge, end, context.nodes.keys()), `edges[${index}].${end}`);
    return null;
  }
  const definition = context.definitions.get(entry.node.type);
  if (definition === undefined) return undefined; // the unknown type is reported once, on the node
  const finding = portFinding(edge, end, definition);
  if (finding === undefined) return definition;
  reportAt(context, finding, `edges[${index}].${end}`);
  return undefined;
}

/** Reports ports and types of every edge; fills `structuralEdges`, `connectingEdges` and `validEdges`. */
export function checkEdges(context: ValidationContext): void {
  context.architecture.edges.forEach((edge, index) => {
    const from = checkEnd(context, edge, index, "from");
    const to = checkEnd(context, edge, index, "to");
    if (from === null || to === null) return;
    context.structuralEdges.push({ edge, index });
    // An input with a mistyped edge still counts as connected: the mismatch is the one error to fix.
    if (to !== undefined) context.connectingEdges.push({ edge, index });
    if (from === undefined || to === undefined) return;
    const mismatch = typeFinding(edge, from, to, context.definitions);
    if (mismatch === undefined) context.validEdges.push({ edge, index });
    else reportAt(context, mismatch, `edges[${index}]`);
  });
}

/**
 * A `query` or `answer` input is one value, so a second edge into it is ambiguous. Only valid
 * edges count: a broken extra edge is already reported as broken.
 */
export function checkEdgeCounts(context: ValidationContext): void {
  const byInput = new Map<string, IndexedEdge[]>();
  for (const connecting of context.validEdges) {
    const key = JSON.stringify(connecting.edge.to);
    const list = byInput.get(key);
    if (list) list.push(connecting);
    else byInput.set(key, [connecting]);
  }
  for (const edges of byInput.values()) {
    const [first, second] = edges;
    if (first === undefined || second === undefined) continue;
    const [nodeId, port] = first.edge.to;
    const node = context.nodes.get(nodeId)?.node;
    const type = node === undefined ? undefined : ownEntry(context.definitions.get(node.type)?.inputs ?? {}, port)?.type;
    const finding = type === undefined ? undefined : edgeCountFinding(first.edge.to, type, edges.map((e) => e.edge));
    if (finding !== undefined) reportAt(context, finding, `edges[${second.index}].to`);
  }
}
