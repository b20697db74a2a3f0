/**
 * `npm run bench:engine`: executor overhead per node on 1,000-node graphs with an instant
 * in-process provider, and fan-out efficiency for 64 samples at concurrency 16 with a 50 ms
 * provider. Prints figures and ratios against the goals; never fails on speed (shared machines
 * are noisy), only on a broken run.
 */
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import type { Architecture } from "../../core/graph/schema";
import { ModelRegistry } from "../../core/providers/models";
import { FakeProvider } from "../helpers/fake-provider";

const OVERHEAD_GOAL_MS = 0.2;
const FANOUT_GOAL = 0.9;

function engineOn(provider: FakeProvider, concurrency: number): Engine {
  const models = new ModelRegistry([{ id: "bench/model", provider: "replay", model: "bench", maxConcurrency: concurrency }]);
  return new Engine({ providers: () => provider, models, cache: new MemoryCallCache(), maxConcurrency: concurrency, partialIntervalMs: 100 });
}

const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, params, position: { x: 0, y: 0 } });
const edge = (from: string, fromPort: string, to: string, toPort: string) => ({ from: [from, fromPort] as [string, string], to: [to, toPort] as [string, string] });

/** input -> generate (4 samples) -> a chain of 997 vote nodes -> output: scheduling alone. */
function voteChain(): Architecture {
  const nodes = [node("input", "input"), node("gen", "generate", { model: "bench/model", samples: 4 })];
  const edges = [edge("input", "query", "gen", "query")];
  let previous = "gen";
  for (let i = 0; i < 997; i++) {
    const id = `vote-${i}`;
    nodes.push(node(id, "vote"));
    edges.push(edge(previous, "candidates", id, "candidates"));
    previous = id;
  }
  nodes.push(node("output", "output"));
  edges.push(edge(previous, "answer", "output", "answer"));
  return { version: 1, name: "bench-vote-chain", nodes, edges };
}

/** input -> 998 independent generate nodes (one call each) -> output: the full call path. */
function callFanOut(): Architecture {
  const nodes = [node("input", "input")];
  const edges = [];
  for (let i = 0; i < 998; i++) {
    nodes.push(node(`gen-${i}`, "generate", { model: "bench/model", seed: i }));
    edges.push(edge("input", "query", `gen-${i}`, "query"), edge(`gen-${i}`, "candidates", "output", "candidates"));
  }
  nodes.push(node("output", "output"));
  return { version: 1, name: "bench-call-fan-out", nodes, edges };
}

async function timeRun(engine: Engine, architecture: Architecture, query: string): Promise<number> {
  const began = performance.now();
  const result = await engine.start(engine.check(architecture), { text: query }).result;
  const ms = performance.now() - began;
  if (result.status !== "completed") throw new Error(`bench run ${architecture.name} ended ${result.status}: ${result.error?.message}`);
  return ms;
}

async function overheadPerNode(name: string, architecture: Architecture): Promise<void> {
  const engine = engineOn(new FakeProvider({ reply: () => "42" }), 16);
  await timeRun(engine, architecture, "warm-up"); // JIT and module warm-up
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(await timeRun(engine, architecture, `query ${i}`));
  const best = Math.min(...runs);
  const perNode = best / architecture.nodes.length;
  console.log(`executor overhead, ${name} (${architecture.nodes.length} nodes): ${perNode.toFixed(4)} ms/node (best of 5: ${best.toFixed(1)} ms)  goal < ${OVERHEAD_GOAL_MS} ms  ratio ${(OVERHEAD_GOAL_MS / perNode).toFixed(2)}x of goal`);
}

async function fanOutEfficiency(): Promise<void> {
  const samples = 64;
  const concurrency = 16;
  const latencyMs = 50;
  const architecture: Architecture = {
    version: 1,
    name: "bench-fan-out",
    nodes: [node("input", "input"), node("gen", "generate", { model: "bench/model", samples }), node("output", "output")],
    edges: [edge("input", "query", "gen", "query"), edge("gen", "candidates", "output", "candidates")],
  };
  const provider = new FakeProvider({ latencyMs });
  const engine = engineOn(provider, concurrency);
  const efficiencies: number[] = [];
  for (let i = 0; i < 3; i++) {
    const actual = await timeRun(engine, architecture, `fan-out ${i}`);
    const ideal = Math.ceil(samples / concurrency) * latencyMs;
    efficiencies.push(ideal / actual);
  }
  const best = Math.max(...efficiencies);
  console.log(`fan-out efficiency, ${samples} samples at concurrency ${concurrency}, ${latencyMs} ms provider: ${best.toFixed(3)} (ideal ${Math.ceil(samples / concurrency) * latencyMs} ms; runs ${efficiencies.map((e) => e.toFixed(3)).join(", ")})  goal >= ${FANOUT_GOAL}  max in flight ${provider.maxInFlight}`);
}

console.log("Itasca engine benchmark");
await overheadPerNode("vote chain, scheduling only", voteChain());
await overheadPerNode("fan-out, one provider call per node", callFanOut());
await fanOutEfficiency();
