import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { hasErrors } from "../../graph/diagnostics";
import { serializeArchitecture } from "../../graph/serialize";
import { importArchonConfig, type ArchonWarning } from "../../interop/archon";
import { validateArchitecture } from "../../validation/validate";
import type { CliIo } from "../io";
import { registryFor } from "../read-architecture";
import { EXIT, InputError, parseCommandArgs, UsageError } from "../usage-error";

export const importHelp = `Usage: itasca import archon <file|dir>... [--out <dir>] [--json]

Converts Archon configs ({"name", "layers": [[component, ...], ...]}) into architecture files
with explicit typed edges. A directory is read one level deep: its *.json files (not
*.itasca.json); other files and subfolders are skipped. Each config <name>.json is written as
<out>/<name>.itasca.json.

Prints per file:
  imported <file> -> <out file>
  warning <file>: [code] message (json path)
  rejected <file>: reason
then a summary. A warned file is imported too (imported counts it, warned says how many of
those had defects). A model missing from the registry is reported once, with the exact
\`itasca models add\` command, and listed in unregisteredModels (it does not make a file warned).

Options:
  --out <dir>   where to write the architecture files (default: the current directory)
  --json        print {imported, warned, rejected: [{file, reason}], skipped, unregisteredModels,
                files} instead
  -h, --help

Exit codes: 0 every config imported (warnings allowed), 1 a config was rejected or a path is
missing, 2 usage error.
`;

interface FileResult {
  file: string;
  status: "imported" | "rejected";
  out?: string;
  warnings?: ArchonWarning[];
  reason?: string;
}

export function importCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { out: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout(importHelp);
    return EXIT.ok;
  }
  const [kind, ...paths] = positionals;
  if (kind !== "archon") throw new UsageError(kind === undefined ? "import needs a format: itasca import archon <file|dir>" : `cannot import "${kind}"; supported: archon`);
  if (paths.length === 0) throw new UsageError("import archon takes at least one file or directory");
  const outDir = resolve(io.cwd, values.out ?? ".");
  const { files, skipped } = collectFiles(io, paths);
  const registry = registryFor(io, join(outDir, "archon.itasca.json"));
  mkdirSync(outDir, { recursive: true });
  const written = new Map<string, string>();
  const results = files.map((file) => importOne(io, file, outDir, written, (id) => registry.has(id)));

  const imported = results.filter((r) => r.status === "imported");
  // A model the registry lacks is the user's setup, not a defect of the config: it is listed in
  // unregisteredModels, so `warned` still picks out the defective configs of a directory.
  const warned = imported.filter((r) => (r.warnings ?? []).some((w) => w.code !== "model-not-registered"));
  const rejected = results.filter((r) => r.status === "rejected").map((r) => ({ file: r.file, reason: r.reason ?? "" }));
  const unregistered = unregisteredModels(results);
  if (values.json) {
    io.stdout(`${JSON.stringify({ imported: imported.length, warned: warned.length, rejected, skipped, unregisteredModels: unregistered, files: results }, null, 2)}\n`);
  } else {
    printResults(io, results);
    io.stdout(`${imported.length} imported (${warned.length} with warnings), ${rejected.length} rejected${skipped.length > 0 ? `, ${skipped.length} skipped (not *.json)` : ""}\n`);
    if (unregistered.length > 0) io.stdout(`${unregistered.length} model(s) not in the registry: register each with the command in its warning\n`);
  }
  return rejected.length > 0 ? EXIT.invalidInput : EXIT.ok;
}

function printResults(io: CliIo, results: readonly FileResult[]): void {
  // A model shared by many configs is reported with the first: one fix per model, not per file.
  const reported = new Set<string>();
  for (const r of results) {
    if (r.status === "rejected") {
      io.stdout(`rejected ${r.file}: ${r.reason}\n`);
      continue;
    }
    io.stdout(`imported ${r.file} -> ${r.out}\n`);
    for (const w of r.warnings ?? []) {
      if (w.model !== undefined) {
        if (reported.has(w.model)) continue;
        reported.add(w.model);
      }
      io.stdout(`warning ${r.file}: [${w.code}] ${w.message} (${w.path})\n`);
    }
  }
}

/** Each model the imports use that the registry lacks, with the command that adds it. */
function unregisteredModels(results: readonly FileResult[]): { model: string; fix: string }[] {
  const found = new Map<string, string>();
  for (const w of results.flatMap((r) => r.warnings ?? [])) if (w.model !== undefined && !found.has(w.model)) found.set(w.model, w.fix ?? "");
  return [...found].map(([model, fix]) => ({ model, fix }));
}

/** The config files named or found one level inside the named directories, in a stable order. */
function collectFiles(io: CliIo, paths: readonly string[]): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or directory`);
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    for (const entry of readdirSync(absolute, { withFileTypes: true }).sort(byName)) {
      const shown = join(path, entry.name);
      if (entry.isFile() && isConfigName(entry.name)) files.push(shown);
      else skipped.push(shown);
    }
  }
  return { files, skipped };
}

/** Code-unit order, not the locale's: the same listing on every machine. */
function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function isConfigName(name: string): boolean {
  return name.toLowerCase().endsWith(".json") && !name.toLowerCase().endsWith(".itasca.json");
}

function importOne(io: CliIo, file: string, outDir: string, written: Map<string, string>, knownModels: (id: string) => boolean): FileResult {
  try {
    const text = readFileSync(resolve(io.cwd, file), "utf8");
    const result = importArchonConfig(text, { file, knownModels });
    if (!result.ok) return { file, status: "rejected", reason: result.reason };
    const outFile = join(outDir, `${basename(file).replace(/\.json$/i, "")}.itasca.json`);
    const earlier = written.get(outFile);
    if (earlier !== undefined) return { file, status: "rejected", reason: `${file}: its output ${shown(io, outFile)} was already written for ${earlier} in this run; import it with a different --out` };
    const serialized = serializeArchitecture(result.architecture);
    // The importer promises a valid file; checking costs little and keeps a bug from writing a broken one.
    const check = validateArchitecture(serialized, { file: outFile });
    const error = check.diagnostics.find((d) => d.severity === "error");
    if (hasErrors(check.diagnostics)) return { file, status: "rejected", reason: `${file}: the imported architecture does not validate (${error?.code ?? ""}: ${error?.message ?? ""}); please report this` };
    writeFileSync(outFile, serialized);
    written.set(outFile, file);
    return { file, status: "imported", out: shown(io, outFile), warnings: result.warnings };
  } catch (error) {
    // One unreadable file must not stop the rest of a directory.
    return { file, status: "rejected", reason: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function shown(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel.startsWith("..") ? path : rel;
}
