import { z } from "zod";
import type { AnyNodeDefinition } from "../../nodes/define";
import { NODE_DEFINITIONS } from "../../nodes/registry";
import type { CliIo } from "../io";
import { EXIT, parseCommandArgs, UsageError } from "../usage-error";

export const nodesHelp = `Usage: itasca nodes [--json]

Lists the technique node types with their input and output ports and their params.

Options:
  --json    print [{type, title, category, description, inputs, outputs, params}] (params as JSON Schema)
  -h, --help
`;

interface ParamSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
}

export function describeNode(def: AnyNodeDefinition) {
  const params = z.toJSONSchema(def.params, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, ParamSchema> };
  return {
    type: def.type,
    title: def.title,
    category: def.category,
    description: def.description,
    inputs: Object.entries(def.inputs).map(([name, port]) => ({ name, type: port.type, required: port.required !== false, description: port.description })),
    outputs: Object.entries(def.outputs).map(([name, port]) => ({ name, type: port.type, description: port.description })),
    params: params.properties ?? {},
  };
}

export function nodesCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout(nodesHelp);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError("nodes takes no arguments");
  const described = NODE_DEFINITIONS.map((def) => describeNode(def as AnyNodeDefinition));
  if (values.json) {
    io.stdout(`${JSON.stringify(described, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const node of described) {
    io.stdout(`${node.type} (${node.category}): ${node.description}\n`);
    const ports = (list: { name: string; type: string; required?: boolean }[]) => list.map((p) => `${p.name}:${p.type}${p.required === false ? "?" : ""}`).join(", ") || "none";
    io.stdout(`  inputs:  ${ports(node.inputs)}\n  outputs: ${ports(node.outputs)}\n`);
    for (const [name, schema] of Object.entries(node.params)) io.stdout(`  --${name}: ${describeParam(schema)}\n`.replace("  --", "  param "));
    io.stdout("\n");
  }
  return EXIT.ok;
}

function describeParam(schema: ParamSchema): string {
  const kind = schema.enum ? schema.enum.map((v) => JSON.stringify(v)).join(" | ") : (schema.type ?? "value");
  // zod writes "no upper bound" on integers as MAX_SAFE_INTEGER.
  const maximum = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  const range = schema.minimum !== undefined || maximum !== undefined ? ` ${schema.minimum ?? ""}..${maximum ?? ""}` : "";
  const fallback = schema.default === undefined ? ", optional" : `, default ${truncate(JSON.stringify(schema.default))}`;
  return `${kind}${range}${fallback}`;
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
