/** The UI benchmark's generated architecture is what its goals are stated for, and valid. */
import { describe, expect, it } from "vitest";
import { findCycle } from "../../core/graph/topology";
import { validateArchitecture } from "../../core/validation/validate";
import { benchArchitectureText, BENCH_EDGE_COUNT, BENCH_NODE_COUNT, generateBenchArchitecture } from "./ui/generate-architecture";

describe("bench:ui architecture", () => {
  it("has exactly 500 nodes and 700 edges, and validates with no diagnostic", () => {
    const result = validateArchitecture(benchArchitectureText());
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.nodes).toHaveLength(BENCH_NODE_COUNT);
    expect(result.document?.edges).toHaveLength(BENCH_EDGE_COUNT);
    expect([BENCH_NODE_COUNT, BENCH_EDGE_COUNT]).toEqual([500, 700]);
  });

  it("is acyclic, laid out on the snapping grid, and the same on every call", () => {
    const architecture = generateBenchArchitecture();
    expect(findCycle(architecture)).toBeNull();
    expect(new Set(architecture.nodes.map((node) => `${node.position.x},${node.position.y}`)).size).toBe(BENCH_NODE_COUNT);
    expect(architecture.nodes.every((node) => node.position.x % 16 === 0 && node.position.y % 16 === 0)).toBe(true);
    expect(benchArchitectureText()).toBe(benchArchitectureText());
  });
});
