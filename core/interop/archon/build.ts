/**
 * Archon's layers to a typed DAG. Archon runs its layers over one hidden state (candidates,
 * critiques, unit tests); here each piece of that state is a set of output ports, and every
 * component gets explicit edges from the ports its Archon counterpart would read.
 */
import { canonicalJson } from "../../graph/canonical-json";
import type { EdgeSpec, NodeSpec, PortRef } from "../../graph/schema";
import { readComponent, type ComponentSpec, type ReadContext } from "./component";
import { DUPLICATE_SEED_STEP } from "./defaults";
import { isComponentType, SOLO_TYPES, type ComponentType } from "./keys";
import type { ParsedComponent, ParsedConfig } from "./parse";
import { ArchonRejection } from "./reject";

export const INPUT_ID = "input";
export const OUTPUT_ID = "output";

/** A node and the layout cell it goes in. */
export interface PlacedNode {
  node: Omit<NodeSpec, "position">;
  /** 0 for the input, k for the k-th layer that made nodes, last for the output. */
  column: number;
  row: number;
}

export interface BuiltGraph {
  nodes: PlacedNode[];
  edges: EdgeSpec[];
  columns: number;
}

/** Where the critiques in Archon's state came from, and whether a fusion has since replaced the candidates they describe. */
interface CritiqueState {
  path: string;
  nodeId: string;
  /** The fusion layer the critiques crossed, once they have. */
  crossedAt?: string;
  reported: boolean;
}

interface State {
  candidates: PortRef[];
  tests?: PortRef;
  critiques?: CritiqueState;
  /** A critic whose critiques no ranker or fuser has read yet (the paper's ordering rule). */
  pendingCritic?: { path: string; nodeId: string };
}

const QUERY: PortRef = [INPUT_ID, "query"];

/** The canvas slug of a component type: `unit_test_generator` is `unit-test-generator`. */
function slug(type: string): string {
  return type.replace(/_/g, "-");
}

export function buildGraph(config: ParsedConfig, context: ReadContext): BuiltGraph {
  const nodes: PlacedNode[] = [{ node: { id: INPUT_ID, type: "input", params: {} }, column: 0, row: 0 }];
  const edges: EdgeSpec[] = [];
  const state: State = { candidates: [] };
  const { warnings } = context;
  let column = 0;

  for (const layer of config.layers) {
    if (layer.components.length === 0) {
      warnings.push({ code: "other", path: layer.path, message: "an empty layer passes no candidates on in Archon (everything before it is lost); skipped" });
      continue;
    }
    const solo = layer.components.find((c) => isComponentType(c.type) && SOLO_TYPES.has(c.type));
    if (solo !== undefined && layer.components.length > 1) {
      throw new ArchonRejection(layer.path, `a ${solo.type} shares its layer with ${layer.components.length - 1} other component(s); Archon runs a ${solo.type} only alone in its layer, so move it to a layer of its own`);
    }
    const stage = column + 1;
    const ids = nodeIds(layer.components, stage);
    const before = state.candidates;
    const produced: PortRef[] = [];
    const created: { spec: ComponentSpec; id: string; path: string }[] = [];
    // Same type and params in one layer means the same inputs too, so the same calls.
    const firstOfKind = new Map<string, { path: string; repeats: number }>();
    let row = 0;

    for (const [index, component] of layer.components.entries()) {
      const id = ids[index]!;
      if (!isComponentType(component.type)) {
        const custom = config.custom ? ` (the config sets "custom": it is a user-registered component, whose Python code Itasca cannot run)` : "";
        warnings.push({ code: "unknown-component", path: `${component.path}.type`, message: `component type "${component.type}" is not one of Archon's${custom}; left out, candidates pass through, rebuild it from Itasca nodes` });
        continue;
      }
      const typed = component as ParsedComponent & { type: ComponentType };
      const spec = readComponent(typed, id, context);
      distinguishRepeat(spec, id, component.path, firstOfKind, context);
      const inputs = connect(typed, spec, id, before, state, context);
      if (inputs === undefined) continue;
      nodes.push({ node: { id, type: spec.nodeType, params: spec.params }, column: stage, row: row++ });
      // Source and target ports share their names: query, candidates, tests.
      edges.push(...inputs.map((from) => edgeTo(from, id, from[1])));
      created.push({ spec, id, path: component.path });
      if (spec.type === "unit_test_generator") state.tests = [id, "tests"];
      else produced.push([id, "candidates"]);
    }
    if (created.length === 0) continue;
    column = stage;
    updateState(state, created, produced, layer.path, context);
  }

  if (state.pendingCritic !== undefined) criticUnused(state.pendingCritic, context);
  if (state.candidates.length === 0) throw new ArchonRejection("layers", "no layer produces candidates, so the architecture has no answer; add a generator layer");
  const outputColumn = column + 1;
  nodes.push({ node: { id: OUTPUT_ID, type: "output", params: {} }, column: outputColumn, row: 0 });
  edges.push(...state.candidates.map((from) => edgeTo(from, OUTPUT_ID, "candidates")));
  return { nodes, edges, columns: outputColumn + 1 };
}

/** `l2-critic`, or `l1-generator-1`, `l1-generator-2` when a layer holds several of a type. */
function nodeIds(components: readonly ParsedComponent[], stage: number): string[] {
  const totals = new Map<string, number>();
  for (const c of components) totals.set(c.type, (totals.get(c.type) ?? 0) + 1);
  const seen = new Map<string, number>();
  return components.map((c) => {
    const n = (seen.get(c.type) ?? 0) + 1;
    seen.set(c.type, n);
    const base = `l${stage}-${slug(c.type).replace(/[^A-Za-z0-9_.-]/g, "-")}`;
    return (totals.get(c.type) ?? 0) > 1 ? `${base}-${n}` : base;
  });
}

function edgeTo(from: PortRef, node: string, port: string): EdgeSpec {
  return { from: [from[0], from[1]], to: [node, port] };
}

/**
 * The ports a component reads, or undefined (with a warning) when it has nothing to consume.
 * Also checks the ordering rules that concern this component alone.
 */
function connect(component: ParsedComponent & { type: ComponentType }, spec: ComponentSpec, id: string, before: PortRef[], state: State, context: ReadContext): PortRef[] | undefined {
  const { warnings } = context;
  const { type, path } = component;
  if (type === "generator") {
    if (before.length > 0) warnings.push({ code: "ordering-rule", path, nodeId: id, message: `a generator after candidates exist (Archon asserts generators are only in the first layer); imported as adding new candidates to this layer's output, move it to the first layer` });
    return [QUERY];
  }
  if (type === "unit_test_generator") {
    if (before.length > 0) warnings.push({ code: "ordering-rule", path, nodeId: id, message: `a unit_test_generator after candidates exist: in Archon its layer passes no candidates on, so the ones before it are lost; imported with the candidates carried past it, move it to the first layer` });
    return [QUERY];
  }
  if (before.length === 0) {
    warnings.push({ code: "nothing-to-consume", path, nodeId: id, message: `a ${type} with no candidates before it (no earlier layer generates any); left out, put a generator layer before it` });
    return undefined;
  }
  if (type === "unit_test_evaluator") {
    if (state.tests === undefined) {
      warnings.push({ code: "nothing-to-consume", path, nodeId: id, message: `a unit_test_evaluator with no unit tests to evaluate (no unit_test_generator before it); left out, add a unit_test_generator layer before it` });
      return undefined;
    }
    return [QUERY, ...before, state.tests];
  }
  if (spec.consumesCritiques && state.critiques?.crossedAt !== undefined && !state.critiques.reported) {
    state.critiques.reported = true;
    warnings.push({
      code: "critiques-cross-fusion",
      path,
      nodeId: id,
      message: `Archon would hand this ${type} the critiques from ${state.critiques.path} (${state.critiques.nodeId}), which describe the candidates the fusion at ${state.critiques.crossedAt} replaced; dropped here (fused candidates carry no critiques), add a critic right before this ${type} to critique the fused candidates`,
    });
  }
  return [QUERY, ...before];
}

/** The state after a layer: its candidates, and where the critiques in Archon's state now stand. */
function updateState(state: State, created: { spec: ComponentSpec; id: string; path: string }[], produced: PortRef[], layerPath: string, context: ReadContext): void {
  const types = new Set(created.map((c) => c.spec.type));
  if (state.pendingCritic !== undefined) {
    if (types.has("ranker") || types.has("fuser")) state.pendingCritic = undefined;
    else if (!types.has("unit_test_generator")) {
      criticUnused(state.pendingCritic, context);
      state.pendingCritic = undefined;
    }
  }
  // A unit-test generator layer leaves the candidates as they were (the intended semantics).
  if (produced.length > 0) state.candidates = produced;
  const first = created[0]!;
  if (types.has("critic") || types.has("verifier")) {
    // A critic's critiques, or a verifier's reasons, now describe the current candidates.
    state.critiques = { path: first.path, nodeId: first.id, reported: false };
    if (types.has("critic")) state.pendingCritic = { path: first.path, nodeId: first.id };
  } else if (types.has("unit_test_evaluator")) {
    state.critiques = undefined;
  } else if (types.has("fuser") && state.critiques !== undefined && state.critiques.crossedAt === undefined) {
    // Archon keeps the critiques in its state across the fusion: the defect this import reports.
    state.critiques.crossedAt = layerPath;
  }
}

function criticUnused(critic: { path: string; nodeId: string }, context: ReadContext): void {
  context.warnings.push({ code: "ordering-rule", path: critic.path, nodeId: critic.nodeId, message: "a critic not followed by a ranker or fuser: nothing reads its critiques (the paper puts a critic right before a ranker or fuser); move it before one" });
}

/**
 * Gives a repeated component of a layer its own seed. Archon calls each component separately,
 * so two identical generators give two sets of samples; the call cache here is keyed by the
 * call, so without a seed the repeat would return the first one's candidates again.
 */
function distinguishRepeat(spec: ComponentSpec, id: string, path: string, firstOfKind: Map<string, { path: string; repeats: number }>, context: ReadContext): void {
  const kind = `${spec.nodeType}|${canonicalJson(spec.params)}`;
  const first = firstOfKind.get(kind);
  if (first === undefined) {
    firstOfKind.set(kind, { path, repeats: 0 });
    return;
  }
  first.repeats += 1;
  const seed = DUPLICATE_SEED_STEP * first.repeats;
  spec.params["seed"] = seed;
  context.warnings.push({
    code: "duplicate-component",
    path,
    nodeId: id,
    message: `this ${spec.type} repeats ${first.path} (same model and params); Archon samples each separately, so it gets seed ${seed} here to draw its own samples instead of repeating the first one's calls from the cache`,
  });
}
