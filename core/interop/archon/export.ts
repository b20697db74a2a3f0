/**
 * An Itasca architecture to an Archon config, when its DAG is a chain of layers (see
 * export-chain.ts); otherwise a reason naming the node that prevents it. Params Archon has no key
 * for are left out with a `param-dropped` warning, never silently.
 */
import { canonicalJson } from "../../graph/canonical-json";
import { hasErrors } from "../../graph/diagnostics";
import type { Architecture, NodeSpec } from "../../graph/schema";
import { getNodeDefinition } from "../../nodes/registry";
import { validateArchitecture } from "../../validation/validate";
import { DUPLICATE_SEED_STEP } from "./defaults";
import { archonChain, NotExpressible } from "./export-chain";
import { archonModel, FALLBACK_MODEL_TYPE } from "./models";
import type { ArchonComponent, ArchonConfig, ArchonExportResult, ArchonWarning } from "./types";

const COMPONENT_TYPE: Readonly<Record<string, string>> = {
  generate: "generator",
  fuse: "fuser",
  critique: "critic",
  rank: "ranker",
  verify: "verifier",
  "unit-test-generate": "unit_test_generator",
  "unit-test-evaluate": "unit_test_evaluator",
};

/**
 * Exports an architecture as an Archon config. Expressible: one input, one output reading
 * candidates, and between them a chain of layers over one candidate stream (generators, then
 * critics, rankers, fusers, LLM verifiers and LLM unit-test evaluators, at most one unit-test
 * generator). Anything else (vote, select, program checks, branches that do not reconverge)
 * gives `ok: false` with the node id.
 */
export function exportArchonConfig(architecture: Architecture): ArchonExportResult {
  const validated = validateArchitecture(architecture);
  if (validated.architecture === undefined || hasErrors(validated.diagnostics)) {
    const first = validated.diagnostics.find((d) => d.severity === "error");
    return { ok: false, reason: `the architecture is not valid: ${first?.message ?? "schema error"}`, ...(first?.nodeId === undefined ? {} : { nodeId: first.nodeId }) };
  }
  const arch = validated.architecture;
  try {
    const chain = archonChain(arch);
    const warnings: ArchonWarning[] = [];
    const layers = chain.layers.map((layer, i) => {
      const repeatSeeds = importedRepeatSeeds(layer);
      return layer.map((node, j) => component(node, `layers[${i}][${j}]`, warnings, repeatSeeds.has(node.id)));
    });
    const config: ArchonConfig = { name: arch.name, layers };
    return { ok: true, config, warnings };
  } catch (error) {
    if (!(error instanceof NotExpressible)) throw error;
    return { ok: false, reason: `not expressible as Archon layers: ${error.message}`, ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }) };
  }
}

/**
 * The nodes of a layer whose seed is the one an import gives a repeated component
 * (`duplicate-component`): the k-th node equal to an earlier one but for its seed, with seed
 * k x DUPLICATE_SEED_STEP. Archon's repeats sample separately without it, so leaving it out
 * loses nothing, and an import gives it back.
 */
function importedRepeatSeeds(layer: readonly NodeSpec[]): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const node of layer) {
    const { seed, ...rest } = node.params;
    const kind = `${node.type}|${canonicalJson(rest)}`;
    const repeats = seen.get(kind);
    seen.set(kind, (repeats ?? -1) + 1);
    if (repeats !== undefined && seed === DUPLICATE_SEED_STEP * (repeats + 1)) ids.add(node.id);
  }
  return ids;
}

function component(node: NodeSpec, path: string, warnings: ArchonWarning[], repeatSeed: boolean): ArchonComponent {
  const p = node.params;
  const id = String(p["model"]);
  const mapped = archonModel(id);
  let model: { modelType: string; model: string };
  if (mapped === undefined) {
    model = { modelType: FALLBACK_MODEL_TYPE, model: id.slice(id.indexOf("/") + 1) };
    warnings.push({ code: "unmapped-model", path: `${path}.model_type`, nodeId: node.id, message: `model "${id}" has no Archon model_type (Archon knows Together, OpenAI, Anthropic, Groq, Google, Bedrock, tgi and vLLM); exported as vLLM model "${model.model}", serve it with vLLM or edit model and model_type` });
  } else {
    model = mapped;
  }
  const out: ArchonComponent = { type: COMPONENT_TYPE[node.type]!, model: model.model, model_type: model.modelType, temperature: p["temperature"] as number, max_tokens: p["max_tokens"] as number };
  switch (node.type) {
    case "generate":
      out.samples = p["samples"] as number;
      break;
    case "fuse":
      out.samples = p["fusers"] as number;
      out.use_critiques = p["use_critiques"] as boolean;
      break;
    case "critique":
      if (p["mode"] !== "batch") warnings.push(dropped(node, path, "mode", `Archon's critic reviews all candidates in one call (Itasca's batch mode), not each separately`));
      if (p["batch_prompt_template"] !== defaults(node)["batch_prompt_template"]) warnings.push(dropped(node, path, "batch_prompt_template", "Archon's critic prompt is fixed"));
      break;
    case "rank":
      out.top_k = p["top_k"] as number;
      if (p["mode"] !== "listwise") warnings.push(dropped(node, path, "mode", "Archon's LLM ranker is listwise"));
      if (p["pairwise_prompt_template"] !== defaults(node)["pairwise_prompt_template"]) warnings.push(dropped(node, path, "pairwise_prompt_template", "Archon's ranker prompt is fixed"));
      break;
    case "unit-test-generate":
      out.unit_test_cap = p["count"] as number;
      // Archon reads only the first reply of a unit-test generator, but requires the key.
      out.samples = 1;
      if (p["samples"] !== 1) warnings.push(dropped(node, path, "samples", "Archon reads only the first reply of a unit_test_generator"));
      if (p["extraction"] !== "lines") warnings.push(dropped(node, path, "extraction", "Archon parses its tests from a list of strings"));
      if (p["entry_point"] !== "") warnings.push(dropped(node, path, "entry_point", "Archon has no entry point"));
      break;
    case "unit-test-evaluate":
      if (p["top_k"] !== undefined) out.top_k = p["top_k"] as number;
      // Archon requires both keys; true matches Itasca, which never puts the tests in the query.
      out.samples = 1;
      out.remove_unit_tests_from_prompt = true;
      break;
  }
  checkDroppedCommon(node, path, warnings, repeatSeed);
  return out;
}

/** Params every LLM node has that Archon has no key for. */
function checkDroppedCommon(node: NodeSpec, path: string, warnings: ArchonWarning[], repeatSeed: boolean): void {
  const base = defaults(node);
  if (node.params["seed"] !== undefined && !repeatSeed) warnings.push(dropped(node, path, "seed", "Archon has no seeds"));
  for (const key of ["top_p", "system_prompt", "prompt_template"]) {
    if (node.params[key] !== base[key]) warnings.push(dropped(node, path, key, `Archon has no ${key}`));
  }
}

function defaults(node: NodeSpec): Record<string, unknown> {
  return (getNodeDefinition(node.type)?.defaults ?? {}) as Record<string, unknown>;
}

function dropped(node: NodeSpec, path: string, key: string, why: string): ArchonWarning {
  return { code: "param-dropped", path, nodeId: node.id, message: `node "${node.id}" sets ${key} = ${JSON.stringify(node.params[key])}, which Archon cannot express (${why}); left out` };
}
