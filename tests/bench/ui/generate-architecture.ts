/**
 * A large, valid architecture for the UI benchmark: 500 nodes and 700 edges, the same bytes on
 * every call. One input feeds 83 lanes of six real technique nodes each (mixture-of-agents,
 * vote ladders, unit-test pipelines), every lane ends in the one output node, and ensemble
 * edges join neighbouring lanes until the edge count is exact (one edge, with these lanes).
 *
 * Acyclic by construction: inside a lane, edges only run to a later column, and ensemble
 * edges run from a lane's first column to a later column of the next lane.
 */
import { portTypeAcceptsMany, type PortType } from "../../../core/graph/ports";
import { ARCHITECTURE_VERSION, type Architecture, type EdgeSpec, type NodeSpec } from "../../../core/graph/schema";
import { serializeArchitecture } from "../../../core/graph/serialize";
import type { AnyNodeDefinition } from "../../../core/nodes/define";
import { DEFAULT_MODEL } from "../../../core/nodes/llm-params";
import { nodeRegistry } from "../../../core/nodes/registry";

/** The node count the benchmark's goals are stated for. */
export const BENCH_NODE_COUNT = 500;
/** The edge count the benchmark's goals are stated for. */
export const BENCH_EDGE_COUNT = 700;

/** One node of a lane: its type and, by column in the same lane, where its inputs come from. */
interface Step {
  type: string;
  /** Columns whose `candidates` output feeds this node's `candidates` input. */
  candidates?: readonly number[];
  /** The column whose `tests` output feeds this node's `tests` input. */
  tests?: number;
}

/** Six nodes each; every `query` input is fed by the input node. */
const LANES = {
  /** Mixture-of-agents: 10 edges inside the lane. */
  moa: [{ type: "generate" }, { type: "critique", candidates: [0] }, { type: "rank", candidates: [1] }, { type: "fuse", candidates: [2] }, { type: "verify", candidates: [3] }, { type: "vote", candidates: [4] }],
  /** Two samplers voted on in a ladder: 7 edges. */
  voteLadder: [{ type: "generate" }, { type: "generate" }, { type: "vote", candidates: [0] }, { type: "vote", candidates: [1] }, { type: "vote", candidates: [2, 3] }, { type: "vote", candidates: [4] }],
  /** Generated unit tests judge the samples: 9 edges. */
  unitTests: [{ type: "generate" }, { type: "unit-test-generate" }, { type: "unit-test-evaluate", candidates: [0], tests: 1 }, { type: "vote", candidates: [2] }, { type: "rank", candidates: [3] }, { type: "vote", candidates: [4] }],
} as const satisfies Record<string, readonly Step[]>;

const LANE_LENGTH = 6;
const LANE_COUNT = (BENCH_NODE_COUNT - 2) / LANE_LENGTH;
/** Lanes stacked per block; blocks sit side by side so the whole graph is roughly as wide as tall. */
const LANES_PER_BLOCK = 21;
/** Grid pitch in flow units, multiples of the canvas's 16-unit snapping grid. */
const COLUMN_PITCH = 256;
const ROW_PITCH = 192;
const BLOCK_GAP = 128;

/** One lane in twelve is a mixture-of-agents, one a unit-test pipeline, the rest vote ladders. */
function laneKind(lane: number): keyof typeof LANES {
  if (lane % 12 === 0) return "moa";
  if (lane % 12 === 6) return "unitTests";
  return "voteLadder";
}

function definitionOf(type: string): AnyNodeDefinition {
  const definition = nodeRegistry.get(type);
  if (definition === undefined) throw new Error(`bench architecture: node type "${type}" is not registered`);
  return definition;
}

/** The one output port of `type` a node offers; the lanes only use nodes with at most one per type. */
function outputOf(type: string, portType: PortType): string {
  const port = Object.entries(definitionOf(type).outputs).find(([, def]) => def.type === portType)?.[0];
  if (port === undefined) throw new Error(`bench architecture: node type "${type}" has no ${portType} output`);
  return port;
}

const laneNodeId = (lane: number, column: number, type: string) => `l${lane}-c${column}-${type}`;

function position(lane: number, column: number): { x: number; y: number } {
  const block = Math.floor(lane / LANES_PER_BLOCK);
  return { x: COLUMN_PITCH + block * (LANE_LENGTH * COLUMN_PITCH + BLOCK_GAP) + column * COLUMN_PITCH, y: (lane % LANES_PER_BLOCK) * ROW_PITCH };
}

/** Whether the node type has a `model` param (its defaults fill one in). */
function isModelNode(type: string): boolean {
  const defaults: unknown = definitionOf(type).params.parse({});
  return typeof defaults === "object" && defaults !== null && "model" in defaults;
}

function laneParams(type: string, lane: number, column: number): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  // Model nodes name the embedded model, as a fresh design does; the studio's registry knows it.
  if (isModelNode(type)) {
    params["model"] = DEFAULT_MODEL;
    // A seed per lane: lanes of equal params would otherwise make the same calls (duplicate-calls).
    params["seed"] = lane;
  }
  // Varied params, so node cards differ the way they do in a real design.
  if (type === "generate") params["samples"] = 1 + ((lane + column) % 4);
  if (type === "rank") params["top_k"] = 2;
  return params;
}

/** Wires one lane: its nodes, the edges into them, and its last node's candidates into the output. */
function addLane(lane: number, nodes: NodeSpec[], edges: EdgeSpec[]): void {
  const steps: readonly Step[] = LANES[laneKind(lane)];
  const ids = steps.map((step, column) => laneNodeId(lane, column, step.type));
  steps.forEach((step, column) => {
    const id = ids[column] ?? "";
    nodes.push({ id, type: step.type, params: laneParams(step.type, lane, column), position: position(lane, column) });
    for (const [port, def] of Object.entries(definitionOf(step.type).inputs)) {
      const sources = def.type === "query" ? [-1] : def.type === "candidates" ? (step.candidates ?? []) : def.type === "tests" && step.tests !== undefined ? [step.tests] : [];
      if (sources.length > 1 && !portTypeAcceptsMany(def.type)) throw new Error(`bench architecture: ${id}.${port} takes one ${def.type}`);
      for (const source of sources) {
        if (source === -1) edges.push({ from: ["input", "query"], to: [id, port] });
        else {
          const sourceStep = steps[source];
          if (sourceStep === undefined || source >= column) throw new Error(`bench architecture: ${id} reads column ${source}, which is not before it`);
          edges.push({ from: [ids[source] ?? "", outputOf(sourceStep.type, def.type)], to: [id, port] });
        }
      }
    }
  });
  const last = steps.length - 1;
  edges.push({ from: [ids[last] ?? "", outputOf(steps[last]?.type ?? "", "candidates")], to: ["output", "candidates"] });
}

/**
 * Ensemble edges: lane i's first generator also feeds the first later `candidates` input of
 * lane i + 1, as many as it takes to reach {@link BENCH_EDGE_COUNT}.
 */
function addEnsembleEdges(edges: EdgeSpec[]): void {
  for (let lane = 0; lane + 1 < LANE_COUNT && edges.length < BENCH_EDGE_COUNT; lane++) {
    const next: readonly Step[] = LANES[laneKind(lane + 1)];
    const column = next.findIndex((step, index) => index > 0 && step.candidates !== undefined);
    const target = next[column];
    if (target === undefined) continue;
    edges.push({ from: [laneNodeId(lane, 0, "generate"), "candidates"], to: [laneNodeId(lane + 1, column, target.type), "candidates"] });
  }
}

/**
 * The benchmark's architecture: exactly {@link BENCH_NODE_COUNT} nodes and
 * {@link BENCH_EDGE_COUNT} edges, valid, acyclic, laid out on a grid.
 * @throws Error when the construction does not reach the counts (a broken edit of the lanes).
 */
export function generateBenchArchitecture(): Architecture {
  const nodes: NodeSpec[] = [];
  const edges: EdgeSpec[] = [];
  const middle = Math.floor(LANES_PER_BLOCK / 2) * ROW_PITCH;
  nodes.push({ id: "input", type: "input", params: {}, position: { x: 0, y: middle } });
  for (let lane = 0; lane < LANE_COUNT; lane++) addLane(lane, nodes, edges);
  addEnsembleEdges(edges);
  const right = position(LANE_COUNT - 1, LANE_LENGTH - 1).x + COLUMN_PITCH;
  nodes.push({ id: "output", type: "output", params: {}, position: { x: right, y: middle } });
  if (nodes.length !== BENCH_NODE_COUNT || edges.length !== BENCH_EDGE_COUNT) {
    throw new Error(`bench architecture has ${nodes.length} nodes and ${edges.length} edges; expected ${BENCH_NODE_COUNT} and ${BENCH_EDGE_COUNT}`);
  }
  return {
    version: ARCHITECTURE_VERSION,
    name: "bench-500-nodes",
    description: `${BENCH_NODE_COUNT} nodes and ${BENCH_EDGE_COUNT} edges, generated for npm run bench:ui.`,
    nodes,
    edges,
  };
}

/** {@link generateBenchArchitecture} as file text, the way the designer saves it. */
export function benchArchitectureText(): string {
  return serializeArchitecture(generateBenchArchitecture());
}
