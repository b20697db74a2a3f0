/**
 * Whole-graph checks: the DAG has no cycle, required inputs are connected, each node's own
 * `validate` hook, there is an output node, every node can be reached from an input, and no
 * node repeats another's calls.
 */
import { canonicalJson } from "../graph/canonical-json";
import { findCycle, reachableFrom } from "../graph/topology";
import { isRequiredInput } from "../nodes/define";
import { cycleFinding, examples, producersOf } from "./edge-findings";
import { definitionOf, report, type ValidationContext } from "./validate-context";

/** The node type that publishes the run's query: where reachability starts. */
export const INPUT_NODE_TYPE = "input";
/** The node type whose answer is the run's result. */
export const OUTPUT_NODE_TYPE = "output";

function structuralGraph(context: ValidationContext) {
  return { nodes: context.architecture.nodes, edges: context.structuralEdges.map(({ edge }) => edge) };
}

export function checkCycle(context: ValidationContext): void {
  const cycle = findCycle(structuralGraph(context));
  const [first] = cycle ?? [];
  if (cycle === null || first === undefined) return;
  const last = cycle[cycle.length - 1] ?? first;
  const closing = context.structuralEdges.find(({ edge }) => edge.from[0] === last && edge.to[0] === first);
  const { code, message, hint } = cycleFinding([first, ...cycle.slice(1)]);
  report(context, { code, nodeId: first, ...(closing === undefined ? {} : { path: `edges[${closing.index}]` }), message, hint });
}

/** Input port names of each node that at least one edge reaches. */
function connectedInputs(context: ValidationContext): Map<string, Set<string>> {
  const connected = new Map<string, Set<string>>();
  for (const { edge } of context.connectingEdges) {
    const [nodeId, port] = edge.to;
    const ports = connected.get(nodeId) ?? new Set<string>();
    ports.add(port);
    connected.set(nodeId, ports);
  }
  return connected;
}

export function checkInputs(context: ValidationContext): void {
  const connected = connectedInputs(context);
  context.architecture.nodes.forEach((node, index) => {
    const definition = definitionOf(context, node);
    if (definition === undefined || context.nodes.get(node.id)?.index !== index) return;
    const ports = connected.get(node.id) ?? new Set<string>();
    for (const [port, def] of Object.entries(definition.inputs)) {
      if (!isRequiredInput(def) || ports.has(port)) continue;
      const sources = examples(producersOf(context.definitions, def.type));
      report(context, {
        code: "required-input-unconnected",
        nodeId: node.id,
        path: `nodes[${index}]`,
        message: `node "${node.id}" (${node.type}) has nothing connected to its required input "${port}" (${def.type})`,
        hint: `connect a ${def.type} output${sources} to ${node.id}.${port}`,
      });
    }
    const params = context.params.get(node.id);
    if (definition.validate === undefined || params === undefined) return;
    for (const issue of definition.validate(params, ports)) {
      report(context, {
        code: issue.code,
        nodeId: node.id,
        path: issue.path === undefined ? `nodes[${index}]` : `nodes[${index}].${issue.path}`,
        message: `node "${node.id}" (${node.type}): ${issue.message}`,
        hint: issue.hint,
      });
    }
  });
}

export function checkOutputNode(context: ValidationContext): void {
  if (context.architecture.nodes.some((node) => node.type === OUTPUT_NODE_TYPE)) return;
  report(context, {
    code: "no-output-node",
    path: "nodes",
    message: `the architecture "${context.architecture.name}" has no "${OUTPUT_NODE_TYPE}" node, so a run has no answer`,
    hint: `add an "${OUTPUT_NODE_TYPE}" node and connect a vote's answer, or the candidates of a rank or fuse node, to it`,
  });
}

export function checkReachable(context: ValidationContext): void {
  const inputs = context.architecture.nodes.filter((node) => node.type === INPUT_NODE_TYPE).map((node) => node.id);
  const reached = reachableFrom(structuralGraph(context), inputs);
  context.architecture.nodes.forEach((node, index) => {
    if (reached.has(node.id) || context.nodes.get(node.id)?.index !== index) return;
    report(context, {
      code: "node-unreachable",
      nodeId: node.id,
      path: `nodes[${index}]`,
      message: `node "${node.id}" (${node.type}) cannot be reached from ${inputs.length === 0 ? "an input node (there is none)" : `the input node${inputs.length > 1 ? "s" : ""} ${inputs.map((id) => `"${id}"`).join(", ")}`}, so it never runs`,
      hint: inputs.length === 0 ? `add an "${INPUT_NODE_TYPE}" node and connect its query to the first nodes` : "connect it downstream of the input node, or delete it",
    });
  });
}

/**
 * Two nodes of one type with the same params (defaults applied) and the same inputs make the
 * same calls. The cache key is the call (ARCHITECTURE.md section 4), not the node, so the second
 * one answers from the first one's entries: an "ensemble" of two identical generators is one
 * generator's candidates twice. Only nodes with a model are checked: the others are pure.
 */
export function checkDuplicateCalls(context: ValidationContext): void {
  const inputsOf = new Map<string, string[]>();
  for (const { edge } of context.connectingEdges) {
    const list = inputsOf.get(edge.to[0]) ?? [];
    list.push(`${edge.to[1]}<-${edge.from[0]}.${edge.from[1]}`);
    inputsOf.set(edge.to[0], list);
  }
  const first = new Map<string, string>();
  context.architecture.nodes.forEach((node, index) => {
    const params = context.params.get(node.id);
    if (context.nodes.get(node.id)?.index !== index || typeof params !== "object" || params === null || !("model" in params)) return;
    const signature = `${node.type}|${canonicalJson(params)}|${[...(inputsOf.get(node.id) ?? [])].sort().join(",")}`;
    const earlier = first.get(signature);
    if (earlier === undefined) {
      first.set(signature, node.id);
      return;
    }
    report(context, {
      code: "duplicate-calls",
      nodeId: node.id,
      path: `nodes[${index}].params`,
      message: `node "${node.id}" (${node.type}) has the same params and inputs as node "${earlier}", so its calls are the same calls: they answer from "${earlier}"'s cache entries and repeat its results`,
      hint: `give "${node.id}" a different seed (or another model, temperature or prompt) to draw new samples, or delete it and draw more from "${earlier}" (its samples, or a fuse node's fusers)`,
    });
  });
}
