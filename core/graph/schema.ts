/**
 * The `*.itasca.json` architecture file, version 1 (ARCHITECTURE.md section 2).
 * Data only: behaviour lives in validate.ts and the node definitions.
 */
import { z } from "zod";

/** The file format version this build writes. Older versions are migrated on load. */
export const ARCHITECTURE_VERSION = 1;

/** The `$schema` value written into new files, resolvable from the repository root. */
export const ARCHITECTURE_SCHEMA_URI = "https://itasca.dev/schema/architecture-v1.json";

export const PositionSchema = z.object({ x: z.number(), y: z.number() }).strict();

export const NodeSpecSchema = z
  .object({
    id: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, "node ids use letters, digits, '_', '-' and '.'"),
    type: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    position: PositionSchema.default({ x: 0, y: 0 }),
  })
  .strict();

/** `[nodeId, portName]` */
export const PortRefSchema = z.tuple([z.string().min(1), z.string().min(1)]);

export const EdgeSpecSchema = z.object({ from: PortRefSchema, to: PortRefSchema }).strict();

export const ArchitectureSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(ARCHITECTURE_VERSION),
    name: z.string().min(1),
    description: z.string().optional(),
    nodes: z.array(NodeSpecSchema),
    edges: z.array(EdgeSpecSchema),
  })
  .strict();

export type Position = z.infer<typeof PositionSchema>;
export type NodeSpec = z.infer<typeof NodeSpecSchema>;
export type EdgeSpec = z.infer<typeof EdgeSpecSchema>;
export type PortRef = z.infer<typeof PortRefSchema>;
export type Architecture = z.infer<typeof ArchitectureSchema>;

/** The nodes and edges of an architecture: what an edit changes, undo tracks and the estimator reads. Treated as immutable. */
export interface GraphData {
  readonly nodes: readonly NodeSpec[];
  readonly edges: readonly EdgeSpec[];
}
