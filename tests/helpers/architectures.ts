/** Loads architecture files (presets and fixtures) through the real validator. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Architecture } from "../../core/graph/schema";
import { validateArchitecture } from "../../core/validation/validate";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function loadArchitecture(pathFromRoot: string): Architecture {
  const result = validateArchitecture(readFileSync(`${ROOT}${pathFromRoot}`, "utf8"));
  if (!result.architecture) throw new Error(`${pathFromRoot}: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  return result.architecture;
}

/** A copy of the architecture with one node's params changed. */
export function withParams(architecture: Architecture, nodeId: string, params: Record<string, unknown>): Architecture {
  return { ...architecture, nodes: architecture.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, ...params } } : n)) };
}
