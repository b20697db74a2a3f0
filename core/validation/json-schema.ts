/**
 * The JSON Schema of `*.itasca.json`, derived from the zod schema and the node registry, so an
 * editor completes node types and each type's params (with their descriptions and defaults).
 * Written to `presets/itasca.schema.json` by `itasca schema`.
 */
import { z } from "zod";
import { ARCHITECTURE_SCHEMA_URI, ArchitectureSchema, NodeSpecSchema } from "../graph/schema";
import type { AnyNodeDefinition } from "../nodes/define";
import { NODE_DEFINITIONS } from "../nodes/registry";

function nodeVariant(definition: AnyNodeDefinition) {
  const params: z.ZodObject = definition.params;
  return NodeSpecSchema.extend({
    type: z.literal(definition.type),
    // Strict here although validation reports unknown params itself: the editor should flag a typo as it is typed.
    params: z.strictObject(params.shape).optional(),
  }).describe(`${definition.title}: ${definition.description}`);
}

/**
 * A JSON Schema (draft 2020-12) of the architecture file: nodes are a `oneOf` discriminated by
 * `type`, each carrying that node type's params schema. Describes what may be written (defaulted
 * fields are optional), not what a load returns.
 *
 * @param definitions The node types to describe. @default NODE_DEFINITIONS
 */
export function architectureJsonSchema(definitions: readonly AnyNodeDefinition[] = NODE_DEFINITIONS): Record<string, unknown> {
  const [first, ...rest] = definitions.map(nodeVariant);
  if (first === undefined) throw new Error("architectureJsonSchema: no node definitions to describe");
  const schema = ArchitectureSchema.extend({
    $schema: z.string().optional().describe("The JSON Schema this file follows, for editor completion."),
    nodes: z.array(z.discriminatedUnion("type", [first, ...rest])).describe("The technique nodes; ids are unique."),
    edges: ArchitectureSchema.shape.edges.describe('Typed connections: { "from": [nodeId, outputPort], "to": [nodeId, inputPort] }.'),
  });
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...body } = json;
  return {
    $schema,
    $id: ARCHITECTURE_SCHEMA_URI,
    title: "Itasca architecture",
    description: "An inference-time architecture: a DAG of technique nodes joined by typed edges (*.itasca.json).",
    ...body,
  };
}
