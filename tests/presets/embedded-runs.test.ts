/**
 * Every preset whose models are all the embedded `local/stories260k` runs end to end on a fresh
 * install: through the real engine as `itasca run` opens it (openEngine, a fresh data dir, one
 * llama.cpp thread), with the code sandbox `itasca eval` passes (CodeT executes generated tests),
 * producing an answer with exactly the calls its description promises and per node the calls
 * the cost estimator expects.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateArchitecture } from "../../core/cost/estimate";
import { createSandbox, type Sandbox } from "../../core/eval/sandbox";
import { ModelRegistry } from "../../core/providers/models";
import { openEngine, type OpenedEngine } from "../../core/store/open-engine";
import { expectedCallsOf, loadPresets } from "./presets";

const models = new ModelRegistry();
const embedded = loadPresets(models).filter((p) => p.providers.size > 0 && [...p.providers].every((provider) => provider === "llama-cpp"));

/** A HumanEval-style task for presets that write code (CodeT reads the entry point from its `def`). */
const CODE_QUERY = 'def add(a, b):\n    """Return the sum of a and b."""\n';
const TEXT_QUERY = "Tom has 3 apples and buys 4 more. How many apples does Tom have now?";
const writesCode = (p: (typeof embedded)[number]) => p.architecture.nodes.some((n) => n.type === "select" || n.type === "unit-test-evaluate");

let home: string;
let sandbox: Sandbox;
let opened: OpenedEngine;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "itasca-presets-embedded-"));
  sandbox = createSandbox();
  opened = openEngine({ env: { ITASCA_LLAMA_THREADS: "1" }, models, home, llamaCpp: { threads: 1 }, engine: { sandbox } });
});
afterAll(async () => {
  await Promise.all([opened.close(), sandbox.close()]);
  rmSync(home, { recursive: true, force: true });
});

describe("presets on the embedded model run with no key", () => {
  it("cover the general-purpose presets", () => {
    expect(embedded.map((p) => p.file)).toEqual(
      expect.arrayContaining([
        "archon-general.itasca.json",
        "archon-reasoning.itasca.json",
        "best-of-n-ranker.itasca.json",
        "codet-coding.itasca.json",
        "mixture-of-agents.itasca.json",
        "sample-rank-fuse.itasca.json",
        "self-consistency.itasca.json",
        "self-refine.itasca.json",
        "single-call.itasca.json",
      ]),
    );
  });

  it.each(embedded.map((p) => [p.file, p] as const))(
    "%s answers with the calls its description promises",
    async (_file, preset) => {
      const text = writesCode(preset) ? CODE_QUERY : TEXT_QUERY;
      const result = await opened.engine.start(opened.engine.check(preset.architecture), { text }).result;
      expect(result.status, result.error?.message).toBe("completed");
      expect(result.answer?.text.trim().length).toBeGreaterThan(0);

      const expected = expectedCallsOf(preset.architecture);
      // Every call the architecture makes is in the trace (a cache hit from an earlier preset with the same node included).
      expect(result.trace).toHaveLength(expected);
      expect(result.usage.calls + result.usage.cachedCalls).toBe(expected);
      const estimate = estimateArchitecture(preset.architecture, models.list());
      for (const node of result.nodes) expect(node.calls + node.cachedCalls, `node "${node.id}"`).toBe(estimate.nodes.get(node.id)?.calls);
    },
    120_000,
  );
});
