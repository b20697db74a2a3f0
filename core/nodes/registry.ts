/**
 * Every node type, as a module constant: the type union, the palette and validation all
 * derive from this one list (adding a node means adding one file and one line here).
 */
import type { AnyNodeDefinition, NodeDefinition } from "./define";
import { critiqueNode } from "./critique";
import { fuseNode } from "./fuse";
import { generateNode } from "./generate";
import { inputNode } from "./input";
import { outputNode } from "./output";
import { rankNode } from "./rank";
import { selectNode } from "./select";
import { unitTestEvaluateNode } from "./unit-test-evaluate";
import { unitTestGenerateNode } from "./unit-test-generate";
import { verifyNode } from "./verify";
import { voteNode } from "./vote";

export const NODE_DEFINITIONS = [
  inputNode,
  generateNode,
  critiqueNode,
  rankNode,
  fuseNode,
  verifyNode,
  unitTestGenerateNode,
  unitTestEvaluateNode,
  voteNode,
  selectNode,
  outputNode,
] as const;

export type NodeType = (typeof NODE_DEFINITIONS)[number]["type"];

/**
 * A definition as `defineNode` returns it, before the registry erases its types. Its `run`
 * takes the node's own inputs, which `AnyNodeDefinition` (inputs of every shape) cannot
 * accept, so the registry takes definitions through this wider type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ports and params of every node shape; the engine supplies the inputs each definition declares
export type DefinedNode = NodeDefinition<string, any, any, any>;

/**
 * A lookup by type.
 * @throws Error when two definitions share a type, naming it.
 */
export function createNodeRegistry(definitions: readonly DefinedNode[]): ReadonlyMap<string, AnyNodeDefinition> {
  const registry = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.type)) throw new Error(`node type "${definition.type}" is defined twice; every node type must be unique`);
    registry.set(definition.type, definition);
  }
  return registry;
}

export const nodeRegistry: ReadonlyMap<string, AnyNodeDefinition> = createNodeRegistry(NODE_DEFINITIONS);

/** The definition of a node type, or undefined for an unknown type. */
export function getNodeDefinition(type: string): AnyNodeDefinition | undefined {
  return nodeRegistry.get(type);
}
