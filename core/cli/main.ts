/**
 * The `itasca` command: dispatches to one module per subcommand and maps errors to exit codes.
 */
import { processIo, type CliIo } from "./io";
import { EXIT, InputError, UsageError } from "./usage-error";

export const mainHelp = `Usage: itasca <command> [options]

Design, validate and run inference-time architectures of LLMs.

Commands:
  validate <file>           check an architecture file
  run <file> --input <text> run an architecture on one query
  estimate <file>           expected calls, tokens, dollars and latency per query, before a run
  nodes                     list the technique node types
  schema                    print the JSON Schema of architecture files
  models                    list, add, test and discover models
  replay import <kind> <f>  convert recorded generations into a replay file (or check one)
  eval <file> --dataset <d> score an architecture on a dataset (list, export, compare)
  search <space.json>       search a space of architectures for the best under a budget
  sweep <file> --param <p>  evaluate an architecture at each value of a param (scaling curves)
  import archon <f|dir>     convert Archon configs into architecture files
  export archon <file>      write an architecture as an Archon config (when it is a chain of layers)
  sandbox <file> --lang <l> run an untrusted Python or JavaScript program in the code sandbox
  studio                    open the visual designer in your browser (127.0.0.1 only)
  serve <file>              serve an architecture as an OpenAI-compatible model (127.0.0.1 only)

Run "itasca <command> --help" for a command's options.
Data (call cache, runs, evaluations) lives in ITASCA_HOME, else the OS user data directory.
`;

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

// Loaded on demand: `itasca validate` should not pay for loading the model runtime.
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import("./commands/validate")).validateCommand,
  run: async () => (await import("./commands/run")).runCommand,
  estimate: async () => (await import("./commands/estimate")).estimateCommand,
  nodes: async () => (await import("./commands/nodes")).nodesCommand,
  schema: async () => (await import("./commands/schema")).schemaCommand,
  models: async () => (await import("./commands/models")).modelsCommand,
  replay: async () => (await import("./commands/replay")).replayCommand,
  eval: async () => (await import("./commands/eval")).evalCommand,
  search: async () => (await import("./commands/search")).searchCommand,
  sweep: async () => (await import("./commands/sweep")).sweepCommand,
  import: async () => (await import("./commands/import")).importCommand,
  export: async () => (await import("./commands/export")).exportCommand,
  sandbox: async () => (await import("./commands/sandbox")).sandboxCommand,
  studio: async () => (await import("./commands/studio")).studioCommand,
  serve: async () => (await import("./commands/serve")).serveCommand,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(mainHelp);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[name];
  try {
    if (!load) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(", ")}`);
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`itasca: ${error.message}\nRun "itasca ${load ? `${name} ` : ""}--help" for usage.\n`);
      return EXIT.usage;
    }
    // A broken models.json is the user's input too (the class is not imported: commands load lazily).
    if (error instanceof InputError || (error instanceof Error && error.name === "ModelsFileError")) {
      io.stderr(`itasca: ${error.message}\n`);
      return EXIT.invalidInput;
    }
    throw error;
  }
}
