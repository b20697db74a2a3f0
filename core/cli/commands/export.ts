import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { hasErrors } from "../../graph/diagnostics";
import { archonConfigText, exportArchonConfig } from "../../interop/archon";
import { validateArchitecture } from "../../validation/validate";
import type { CliIo } from "../io";
import { printDiagnostics, readArchitectureText } from "../read-architecture";
import { EXIT, parseCommandArgs, UsageError } from "../usage-error";

export const exportHelp = `Usage: itasca export archon <file> [--out <file>]

Writes an architecture as an Archon config ({"name", "layers": [[component, ...], ...]}) when
its DAG is a chain of layers over one candidate stream: input -> generators -> critics,
rankers, fusers, LLM verifiers, LLM unit-test evaluators -> output, with at most one unit-test
generator. Otherwise it names the node that prevents it (a vote, a program check, a branch that
does not reconverge). Params Archon has no key for are left out with a warning on stderr.

Options:
  --out <file>  write the config there (default: print it on stdout)
  -h, --help

Exit codes: 0 exported (warnings allowed), 1 invalid or not expressible, 2 usage error.
`;

export function exportCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout(exportHelp);
    return EXIT.ok;
  }
  const [kind, file, ...extra] = positionals;
  if (kind !== "archon") throw new UsageError(kind === undefined ? "export needs a format: itasca export archon <file>" : `cannot export "${kind}"; supported: archon`);
  if (file === undefined || extra.length > 0) throw new UsageError("export archon takes exactly one architecture file");
  const text = readArchitectureText(io, file);
  // Models need not be registered to be written into another tool's config.
  const validated = validateArchitecture(text, { file });
  if (validated.document === undefined || hasErrors(validated.diagnostics)) {
    printDiagnostics(io, file, validated.diagnostics, "stderr");
    return EXIT.invalidInput;
  }
  const result = exportArchonConfig(validated.document);
  if (!result.ok) {
    io.stderr(`itasca: ${file}: cannot export as an Archon config: ${result.reason}\n`);
    return EXIT.invalidInput;
  }
  for (const w of result.warnings) io.stderr(`warning ${file}: [${w.code}] ${w.message} (${w.path})\n`);
  const config = archonConfigText(result.config);
  if (values.out === undefined) {
    io.stdout(config);
    return EXIT.ok;
  }
  const out = resolve(io.cwd, values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, config);
  io.stdout(`exported ${file} -> ${values.out}\n`);
  return EXIT.ok;
}
