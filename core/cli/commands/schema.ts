import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { architectureJsonSchema } from "../../validation/json-schema";
import type { CliIo } from "../io";
import { EXIT, parseCommandArgs, UsageError } from "../usage-error";

export const schemaHelp = `Usage: itasca schema [--out <file>]

Prints the JSON Schema of *.itasca.json files (with every node type's params), for editors.

Options:
  --out <file>   write it to a file instead of stdout
  -h, --help
`;

export function schemaCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout(schemaHelp);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError("schema takes no arguments");
  const text = `${JSON.stringify(architectureJsonSchema(), null, 2)}\n`;
  if (values.out) writeFileSync(resolve(io.cwd, values.out), text);
  else io.stdout(text);
  return EXIT.ok;
}
