import type { CliIo } from "../io";
import { printDiagnostics, readArchitectureFile, registryFor } from "../read-architecture";
import { EXIT, parseCommandArgs, UsageError } from "../usage-error";

export const validateHelp = `Usage: itasca validate <file> [--json]

Checks an architecture file: JSON, schema, node types, edges and port types, cycles,
required inputs, params, output node, reachability and model ids.
Prints one diagnostic per line: <file>: <code> <node or path>: <message> (<hint>)

Options:
  --json    print {valid, diagnostics} instead
  -h, --help

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error.
`;

export function validateCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout(validateHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("validate takes exactly one file");
  const { diagnostics, valid } = readArchitectureFile(io, file, registryFor(io, file));
  if (values.json) io.stdout(`${JSON.stringify({ valid, diagnostics }, null, 2)}\n`);
  else if (diagnostics.length === 0) io.stdout(`${file}: valid\n`);
  else printDiagnostics(io, file, diagnostics, "stdout");
  return valid ? EXIT.ok : EXIT.invalidInput;
}
