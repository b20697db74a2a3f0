/** Shared setup for the renderer tests: fixture graphs and a store opened on one. */
import { readFileSync } from "node:fs";
import type { Architecture, GraphData } from "../../core/graph/schema";
import { validateArchitecture } from "../../core/validation/validate";
import { createItascaStore } from "../../renderer/store/create-store";
import type { EditResult } from "../../renderer/store/types";
import { ROOT } from "../helpers/architectures";

/** A document as the app opens it: migrated and checked, params as written (no defaults filled). */
export function openDocument(pathFromRoot: string): Architecture {
  const result = validateArchitecture(readFileSync(`${ROOT}${pathFromRoot}`, "utf8"));
  if (result.document === undefined) throw new Error(`${pathFromRoot}: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  return result.document;
}

export const SAMPLE = "presets/architectures/sample-rank-fuse.itasca.json";
export const SCRAMBLED = "tests/renderer/fixtures/scrambled.itasca.json";
export const FRAGMENT = "tests/renderer/fixtures/fragment.itasca.json";

export function readText(pathFromRoot: string): string {
  return readFileSync(`${ROOT}${pathFromRoot}`, "utf8");
}

export function graphOfFile(pathFromRoot: string): GraphData {
  const document = openDocument(pathFromRoot);
  return { nodes: document.nodes, edges: document.edges };
}

export const EMPTY: GraphData = { nodes: [], edges: [] };

/** A store opened on a file. */
export function storeWith(pathFromRoot: string) {
  return createItascaStore({ document: openDocument(pathFromRoot), fileName: pathFromRoot.split("/").pop() ?? pathFromRoot });
}

/** An accepted edit's result; fails the test with the reason when the edit was refused. */
export function expectOk(result: EditResult): { graph: GraphData; created: readonly string[] } {
  if (!result.ok) throw new Error(`edit refused (${result.code}): ${result.reason}`);
  return result;
}
