import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { createSandbox } from "../../eval/sandbox";
import { SANDBOX_LANGUAGES, type SandboxLanguage } from "../../nodes/sandbox-types";
import type { CliIo } from "../io";
import { EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const sandboxHelp = `Usage: itasca sandbox <file> --lang python|javascript [options]

Runs one untrusted program in the code sandbox, as the code scorer and the program nodes do:
Python on Pyodide or JavaScript on QuickJS, in a locked-down worker process with no host
files, network, processes or environment, a wall-time limit, a memory limit and an output cap.
Prints {status, exitCode, stdout, stderr, ms} as JSON; status is ok, error, timeout,
memory-limit or output-limit.

Options:
  --lang <language>   python or javascript (required)
  --timeout-ms <N>    wall-time limit; the worker is killed past it (default 10000)
  --memory-mb <N>     memory limit of the program (default 256)
  --stdin <file>      what the program reads from standard input (default: nothing)
  -h, --help

Exit codes: 0 the program ran (whatever its status and exit code), 1 missing or unreadable
file, 2 usage error.
`;

function readInput(name: string, path: string, what: string): string {
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${name}: cannot read the ${what}: it is a directory`);
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${name}: cannot read the ${what}${code === "ENOENT" ? ": no such file" : ` (${error instanceof Error ? error.message : String(error)})`}`);
  }
}

export async function sandboxCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      lang: { type: "string" },
      "timeout-ms": { type: "string" },
      "memory-mb": { type: "string" },
      stdin: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(sandboxHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("sandbox takes exactly one program file");
  if (values.lang === undefined) throw new UsageError(`sandbox needs --lang (${SANDBOX_LANGUAGES.join(" or ")})`);
  if (!(SANDBOX_LANGUAGES as readonly string[]).includes(values.lang)) throw new UsageError(`unknown --lang "${values.lang}"; languages: ${SANDBOX_LANGUAGES.join(", ")}`);
  const timeoutMs = numberOption(values["timeout-ms"], "--timeout-ms", { integer: true, positive: true });
  const memoryMb = numberOption(values["memory-mb"], "--memory-mb", { positive: true });

  const code = readInput(file, resolve(io.cwd, file), "program file");
  const stdin = values.stdin === undefined ? "" : readInput(values.stdin, resolve(io.cwd, values.stdin), "--stdin file");
  const sandbox = createSandbox({ poolSize: 1 });
  try {
    const result = await sandbox.run({ language: values.lang as SandboxLanguage, code, stdin, timeoutMs, memoryMb });
    const { status, exitCode, stdout, stderr, ms } = result;
    io.stdout(`${JSON.stringify({ status, exitCode, stdout, stderr, ms }, null, 2)}\n`);
    return EXIT.ok;
  } finally {
    await sandbox.close();
  }
}
