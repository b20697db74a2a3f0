/**
 * Whether an architecture is a chain of Archon layers over one candidate stream, and if so which
 * nodes form each layer: input -> generators -> [critic | ranker | fusers | verifier |
 * unit-test evaluator]* -> output, with at most one unit-test generator feeding the evaluators.
 */
import type { Architecture, NodeSpec } from "../../graph/schema";

/** Node types an Archon component can express, and whether it reads candidates. */
const LAYER_TYPES: Readonly<Record<string, { readsCandidates: boolean; solo: boolean }>> = {
  generate: { readsCandidates: false, solo: false },
  fuse: { readsCandidates: true, solo: false },
  critique: { readsCandidates: true, solo: true },
  rank: { readsCandidates: true, solo: true },
  verify: { readsCandidates: true, solo: true },
  "unit-test-evaluate": { readsCandidates: true, solo: true },
};

export interface Chain {
  /** Layers in order, each its nodes in component order; the unit-test generator, if any, is the first. */
  layers: NodeSpec[][];
}

/** A reason the DAG is not expressible, naming the node. */
export class NotExpressible extends Error {
  constructor(
    readonly nodeId: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "NotExpressible";
  }
}

export function archonChain(architecture: Architecture): Chain {
  const byId = new Map(architecture.nodes.map((n) => [n.id, n]));
  const sources = (id: string, port: string): string[] => architecture.edges.filter((e) => e.to[0] === id && e.to[1] === port).map((e) => e.from[0]);
  const inputs = architecture.nodes.filter((n) => n.type === "input");
  const outputs = architecture.nodes.filter((n) => n.type === "output");
  if (inputs.length !== 1) throw new NotExpressible(inputs[1]?.id, `Archon passes one query to every layer, but the architecture has ${inputs.length} input nodes`);
  if (outputs.length !== 1) throw new NotExpressible(outputs[1]?.id, `Archon returns one answer, but the architecture has ${outputs.length} output nodes`);
  const input = inputs[0]!;
  const output = outputs[0]!;
  checkNodeTypes(architecture.nodes);
  const answer = sources(output.id, "answer");
  if (answer.length > 0) throw new NotExpressible(answer[0], `node "${answer[0]}" hands the output an answer; Archon's last layer hands on candidates`);
  for (const node of architecture.nodes) {
    if (node.type === "input" || node.type === "output") continue;
    const query = sources(node.id, "query");
    if (query.some((from) => from !== input.id)) throw new NotExpressible(node.id, `node "${node.id}" reads its query from "${query.find((f) => f !== input.id) ?? ""}"; Archon hands every component the user's query`);
  }

  const layers: NodeSpec[][] = [];
  const placed = new Set<string>();
  let current = sources(output.id, "candidates");
  if (current.length === 0) throw new NotExpressible(output.id, `the output node has no candidates input; connect the last layer to it`);
  let consumers: string[] = [output.id];
  for (;;) {
    const layer = current.map((id) => byId.get(id)!);
    for (const node of layer) {
      if (placed.has(node.id)) throw new NotExpressible(node.id, `node "${node.id}" appears in two layers; Archon's layers run once each, in order`);
      if (LAYER_TYPES[node.type] === undefined) throw new NotExpressible(node.id, `node "${node.id}" (${node.type}) has no Archon component`);
      placed.add(node.id);
      checkFanOut(architecture, node, consumers);
    }
    const solo = layer.find((n) => LAYER_TYPES[n.type]!.solo);
    if (solo !== undefined && layer.length > 1) throw new NotExpressible(solo.id, `node "${solo.id}" (${solo.type}) shares its layer with ${layer.filter((n) => n !== solo).map((n) => `"${n.id}"`).join(", ")}; Archon runs a ${solo.type} only alone in its layer`);
    layers.unshift(layer);
    const readers = layer.filter((n) => LAYER_TYPES[n.type]!.readsCandidates);
    if (readers.length === 0) break;
    const previous = sources(readers[0]!.id, "candidates");
    for (const reader of readers.slice(1)) {
      const other = sources(reader.id, "candidates");
      if (!sameSet(other, previous)) throw new NotExpressible(reader.id, `node "${reader.id}" reads different candidates from "${readers[0]!.id}" in the same layer; every component of an Archon layer reads the whole previous layer`);
    }
    if (previous.length === 0) throw new NotExpressible(readers[0]!.id, `node "${readers[0]!.id}" has no candidates input`);
    consumers = readers.map((n) => n.id);
    current = previous;
  }

  const testers = architecture.nodes.filter((n) => n.type === "unit-test-generate");
  if (testers.length > 1) throw new NotExpressible(testers[1]!.id, `node "${testers[1]!.id}" is a second unit-test generator; Archon carries one set of unit tests`);
  const tester = testers[0];
  for (const node of architecture.nodes) {
    if (node.type !== "unit-test-evaluate") continue;
    const tests = sources(node.id, "tests");
    if (tester === undefined || tests.length !== 1 || tests[0] !== tester.id) throw new NotExpressible(node.id, `node "${node.id}" must read its tests from the one unit-test generator`);
  }
  if (tester !== undefined) {
    const used = architecture.edges.some((e) => e.from[0] === tester.id);
    if (!used) throw new NotExpressible(tester.id, `node "${tester.id}" generates tests nothing evaluates`);
    placed.add(tester.id);
    // In Archon a unit-test generator's layer hands on no candidates, so it must run first.
    layers.unshift([tester]);
  }
  const stray = architecture.nodes.find((n) => n.type !== "input" && n.type !== "output" && !placed.has(n.id));
  if (stray !== undefined) throw new NotExpressible(stray.id, `node "${stray.id}" (${stray.type}) is not on the chain of layers to the output (a branch that does not reconverge); Archon layers form one chain`);
  return { layers };
}

function checkNodeTypes(nodes: readonly NodeSpec[]): void {
  for (const node of nodes) {
    if (node.type === "vote" || node.type === "select") throw new NotExpressible(node.id, `node "${node.id}" (${node.type}) has no Archon component (Archon has no ${node.type === "vote" ? "majority vote" : "CodeT selection"})`);
    if (node.type === "verify" && node.params["mode"] === "program") throw new NotExpressible(node.id, `node "${node.id}" is a program check (verify mode "program"); Archon's verifier is an LLM judge only`);
    if (node.type === "unit-test-evaluate" && node.params["mode"] === "execute") throw new NotExpressible(node.id, `node "${node.id}" executes tests in the sandbox (mode "execute"); Archon's unit_test_evaluator is an LLM judge only`);
    const known = node.type === "input" || node.type === "output" || node.type === "unit-test-generate" || LAYER_TYPES[node.type] !== undefined;
    if (!known) throw new NotExpressible(node.id, `node "${node.id}" (${node.type}) has no Archon component`);
  }
}

/** A layer node's candidates must go to exactly the next layer's readers (or the output). */
function checkFanOut(architecture: Architecture, node: NodeSpec, consumers: readonly string[]): void {
  const targets = architecture.edges.filter((e) => e.from[0] === node.id && e.from[1] === "candidates").map((e) => e.to[0]);
  if (!sameSet(targets, consumers)) {
    throw new NotExpressible(node.id, `node "${node.id}" sends its candidates to ${targets.map((t) => `"${t}"`).join(", ")} but the next Archon layer is ${consumers.map((t) => `"${t}"`).join(", ")}; in Archon a layer's candidates go to the whole next layer and nowhere else`);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x)) && a.length === sa.size && b.length === sb.size;
}
